package dev.pushflow.credentials;

/**
 * Masking for secrets shown in the UI or the CLI. Records that hold secrets never print them at all;
 * {@link #mask} is for the places where a user needs a hint of what was typed ("pu***st").
 */
public final class Secrets {
    /** Secrets shorter than this are masked completely: showing 4 of 6 characters would give them away. */
    static final int MIN_LENGTH_FOR_HINT = 8;

    private Secrets() {
    }

    /**
     * "pushflow-test" becomes "pu***st": the first two and last two characters around "***". Secrets under
     * eight characters become "***"; null or empty becomes "" (nothing to hide).
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        int n = secret.codePointCount(0, secret.length());
        if (n < MIN_LENGTH_FOR_HINT) {
            return "***";
        }
        int headEnd = secret.offsetByCodePoints(0, 2);
        int tailStart = secret.offsetByCodePoints(secret.length(), -2);
        return secret.substring(0, headEnd) + "***" + secret.substring(tailStart);
    }

    /** Like {@link #mask(String)} for a password held as characters. */
    public static String mask(char[] secret) {
        return secret == null ? "" : mask(new String(secret));
    }
}
