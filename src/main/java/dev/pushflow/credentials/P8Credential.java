package dev.pushflow.credentials;

import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.security.InvalidKeyException;
import java.util.Optional;

/**
 * A .p8 token-auth signing key (EC P-256, PKCS#8 PEM) with its 10-character Key ID and Team ID, and the scope the
 * user declared for it (the file does not say). toString() shows the IDs (they are not secret: every JWT carries
 * them) but never the key. Prefer {@link CredentialLoader#loadP8} to make one: it checks the key and the IDs and
 * explains what is wrong.
 *
 * @param scope the key's scope as the user declared it from the developer portal; {@code null} = not declared
 *              (then APNs may still refuse it as scoped: see {@link #effectiveScope()})
 */
public record P8Credential(String label, byte[] pkcs8, String keyId, String teamId, KeyScope scope)
        implements Credential {

    /** A key whose scope was not declared. */
    public P8Credential(String label, byte[] pkcs8, String keyId, String teamId) {
        this(label, pkcs8, keyId, teamId, null);
    }

    /** The same key with the scope the user declared ({@code null}: undeclared). */
    public P8Credential withScope(KeyScope declared) {
        return new P8Credential(label, pkcs8, keyId, teamId, declared);
    }

    public Optional<KeyScope> declaredScope() {
        return Optional.ofNullable(scope);
    }

    /** The declared scope, else what a key was before 2025 and still is by default: team-scoped, both environments. */
    public KeyScope effectiveScope() {
        return scope != null ? scope : KeyScope.TEAM_ALL_ENVIRONMENTS;
    }

    @Override
    public String authKind() {
        return "token";
    }

    /**
     * Loads the key as Pushy will use it; the key signs JWTs that Pushy refreshes every 50 minutes. A key that
     * is not an EC P-256 PKCS#8 PEM fails with the same explanation as {@link CredentialLoader#loadP8}.
     */
    public ApnsSigningKey signingKey() throws CredentialException {
        P8Reader.Key key = P8Reader.parse(label, pkcs8);
        try {
            return ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(key.canonicalPem()), teamId, keyId);
        } catch (IOException | NoSuchAlgorithmException | InvalidKeyException | RuntimeException e) {
            throw new CredentialException("Could not read the .p8 key " + label + ": " + CredentialException.plain(e)
                    + ". A .p8 from Apple is an EC P-256 private key in PKCS#8 PEM.", e);
        }
    }

    @Override
    public void configure(ApnsClientBuilder builder) throws CredentialException {
        builder.setSigningKey(signingKey());
    }

    @Override
    public String toString() {
        return "P8Credential[" + label + ", keyId=" + keyId + ", teamId=" + teamId
                + (scope == null ? "" : ", scope=" + scope.describe()) + ", key=***]";
    }
}
