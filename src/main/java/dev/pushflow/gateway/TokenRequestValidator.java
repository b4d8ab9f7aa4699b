package dev.pushflow.gateway;

import java.util.function.LongSupplier;

/**
 * The requests of a token-authenticated connection (no client certificate): {@code authorization: bearer <JWT>}
 * verified by the connection's {@link ProviderTokenAuthenticator}; the topic is required, and a topic-specific key
 * (2025) may push only to the bundle IDs it lists, whatever the push type's suffix (403 UnrelatedKeyIdInToken).
 */
final class TokenRequestValidator extends RequestValidator {
    private final ProviderTokenAuthenticator tokenAuth;

    TokenRequestValidator(EmbeddedGateway gateway, ProviderTokenVerifier verifier, LongSupplier nowMillis) {
        super(gateway, nowMillis);
        this.tokenAuth = new ProviderTokenAuthenticator(verifier, gateway.environment(), nowMillis);
    }

    @Override
    String authKind() {
        return AUTH_TOKEN;
    }

    @Override
    ApnsRejection authenticate(Request r) {
        return tokenAuth.check(r.authorization);
    }

    @Override
    ApnsRejection checkBundle(String bundle) {
        return tokenAuth.scope().coversBundle(bundle) ? null : ApnsRejection.UNRELATED_KEY_ID_IN_TOKEN;
    }

    @Override
    boolean allowsManyStreams() {
        return tokenAuth.authenticated();
    }

    /** The token authenticator of this connection; for tests. */
    ProviderTokenAuthenticator tokenAuthenticator() {
        return tokenAuth;
    }
}
