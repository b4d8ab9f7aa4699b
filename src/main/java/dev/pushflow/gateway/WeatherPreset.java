package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The window's named APNs weathers: each is a {@link Weather} spec. {@link #describe(EmbeddedGateways)} names the
 * weather in force on the embedded gateways for the status bar ("flaky on sandbox"), whoever set it (the window's
 * card, a scenario's weather step).
 */
public enum WeatherPreset {
    CLEAR("clear", ""),
    /** Now and then what a busy APNs does: a few 429s, the odd 500/503 and a reset connection. */
    FLAKY("flaky", "429=3%,500=1%,503=1%,reset=0.5%"),
    /** APNs down: every request gets 503 ServiceUnavailable. */
    OUTAGE("outage", "503=100%"),
    /** A slow APNs: every answer 400 to 600 ms late. */
    SLOW("slow", "latency=400~200");

    private final String label;
    private final String spec;

    WeatherPreset(String label, String spec) {
        this.label = label;
        this.spec = spec;
    }

    public String label() {
        return label;
    }

    /** The {@link Weather} spec ("" for clear). */
    public String spec() {
        return spec;
    }

    /** The preset whose spec this is (spaces and case aside), or null for a custom spec. */
    public static WeatherPreset ofSpec(String spec) {
        String s = normalise(spec);
        for (WeatherPreset p : values()) {
            if (normalise(p.spec).equals(s) || (p == CLEAR && s.equals("clear"))) {
                return p;
            }
        }
        return null;
    }

    /** A spec's name for people: the preset's label, else the spec itself. */
    public static String name(Weather weather) {
        if (weather.isClear()) {
            return CLEAR.label;
        }
        WeatherPreset p = ofSpec(weather.toString());
        return p == null ? weather.toString() : p.label;
    }

    /**
     * The weather in force on the gateways in one phrase: "" when both are clear, "flaky on sandbox", "outage on
     * both", "flaky on sandbox · slow on production".
     */
    public static String describe(EmbeddedGateways gateways) {
        Weather sandbox = gateways.get(ApnsEnvironment.SANDBOX).weather();
        Weather production = gateways.get(ApnsEnvironment.PRODUCTION).weather();
        if (sandbox.isClear() && production.isClear()) {
            return "";
        }
        if (!sandbox.isClear() && !production.isClear() && name(sandbox).equals(name(production))) {
            return name(sandbox) + " on both";
        }
        List<String> parts = new ArrayList<>();
        if (!sandbox.isClear()) {
            parts.add(name(sandbox) + " on sandbox");
        }
        if (!production.isClear()) {
            parts.add(name(production) + " on production");
        }
        return String.join(" · ", parts);
    }

    private static String normalise(String spec) {
        return spec == null ? "" : spec.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
