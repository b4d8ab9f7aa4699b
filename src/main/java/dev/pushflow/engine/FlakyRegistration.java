package dev.pushflow.engine;

import java.util.SplittableRandom;

/**
 * The seed's "requesting deviceToken from Apple might fail in the development environment": the chance that one
 * token request of a Debug build (and, if set, of a Release build) fails or goes unanswered. Deterministic: the
 * outcome of a request depends only on the seed, the device's id and the request's number, so a scenario or a
 * test gives the same answers on every run, whatever else runs.
 *
 * @param debugChance   0..1, for Debug builds (sandbox tokens)
 * @param releaseChance 0..1, for Release builds (production tokens); 0 by default
 * @param seed          any number
 */
public record FlakyRegistration(double debugChance, double releaseChance, long seed) {
    /** Every request answered: the default. */
    public static final FlakyRegistration NONE = new FlakyRegistration(0, 0, 0);

    public FlakyRegistration {
        check(debugChance, "debug");
        check(releaseChance, "release");
    }

    /** A chance for Debug builds only; Release builds unaffected. */
    public static FlakyRegistration debugOnly(double chance, long seed) {
        return new FlakyRegistration(chance, 0, seed);
    }

    private static void check(double chance, String build) {
        if (!(chance >= 0 && chance <= 1)) {
            throw new IllegalArgumentException("the " + build + " build's failure chance is between 0 and 1 (0.3 = 30%),"
                    + " not " + chance);
        }
    }

    public boolean isOff() {
        return debugChance == 0 && releaseChance == 0;
    }

    /** What request number {@code attempt} (1 = the first) of a device gets. */
    TokenRegistration draw(String deviceId, int attempt, boolean debug) {
        double chance = debug ? debugChance : releaseChance;
        if (chance == 0) {
            return TokenRegistration.OK;
        }
        SplittableRandom r = random(deviceId, attempt);
        if (r.nextDouble() >= chance) {
            return TokenRegistration.OK;
        }
        return r.nextBoolean() ? TokenRegistration.FAILS : TokenRegistration.NO_ANSWER;
    }

    /** The error text of a failed request number {@code attempt}. */
    String error(String deviceId, int attempt) {
        SplittableRandom r = random(deviceId, attempt);
        r.nextDouble();
        r.nextBoolean();
        return TokenRegistrationError.ALL.get(r.nextInt(TokenRegistrationError.ALL.size()));
    }

    private SplittableRandom random(String deviceId, int attempt) {
        long h = seed;
        for (int i = 0; i < deviceId.length(); i++) {
            h = h * 31 + deviceId.charAt(i);
        }
        return new SplittableRandom(h * 0x9E3779B97F4A7C15L + attempt);
    }

    public String describe() {
        if (isOff()) {
            return "off";
        }
        return percent(debugChance) + " of Debug" + (releaseChance == 0 ? "" : ", " + percent(releaseChance) + " of Release")
                + " token requests fail (seed " + seed + ")";
    }

    private static String percent(double chance) {
        double p = chance * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }
}
