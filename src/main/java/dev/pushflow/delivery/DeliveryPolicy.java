package dev.pushflow.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the backend treats a push APNs did not take: what Apple asks of a provider. 429 is retried after a delay,
 * 500, 503 and connection trouble with exponential back-off and jitter, up to {@code maxAttempts} attempts and never
 * past the push's apns-expiration; final answers (400s, 403s, 410, 413) never. Every attempt carries the same
 * apns-id. {@code pushTimeout} bounds the wait for one answer: a stalled stream is given up (and retried).
 *
 * <p>{@link #OFF} sends once (still with the per-push timeout); {@link #DEFAULT} is what the engine uses unless
 * told otherwise; {@link #parse} reads a custom one ({@code attempts=5,backoff=200ms,timeout=5s}).</p>
 *
 * @param maxAttempts      attempts in all, the first included (1 = no retry)
 * @param firstBackoff     the wait before the second attempt after a 500/503/connection failure; doubled each time
 * @param maxBackoff       the longest wait between two attempts
 * @param tooManyRequests  the wait before retrying a 429 (doubled each time, like the back-off)
 * @param jitter           the share of each wait taken off at random (0 = none, 0.5 = between half and all of it)
 * @param pushTimeout      how long one attempt waits for APNs' answer
 */
public record DeliveryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration tooManyRequests,
                             double jitter, Duration pushTimeout) {

    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofSeconds(1), 0.5, Duration.ofSeconds(10));
    public static final DeliveryPolicy OFF = DEFAULT.withMaxAttempts(1);

    public DeliveryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("attempts must be 1 to 20, not " + maxAttempts);
        }
        positive("backoff", firstBackoff);
        positive("max-backoff", maxBackoff);
        positive("429-delay", tooManyRequests);
        positive("timeout", pushTimeout);
        if (pushTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("timeout must be at most 10 min, not " + pushTimeout.toSeconds() + " s");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, not " + jitter);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration like 200ms or 2s");
        }
    }

    public boolean retries() {
        return maxAttempts > 1;
    }

    public DeliveryPolicy withMaxAttempts(int attempts) {
        return new DeliveryPolicy(attempts, firstBackoff, maxBackoff, tooManyRequests, jitter, pushTimeout);
    }

    public DeliveryPolicy withPushTimeout(Duration timeout) {
        return new DeliveryPolicy(maxAttempts, firstBackoff, maxBackoff, tooManyRequests, jitter, timeout);
    }

    /**
     * Reads {@code off}, {@code default}, or comma-separated {@code key=value} over the default: attempts (1-20),
     * backoff, max-backoff, 429-delay, timeout (durations: 250ms, 2s, 1m), jitter (0-1).
     *
     * @throws IllegalArgumentException naming the bad part and what is expected
     */
    public static DeliveryPolicy parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("default") || s.equals("on")) {
            return DEFAULT;
        }
        if (s.equals("off") || s.equals("none")) {
            return OFF;
        }
        int attempts = DEFAULT.maxAttempts;
        Duration backoff = DEFAULT.firstBackoff;
        Duration max = DEFAULT.maxBackoff;
        Duration tooMany = DEFAULT.tooManyRequests;
        double jitter = DEFAULT.jitter;
        Duration timeout = DEFAULT.pushTimeout;
        for (String part : s.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + p + "' is not key=value; use off, default, or for instance"
                        + " attempts=5,backoff=200ms,max-backoff=5s,429-delay=1s,jitter=0.5,timeout=10s");
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "attempts" -> attempts = Integer.parseInt(value);
                    case "backoff" -> backoff = duration(value);
                    case "max-backoff" -> max = duration(value);
                    case "429-delay" -> tooMany = duration(value);
                    case "timeout" -> timeout = duration(value);
                    case "jitter" -> jitter = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown key '" + key + "'; known: attempts, backoff,"
                            + " max-backoff, 429-delay, jitter, timeout");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "': '" + value + "' is not a number");
            }
        }
        return new DeliveryPolicy(attempts, backoff, max, tooMany, jitter, timeout);
    }

    /** 250ms, 2s, 1m, or a bare number of milliseconds. */
    static Duration duration(String v) {
        String t = v.trim();
        if (!t.matches("[0-9]{1,9}(ms|s|m)?")) {
            throw new IllegalArgumentException("'" + v + "' is not a duration; write 250ms, 2s or 1m");
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofMillis(Long.parseLong(t));
    }

    /** One line for logs and summaries: "off (timeout 10 s)" or "4 attempts, back-off 200 ms to 5 s, ...". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!retries()) {
            return "off (one attempt, timeout " + ConnectionFailure.seconds(pushTimeout) + ")";
        }
        parts.add(maxAttempts + " attempts");
        parts.add("back-off " + firstBackoff.toMillis() + " ms doubling to " + maxBackoff.toMillis() + " ms");
        parts.add("429 after " + tooManyRequests.toMillis() + " ms");
        parts.add("jitter " + Math.round(jitter * 100) + "%");
        parts.add("timeout " + ConnectionFailure.seconds(pushTimeout));
        return String.join(", ", parts);
    }
}
