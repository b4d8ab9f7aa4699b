package dev.pushflow.gateway;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The device tokens one gateway (environment) knows, keyed by lowercase hex. Safe for any thread. */
final class TokenRegistry {

    /**
     * A token's app and, once the app was uninstalled, when the token stopped being valid; {@code expiredAt} when the
     * token was marked expired (410 ExpiredToken, as APNs answers for a token it no longer honours).
     */
    record Registration(String bundleId, Instant unregisteredAt, Instant expiredAt) {
        Registration(String bundleId, Instant unregisteredAt) {
            this(bundleId, unregisteredAt, null);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final ConcurrentHashMap<String, Registration> byToken = new ConcurrentHashMap<>();

    String issue(String bundleId) {
        requireBundle(bundleId);
        byte[] bytes = new byte[32];
        while (true) {
            RANDOM.nextBytes(bytes);
            String token = HEX.formatHex(bytes);
            if (byToken.putIfAbsent(token, new Registration(bundleId, null)) == null) {
                return token;
            }
        }
    }

    void register(String tokenHex, String bundleId) {
        requireBundle(bundleId);
        byToken.put(normalize(tokenHex), new Registration(bundleId, null));
    }

    void unregister(String tokenHex, Instant when) {
        Objects.requireNonNull(when, "when");
        String token = normalize(tokenHex);
        if (byToken.computeIfPresent(token, (t, r) -> new Registration(r.bundleId(), when, r.expiredAt())) == null) {
            throw new IllegalArgumentException("unknown device token " + tokenHex);
        }
    }

    /** Forgets a token, as if it had never been issued or registered: a push to it gets BadDeviceToken. */
    void forget(String tokenHex) {
        String token = keyOrNull(tokenHex);
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** How many tokens are valid or were (issued, registered, unregistered or expired, not forgotten). */
    int size() {
        return byToken.size();
    }

    void expire(String tokenHex, Instant when) {
        Objects.requireNonNull(when, "when");
        String token = normalize(tokenHex);
        if (byToken.computeIfPresent(token, (t, r) -> new Registration(r.bundleId(), r.unregisteredAt(), when)) == null) {
            throw new IllegalArgumentException("unknown device token " + tokenHex);
        }
    }

    void reinstate(String tokenHex) {
        String token = normalize(tokenHex);
        if (byToken.computeIfPresent(token, (t, r) -> new Registration(r.bundleId(), null, null)) == null) {
            throw new IllegalArgumentException("unknown device token " + tokenHex);
        }
    }

    boolean knows(String tokenHex) {
        String token = keyOrNull(tokenHex);
        return token != null && byToken.containsKey(token);
    }

    /** Lookup by an already lowercase token; {@code null} when unknown. */
    Registration lookup(String lowercaseToken) {
        return byToken.get(lowercaseToken);
    }

    static String normalize(String tokenHex) {
        String token = keyOrNull(tokenHex);
        if (token == null) {
            throw new IllegalArgumentException("a device token is a non-empty, even-length hex string: " + tokenHex);
        }
        return token;
    }

    /** The registry's key for a token (lower-case hex), or null for what is no token. */
    private static String keyOrNull(String tokenHex) {
        return tokenHex != null && isEvenHex(tokenHex) ? tokenHex.toLowerCase(java.util.Locale.ROOT) : null;
    }

    /** Non-empty, even length, only hex digits. No fixed length: Apple says never to assume one. */
    static boolean isEvenHex(CharSequence s) {
        int n = s.length();
        if (n == 0 || (n & 1) != 0) {
            return false;
        }
        return dev.pushflow.apns.HexDigits.allHex(s, 0, n, false);
    }

    private static void requireBundle(String bundleId) {
        if (bundleId == null || bundleId.isBlank()) {
            throw new IllegalArgumentException("a bundle ID is required");
        }
    }
}
