package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.KeyScope;
import io.netty.util.AsciiString;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Token authentication for ONE connection, used only on that connection's event loop (not thread-safe).
 *
 * <p>Pushy (and any sane provider) sends the same JWT for up to an hour, so the last verified authorization header is
 * cached: while the client repeats the exact same string only the token's age is checked, no JSON parsing and no
 * ECDSA verification. A new string is verified in full, and so is the cached one once the set of trusted keys (or a
 * key's scope) changed. A refused string is remembered too (until the set of trusted keys changes), so a client with
 * a broken key costs one verification, not one per push. Like APNs, a connection belongs to the first team that
 * authenticated on it: a valid token of another team is refused.</p>
 *
 * <p>A key scoped to the other environment is refused with 403 BadEnvironmentKeyIdInToken before it can claim the
 * connection; the topic half of the key's scope is checked per push by the request handler with {@link #scope()}.</p>
 *
 * <p>Apple wants a token refreshed no more often than every 20 minutes: a connection that switches to another valid
 * token sooner than {@link #MIN_UPDATE_INTERVAL_MILLIS} after it adopted the current one gets 429
 * TooManyProviderTokenUpdates and keeps the current token. Only valid, unexpired tokens count as adopted, so broken
 * or expired tokens never trip it; Pushy refreshes every 50 minutes and never trips it either.</p>
 */
final class ProviderTokenAuthenticator {

    /** Apple refuses tokens issued more than one hour ago. */
    static final long MAX_AGE_SECONDS = 3600;
    /** Apple: "refresh your token no more than once every 20 minutes". */
    static final long MIN_UPDATE_INTERVAL_MILLIS = 20 * 60 * 1000L;

    private final ProviderTokenVerifier verifier;
    private final ApnsEnvironment environment;
    private final LongSupplier nowMillis;

    /**
     * The last verified header, as Netty's byte string: each request's header is compared with it, and an
     * AsciiString against an AsciiString compares cached hashes and then the bytes in bulk, where against a String it
     * went character by character (~300 of them per request, 4 % of the gateway's thread).
     */
    private AsciiString cachedAuthorization;
    private long cachedIssuedAt;
    private KeyScope cachedScope;
    private int cachedKeyGeneration;
    private long adoptedAtMillis;
    private String connectionTeam;
    /** The token this connection uses now; it stays adopted while re-verified after a key change. */
    private String adoptedAuthorization;
    private AsciiString refusedAuthorization;
    private ApnsRejection refusal;
    private int refusalKeyGeneration;
    private long fullVerifications;

    ProviderTokenAuthenticator(ProviderTokenVerifier verifier, ApnsEnvironment environment, LongSupplier nowMillis) {
        this.verifier = verifier;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.nowMillis = nowMillis;
    }

    /** @return {@code null} when the request is authenticated, otherwise Apple's 403 reason */
    ApnsRejection check(CharSequence authorization) {
        if (authorization == null) {
            return ApnsRejection.MISSING_PROVIDER_TOKEN;
        }
        int generation = verifier.keyGeneration();
        if (cachedAuthorization != null && cachedKeyGeneration == generation
                && AsciiString.contentEquals(authorization, cachedAuthorization)) {
            return checkAge(cachedIssuedAt);
        }
        if (refusedAuthorization != null && refusalKeyGeneration == generation
                && AsciiString.contentEquals(authorization, refusedAuthorization)) {
            return refusal;
        }
        cachedAuthorization = null;
        cachedScope = null;
        String value = authorization.toString().trim();
        boolean bearer = value.regionMatches(true, 0, "bearer", 0, 6)
                && (value.length() == 6 || Character.isWhitespace(value.charAt(6)));
        String jwt = bearer ? value.substring(6).trim() : "";
        if (jwt.isEmpty()) {
            return ApnsRejection.MISSING_PROVIDER_TOKEN;
        }
        fullVerifications++;
        ProviderTokenVerifier.VerifiedToken token;
        try {
            token = verifier.verify(jwt);
        } catch (ProviderTokenVerifier.Rejected e) {
            return refuse(authorization, generation, e.rejection());
        }
        if (!token.scope().allows(environment)) {
            return refuse(authorization, generation, ApnsRejection.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN);
        }
        if (connectionTeam == null) {
            connectionTeam = token.teamId();
        } else if (!connectionTeam.equals(token.teamId())) {
            return refuse(authorization, generation, ApnsRejection.INVALID_PROVIDER_TOKEN);
        }
        ApnsRejection tooOld = checkAge(token.issuedAtSeconds());
        if (tooOld != null) {
            return refuse(authorization, generation, tooOld); // an expired token stays expired
        }
        String text = authorization.toString();
        long now = nowMillis.getAsLong();
        if (!text.equals(adoptedAuthorization)) {
            if (adoptedAuthorization != null && now - adoptedAtMillis < MIN_UPDATE_INTERVAL_MILLIS) {
                return ApnsRejection.TOO_MANY_PROVIDER_TOKEN_UPDATES; // not remembered: it is fine later
            }
            adoptedAuthorization = text;
            adoptedAtMillis = now;
        }
        cachedAuthorization = AsciiString.of(text);
        cachedIssuedAt = token.issuedAtSeconds();
        cachedScope = token.scope();
        cachedKeyGeneration = generation;
        return null;
    }

    /** Whether a valid provider token was adopted on this connection (Apple then allows more than one stream). */
    boolean authenticated() {
        return adoptedAuthorization != null;
    }

    /**
     * The scope of the key whose token the last {@link #check} accepted: the topics it may push to. Call only after
     * {@code check} returned {@code null}.
     */
    KeyScope scope() {
        return cachedScope != null ? cachedScope : KeyScope.TEAM_ALL_ENVIRONMENTS;
    }

    private ApnsRejection refuse(CharSequence authorization, int generation, ApnsRejection why) {
        refusedAuthorization = AsciiString.of(authorization.toString());
        refusalKeyGeneration = generation;
        refusal = why;
        return why;
    }

    /** How many tokens this connection verified in full (signature included); the cache keeps it low. */
    long fullVerifications() {
        return fullVerifications;
    }

    private ApnsRejection checkAge(long issuedAtSeconds) {
        long ageSeconds = nowMillis.getAsLong() / 1000 - issuedAtSeconds;
        return ageSeconds > MAX_AGE_SECONDS ? ApnsRejection.EXPIRED_PROVIDER_TOKEN : null;
    }
}
