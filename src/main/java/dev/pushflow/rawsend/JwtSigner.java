package dev.pushflow.rawsend;

import dev.pushflow.credentials.CredentialException;
import dev.pushflow.credentials.P8Credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs an APNs provider token (ES256 JWT) for the curl export: Pushy keeps its JWTs to itself, and curl needs one
 * in the authorization header. The JWT is valid for an hour; Apple refuses newer ones for the same key more often
 * than every 20 minutes only on one connection, so a fresh one per export is fine.
 */
public final class JwtSigner {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private JwtSigner() {
    }

    /** header {"alg":"ES256","kid":KEYID}, claims {"iss":TEAMID,"iat":issuedAt}, signature in JOSE (r||s) form. */
    public static String sign(P8Credential key, Instant issuedAt) throws CredentialException {
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + key.keyId() + "\"}";
        String claims = "{\"iss\":\"" + key.teamId() + "\",\"iat\":" + issuedAt.getEpochSecond() + "}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(privateKey(key));
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(s.sign());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CredentialException("Could not sign a JWT with the .p8 key " + key.label()
                    + ": it must be an EC P-256 private key in PKCS#8 PEM, as Apple hands it out.", e);
        }
    }

    /** "eyJhbGciOi...kid...}.***": the header (key ID, not secret) stays readable, claims and signature do not. */
    public static String mask(String jwt) {
        int dot = jwt.indexOf('.');
        return (dot < 0 ? "" : jwt.substring(0, dot)) + ".***masked***";
    }

    private static PrivateKey privateKey(P8Credential key) throws GeneralSecurityException {
        String pem = new String(key.pkcs8(), StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s+", "");
        byte[] der = Base64.getDecoder().decode(body);
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
