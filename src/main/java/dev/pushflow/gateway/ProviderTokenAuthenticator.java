package dev.pushflow.gateway;

import io.netty.util.AsciiString;

import java.util.function.LongSupplier;

/**
 * Token authentication for ONE connection, used only on that connection's event loop (not thread-safe).
 *
 * <p>Pushy (and any sane provider) sends the same JWT for up to an hour, so the last verified authorization header is
 * cached: while the client repeats the exact same string only the token's age is checked, no JSON parsing and no
 * ECDSA verification. A new string is verified in full. A refused string is remembered too (until the set of
 * trusted keys changes), so a client with a broken key costs one verification, not one per push. Like APNs, a
 * connection belongs to the first team that authenticated on it: a valid token of another team is refused.</p>
 */
final class ProviderTokenAuthenticator {

    /** Apple refuses tokens issued more than one hour ago. */
    static final long MAX_AGE_SECONDS = 3600;

    private final ProviderTokenVerifier verifier;
    private final LongSupplier nowMillis;

    private String cachedAuthorization;
    private long cachedIssuedAt;
    private String connectionTeam;
    private String refusedAuthorization;
    private ApnsRejection refusal;
    private int refusalKeyGeneration;
    private long fullVerifications;

    ProviderTokenAuthenticator(ProviderTokenVerifier verifier, LongSupplier nowMillis) {
        this.verifier = verifier;
        this.nowMillis = nowMillis;
    }

    /** @return {@code null} when the request is authenticated, otherwise Apple's 403 reason */
    ApnsRejection check(CharSequence authorization) {
        if (authorization == null) {
            return ApnsRejection.MISSING_PROVIDER_TOKEN;
        }
        if (cachedAuthorization != null && AsciiString.contentEquals(authorization, cachedAuthorization)) {
            return checkAge(cachedIssuedAt);
        }
        if (refusedAuthorization != null && refusalKeyGeneration == verifier.keyGeneration()
                && AsciiString.contentEquals(authorization, refusedAuthorization)) {
            return refusal;
        }
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
            return refuse(authorization, e.rejection());
        }
        if (connectionTeam == null) {
            connectionTeam = token.teamId();
        } else if (!connectionTeam.equals(token.teamId())) {
            return refuse(authorization, ApnsRejection.INVALID_PROVIDER_TOKEN);
        }
        cachedAuthorization = authorization.toString();
        cachedIssuedAt = token.issuedAtSeconds();
        return checkAge(cachedIssuedAt);
    }

    private ApnsRejection refuse(CharSequence authorization, ApnsRejection why) {
        refusedAuthorization = authorization.toString();
        refusalKeyGeneration = verifier.keyGeneration();
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
