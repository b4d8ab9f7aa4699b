package dev.pushflow.apns;

/**
 * Apple's identifiers, one rule each: a bundle ID (A-Z, a-z, 0-9, hyphen, period; no empty part; at most 155
 * characters, the longest the developer portal registers as an App ID), the 10-character Key ID / Team ID (A-Z and
 * 0-9, ASCII) and the apns-id (a canonical UUID).
 */
public final class AppleIds {
    public static final int MAX_BUNDLE_ID_LENGTH = 155;
    public static final int APPLE_ID_LENGTH = 10;

    private AppleIds() {
    }

    /**
     * True for a UUID in its canonical text form, 8-4-4-4-12 hex digits: lowercase only (what APNs takes as an
     * apns-id) or in either case.
     */
    public static boolean isCanonicalUuid(CharSequence v, boolean lowercaseOnly) {
        return v.length() == 36 && v.charAt(8) == '-' && v.charAt(13) == '-' && v.charAt(18) == '-'
                && v.charAt(23) == '-' && HexDigits.allHex(v, 0, 8, lowercaseOnly)
                && HexDigits.allHex(v, 9, 13, lowercaseOnly) && HexDigits.allHex(v, 14, 18, lowercaseOnly)
                && HexDigits.allHex(v, 19, 23, lowercaseOnly) && HexDigits.allHex(v, 24, 36, lowercaseOnly);
    }

    /** A Key ID or Team ID: exactly 10 characters of ASCII A-Z and 0-9. */
    public static boolean isAppleId(String id) {
        if (id == null || id.length() != APPLE_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    public static boolean isBundleId(String id) {
        return bundleIdProblem(id) == null;
    }

    /** What is wrong with {@code bundleId} (stripped) in a sentence, or {@code null} when it is a bundle ID. */
    public static String bundleIdProblem(String bundleId) {
        String id = bundleId == null ? "" : bundleId.strip();
        if (id.isEmpty()) {
            return "a bundle ID is missing: give one like com.example.chat";
        }
        String shown = id.length() <= 80 && id.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? "'" + id + "'"
                : "the bundle ID";
        if (id.length() > MAX_BUNDLE_ID_LENGTH) {
            return shown + " is longer than " + MAX_BUNDLE_ID_LENGTH + " characters: it is not a bundle ID; give your app's"
                    + " bundle ID (Xcode: target > General > Bundle Identifier), like com.example.chat";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.';
            if (!ok) {
                String what = c == '*' ? "'*' (a wildcard App ID cannot receive pushes)" : Character.isWhitespace(c)
                        ? "a space" : c < 0x20 || c == 0x7F ? "a control character" : "'" + c + "'";
                return shown + " is not a bundle ID: it contains " + what
                        + "; a bundle ID has only A-Z, a-z, 0-9, hyphens and periods, like com.example.chat";
            }
        }
        if (id.startsWith(".") || id.endsWith(".") || id.contains("..")) {
            return shown + " is not a bundle ID: it has an empty part between periods; give one like com.example.chat";
        }
        return null;
    }

    /** The stripped bundle ID, or an IllegalArgumentException saying what is wrong. */
    public static String requireBundleId(String bundleId) {
        String problem = bundleIdProblem(bundleId);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return bundleId.strip();
    }
}
