package dev.pushflow.apns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one device-token rule. Pasted text is read leniently ({@link #parse}: spaces, angle brackets, a 0x prefix and
 * upper case are cleaned, with a note), what goes on the wire is checked strictly ({@link #isWireToken}: ASCII
 * hex only, lower case, even length, no fixed length).
 */
public final class DeviceTokens {
    private DeviceTokens() {
    }

    /** The outcome of reading a pasted token: the hex to send, or the problem; notes say what was cleaned. */
    public record Parsed(String hex, String problem, List<String> notes) {
        public boolean valid() {
            return problem == null;
        }
    }

    /**
     * Accepts hex of any even length (Apple does not promise 64), with spaces and angle brackets stripped
     * (the old NSData description format). Rejects iOS 13's "{length = 32, bytes = 0x...}" description,
     * which is truncated and cannot be turned back into a token.
     */
    public static Parsed parse(String raw) {
        List<String> notes = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return new Parsed(null, "the device token is empty: paste the hex string the app logged in "
                    + "didRegisterForRemoteNotificationsWithDeviceToken", notes);
        }
        String t = raw.trim();
        if (t.contains("length =") || t.contains("bytes =")) {
            return new Parsed(null, "this is iOS 13's NSData description ('{length = 32, bytes = 0x...}'), not a token: "
                    + "it is cut short with '...'. Log the token as hex instead (map each byte to %02x)", notes);
        }
        if (t.startsWith("<") || t.endsWith(">")) {
            t = t.replace("<", "").replace(">", "");
            notes.add("angle brackets stripped (NSData description format before iOS 13)");
        }
        if (t.chars().anyMatch(Character::isWhitespace)) {
            t = t.replaceAll("\\s+", "");
            notes.add("spaces stripped");
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
            notes.add("0x prefix stripped");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!isAsciiHex(c)) {
                // Character.digit would accept full-width and Arabic-Indic digits; APNs takes ASCII only
                String what = c > 0x7F && (Character.isDigit(c) || Character.isLetter(c))
                        ? "'" + c + "' (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ", not an ASCII hex digit)"
                        : "'" + c + "'";
                return new Parsed(null, "the device token has " + what + " at position " + (i + 1)
                        + ": a token is hexadecimal (ASCII 0-9, a-f); copy it again from the app's log", notes);
            }
        }
        if (t.length() % 2 != 0) {
            return new Parsed(null, "the device token has an odd number of hex digits (" + t.length()
                    + "): a character was lost when copying; copy it again", notes);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (!lower.equals(t)) {
            notes.add("lower-cased");
        }
        if (lower.length() != 64) {
            notes.add(lower.length() / 2 + " bytes long (today's tokens are 32 bytes; APNs does not promise a length)");
        }
        return new Parsed(lower, null, notes);
    }

    /** 0-9, a-f, A-F in ASCII (never another script's digits). */
    public static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * Whether {@code token} may go on the wire as it is: non-empty, an even number of lower-case ASCII hex digits.
     * No fixed length (Apple says never to assume one).
     */
    public static boolean isWireToken(CharSequence token) {
        if (token == null || token.isEmpty() || (token.length() & 1) != 0) {
            return false;
        }
        return HexDigits.allHex(token, 0, token.length(), true);
    }

    /** The wire form of pasted text, or an IllegalArgumentException with {@link Parsed#problem()} as message. */
    public static String requireWire(String pasted) {
        Parsed p = parse(pasted);
        if (!p.valid()) {
            throw new IllegalArgumentException(p.problem());
        }
        return p.hex();
    }

    /** First 8 and last 4 hex digits, for lists and activity lines. */
    public static String abbreviate(String token) {
        if (token == null) {
            return "(none)";
        }
        return token.length() <= 16 ? token : token.substring(0, 8) + "…" + token.substring(token.length() - 4);
    }
}
