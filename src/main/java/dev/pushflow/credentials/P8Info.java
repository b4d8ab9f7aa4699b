package dev.pushflow.credentials;

import dev.pushflow.apns.ApnsEnvironment;

import java.util.Set;

/**
 * What a token key (.p8) is for. Holds no key material.
 *
 * @param keyId     the 10-character Key ID (JWT header "kid")
 * @param teamId    the 10-character Team ID (JWT claim "iss")
 * @param algorithm "EC P-256", the only kind APNs accepts
 * @param note      a plain sentence on what the key may push to
 * @param scope     the scope the user declared; {@code null} = not declared
 */
public record P8Info(String keyId, String teamId, String algorithm, String note, KeyScope scope) {

    public P8Info(String keyId, String teamId, String algorithm, String note) {
        this(keyId, teamId, algorithm, note, null);
    }

    /**
     * The declared scope's environments; both when undeclared (a key is not bound to an environment unless it was
     * scoped when created, since 2025).
     */
    public Set<ApnsEnvironment> allowedEnvironments() {
        return scope != null ? scope.environments() : CertificateKind.UNIVERSAL.allowedEnvironments();
    }
}
