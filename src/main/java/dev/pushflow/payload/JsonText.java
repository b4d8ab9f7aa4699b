package dev.pushflow.payload;

/**
 * Writes JSON strings by hand for the payload hot path (tens of thousands of pushes per second):
 * the same escaping as Jackson's default (quote, backslash, control characters), without a tree.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** True when s needs no escape in a JSON string (no quote, backslash or control character). */
    static boolean plain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Appends s as a JSON string: runs of characters that need no escape are appended whole. */
    static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            if (i > run) {
                sb.append(s, run, i);
            }
            run = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        if (n > run) {
            sb.append(s, run, n);
        }
        return sb.append('"');
    }
}
