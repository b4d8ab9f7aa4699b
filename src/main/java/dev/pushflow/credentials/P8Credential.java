package dev.pushflow.credentials;

import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.security.InvalidKeyException;

/**
 * A .p8 token-auth signing key (EC P-256, PKCS#8 PEM) with its 10-character Key ID and Team ID. toString()
 * shows the IDs (they are not secret: every JWT carries them) but never the key. Prefer
 * {@link CredentialLoader#loadP8} to make one: it checks the key and the IDs and explains what is wrong.
 */
public record P8Credential(String label, byte[] pkcs8, String keyId, String teamId) implements Credential {

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
        return "P8Credential[" + label + ", keyId=" + keyId + ", teamId=" + teamId + ", key=***]";
    }
}
