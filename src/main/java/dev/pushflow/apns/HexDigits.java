package dev.pushflow.apns;

/**
 * ASCII hex digits without a branch per character. Device tokens and apns-ids are random hex, so a check written
 * as {@code c >= '0' && c <= '9' || c >= 'a' && ...} mispredicts about every other character: 36 of them cost the
 * gateway and the engine about 200 ns per apns-id on this project's machine, several times per push. A table look-up
 * per character and one test at the end cost a few nanoseconds each.
 */
public final class HexDigits {
    /** Per ASCII character: its value as a hex digit in either case, or -1. */
    private static final byte[] EITHER_CASE = table(true);
    /** The same for lowercase digits only (what APNs takes on the wire). */
    private static final byte[] LOWERCASE = table(false);

    private HexDigits() {
    }

    private static byte[] table(boolean upper) {
        byte[] t = new byte[128];
        java.util.Arrays.fill(t, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            t[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            t[c] = (byte) (c - 'a' + 10);
            if (upper) {
                t[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
            }
        }
        return t;
    }

    /** The value (0-15) of an ASCII hex digit, or a negative number for any other character (beyond ASCII too). */
    public static int value(char c, boolean lowercaseOnly) {
        return lookup(lowercaseOnly ? LOWERCASE : EITHER_CASE, c);
    }

    private static int lookup(byte[] table, char c) {
        // (0x7F - c) >> 31 is -1 for a character beyond ASCII, 0 otherwise: no branch on the character's value
        return table[c & 0x7F] | ((0x7F - c) >> 31);
    }

    /** True when every character of {@code s} in [from, to) is an ASCII hex digit (true for an empty range). */
    public static boolean allHex(CharSequence s, int from, int to, boolean lowercaseOnly) {
        byte[] t = lowercaseOnly ? LOWERCASE : EITHER_CASE;
        int bad = 0;
        for (int i = from; i < to; i++) {
            bad |= lookup(t, s.charAt(i));
        }
        return bad >= 0;
    }

    /**
     * The value of the hex digits of {@code s} in [from, to) (at most 16 of them), which the caller has checked with
     * {@link #allHex}; what another character gives is undefined.
     */
    public static long parse(CharSequence s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v << 4 | (EITHER_CASE[s.charAt(i) & 0x7F] & 0xF);
        }
        return v;
    }
}
