package dev.pushflow.gateway;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * APNs weather: how often a gateway answers a complete request with a fault instead of its verdict, and how late it
 * answers. Parsed from a spec of comma-separated {@code KIND=RATE} parts, e.g.
 * {@code 429=5%,500=2%,503=1%,shutdown=0.5%,goaway=1%,reset=1%,stall=0.5%,latency=20~10,per-token=50}:
 * <ul>
 *   <li>{@code 429} TooManyRequests, {@code 500} InternalServerError, {@code 503} ServiceUnavailable;</li>
 *   <li>{@code shutdown}: 503 Shutdown, then GOAWAY and the connection closes;</li>
 *   <li>{@code goaway}: GOAWAY that leaves the request unanswered (its stream is past the last one processed);</li>
 *   <li>{@code reset}: the TCP connection is reset;</li>
 *   <li>{@code stall}: the request is never answered;</li>
 *   <li>{@code latency=MS} or {@code latency=MS~JITTER}: every answer waits MS plus up to JITTER milliseconds;</li>
 *   <li>{@code per-token=N}: Apple's per-device rate limit, more than N pushes to one token within a second is 429
 *       TooManyRequests.</li>
 * </ul>
 * RATE is a percentage ({@code 5%}) or a fraction ({@code 0.05}); the rates add up to at most 100%. The plan is
 * deterministic: the n-th request a gateway decides gets the same fault for the same seed. Immutable.
 */
public final class Weather {

    /** What a request can get instead of its answer. */
    public enum Fault {
        TOO_MANY_REQUESTS("429"), INTERNAL_SERVER_ERROR("500"), SERVICE_UNAVAILABLE("503"), SHUTDOWN("shutdown"),
        GOAWAY("goaway"), RESET("reset"), STALL("stall");

        private final String kind;

        Fault(String kind) {
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    public static final Weather CLEAR = new Weather(new EnumMap<>(Fault.class), 0, 0, 0, "");

    private final Map<Fault, Double> rates;
    private final Fault[] order;
    private final double[] cumulative;
    private final long latencyMillis;
    private final long jitterMillis;
    private final int perTokenPerSecond;
    private final String spec;

    private Weather(Map<Fault, Double> rates, long latencyMillis, long jitterMillis, int perTokenPerSecond,
                    String spec) {
        this.rates = Map.copyOf(rates);
        List<Fault> faults = new ArrayList<>();
        List<Double> cum = new ArrayList<>();
        double sum = 0;
        for (Fault f : Fault.values()) {
            Double r = rates.get(f);
            if (r != null && r > 0) {
                sum += r;
                faults.add(f);
                cum.add(sum);
            }
        }
        this.order = faults.toArray(new Fault[0]);
        this.cumulative = cum.stream().mapToDouble(Double::doubleValue).toArray();
        this.latencyMillis = latencyMillis;
        this.jitterMillis = jitterMillis;
        this.perTokenPerSecond = perTokenPerSecond;
        this.spec = spec;
    }

    /** Parses a spec; a blank spec is clear weather. A bad part is an IllegalArgumentException naming it. */
    public static Weather parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return CLEAR;
        }
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        long latency = 0;
        long jitter = 0;
        int perToken = 0;
        double total = 0;
        for (String raw : spec.split(",", -1)) {
            String part = raw.trim();
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw bad(part, "write KIND=RATE, e.g. 429=5%");
            }
            String kind = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            switch (kind) {
                case "latency" -> {
                    int tilde = value.indexOf('~');
                    latency = millis(part, tilde < 0 ? value : value.substring(0, tilde));
                    jitter = tilde < 0 ? 0 : millis(part, value.substring(tilde + 1));
                }
                case "per-token" -> {
                    try {
                        perToken = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw bad(part, "per-token is a whole number of pushes per token per second");
                    }
                    if (perToken < 1) {
                        throw bad(part, "per-token must be 1 or more");
                    }
                }
                default -> {
                    Fault fault = null;
                    for (Fault f : Fault.values()) {
                        if (f.kind.equals(kind)) {
                            fault = f;
                        }
                    }
                    if (fault == null) {
                        throw bad(part, "unknown kind '" + kind + "': use 429, 500, 503, shutdown, goaway, reset,"
                                + " stall, latency or per-token");
                    }
                    if (rates.containsKey(fault)) {
                        throw bad(part, kind + " is given twice");
                    }
                    double rate = rate(part, value);
                    total += rate;
                    rates.put(fault, rate);
                }
            }
        }
        if (total > 1.0 + 1e-9) {
            throw new IllegalArgumentException("bad weather '" + spec + "': the rates add up to "
                    + String.format(Locale.ROOT, "%.4g", total * 100) + "%, more than 100%");
        }
        return new Weather(rates, latency, jitter, perToken, spec.trim());
    }

    private static double rate(String part, String value) {
        boolean percent = value.endsWith("%");
        String number = percent ? value.substring(0, value.length() - 1).trim() : value;
        double r;
        try {
            r = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw bad(part, "the rate is a percentage like 5% or a fraction like 0.05");
        }
        if (percent) {
            r /= 100;
        }
        if (!(r >= 0 && r <= 1)) {
            throw bad(part, "the rate must be between 0% and 100%");
        }
        return r;
    }

    private static long millis(String part, String value) {
        try {
            long ms = Long.parseLong(value.trim());
            if (ms < 0 || ms > 600_000) {
                throw bad(part, "latency is 0 to 600000 milliseconds");
            }
            return ms;
        } catch (NumberFormatException e) {
            throw bad(part, "latency is MS or MS~JITTER in whole milliseconds, e.g. latency=20~10");
        }
    }

    private static IllegalArgumentException bad(String part, String why) {
        return new IllegalArgumentException("bad weather part '" + part + "': " + why);
    }

    /** The fault of a request for the uniform draw {@code u} in [0, 1), or {@code null} for none. */
    Fault faultFor(double u) {
        for (int i = 0; i < order.length; i++) {
            if (u < cumulative[i]) {
                return order[i];
            }
        }
        return null;
    }

    /** The delay of an answer for the uniform draw {@code u} in [0, 1). */
    long latencyFor(double u) {
        return latencyMillis + (jitterMillis == 0 ? 0 : (long) (u * (jitterMillis + 1)));
    }

    public boolean isClear() {
        return order.length == 0 && latencyMillis == 0 && jitterMillis == 0 && perTokenPerSecond == 0;
    }

    public double rate(Fault f) {
        return rates.getOrDefault(f, 0.0);
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public long jitterMillis() {
        return jitterMillis;
    }

    /** Pushes one token may get per second before 429 TooManyRequests; 0: no limit. */
    public int perTokenPerSecond() {
        return perTokenPerSecond;
    }

    boolean hasLatency() {
        return latencyMillis > 0 || jitterMillis > 0;
    }

    @Override
    public String toString() {
        return spec.isEmpty() ? "clear" : spec;
    }
}
