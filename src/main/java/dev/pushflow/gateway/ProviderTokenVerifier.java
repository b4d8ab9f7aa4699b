package dev.pushflow.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.credentials.KeyScope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifies APNs provider tokens (ES256 JWTs) against the signing keys the gateways trust, with the JDK only.
 * Shared by both gateways and every connection: safe for any thread. The age check and the per-connection cache live
 * in {@link ProviderTokenAuthenticator}.
 */
final class ProviderTokenVerifier {

    /**
     * A trusted .p8 key: its public half, the Key ID that JWT headers name, the Team ID its JWTs must claim and where
     * it may push.
     */
    record TrustedKey(String teamId, String keyId, ECPublicKey key, KeyScope scope) {
    }

    /**
     * What a token proved: signed by a trusted key and issued by that key's team at {@code issuedAtSeconds}; the
     * key's scope comes along for the environment and topic checks.
     */
    record VerifiedToken(String teamId, String keyId, long issuedAtSeconds, KeyScope scope) {
    }

    /** Why a token is refused; carries no stack trace (it is an answer, not a fault). */
    static final class Rejected extends Exception {
        private final ApnsRejection rejection;

        Rejected(ApnsRejection rejection) {
            super(rejection.reason(), null, false, false);
            this.rejection = rejection;
        }

        ApnsRejection rejection() {
            return rejection;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private final ConcurrentHashMap<String, TrustedKey> keysById = new ConcurrentHashMap<>();
    private final LongAdder verifications = new LongAdder();
    /** Bumped whenever a key is trusted, so that cached refusals of unknown keys can be retried. */
    private final AtomicInteger keyGeneration = new AtomicInteger();

    void trust(String teamId, String keyId, ECPublicKey key) {
        trust(teamId, keyId, key, KeyScope.TEAM_ALL_ENVIRONMENTS);
    }

    /** Trusts the key with this scope; trusting a Key ID again replaces the key and its scope. */
    void trust(String teamId, String keyId, ECPublicKey key, KeyScope scope) {
        Objects.requireNonNull(scope, "scope");
        if (teamId == null || teamId.isBlank() || keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("a signing key needs a Team ID and a Key ID");
        }
        Pem.requireP256(Objects.requireNonNull(key, "key"));
        keysById.put(keyId, new TrustedKey(teamId, keyId, key, scope));
        keyGeneration.incrementAndGet();
    }

    /** Changes each time the set of trusted keys (or a key's scope) changes. */
    int keyGeneration() {
        return keyGeneration.get();
    }

    /** Checks format, header, claims and signature; does NOT check the age (see the authenticator). */
    VerifiedToken verify(String jwt) throws Rejected {
        verifications.increment();
        int d1 = jwt.indexOf('.');
        int d2 = d1 < 0 ? -1 : jwt.indexOf('.', d1 + 1);
        if (d1 <= 0 || d2 <= d1 + 1 || d2 >= jwt.length() - 1 || jwt.indexOf('.', d2 + 1) >= 0) {
            throw invalid();
        }
        JsonNode header = json(jwt, 0, d1);
        JsonNode claims = json(jwt, d1 + 1, d2);
        byte[] signature = base64(jwt, d2 + 1, jwt.length());

        JsonNode alg = header.get("alg");
        JsonNode kid = header.get("kid");
        if (alg == null || !alg.isTextual() || !"ES256".equals(alg.asText()) || kid == null || !kid.isTextual()) {
            throw invalid();
        }
        TrustedKey key = keysById.get(kid.asText());
        if (key == null) {
            throw invalid();
        }
        JsonNode iss = claims.get("iss");
        JsonNode iat = claims.get("iat");
        if (iss == null || !iss.isTextual() || !key.teamId().equals(iss.asText())
                || iat == null || !iat.isIntegralNumber() || !iat.canConvertToLong()) {
            throw invalid();
        }
        if (!signatureMatches(key.key(), jwt.substring(0, d2).getBytes(StandardCharsets.US_ASCII), signature)) {
            throw invalid();
        }
        return new VerifiedToken(key.teamId(), key.keyId(), iat.asLong(), key.scope());
    }

    /** How many tokens were verified in full so far, all connections of both gateways together. */
    long verifications() {
        return verifications.sum();
    }

    /**
     * ES256 proper (RFC 7518) is the 64-byte r||s form; Pushy 0.15.4 sends the DER (ASN.1) form, which Apple accepts
     * too since Pushy works against the real APNs. Both are accepted here.
     */
    static boolean signatureMatches(ECPublicKey key, byte[] signedPart, byte[] signature) {
        String algorithm;
        if (signature.length == 64) {
            algorithm = "SHA256withECDSAinP1363Format";
        } else if (signature.length >= 8 && signature[0] == 0x30) {
            algorithm = "SHA256withECDSA";
        } else {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(signedPart);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode json(String jwt, int from, int to) throws Rejected {
        try {
            JsonNode node = JSON.readTree(base64(jwt, from, to));
            if (node == null || !node.isObject()) {
                throw invalid();
            }
            return node;
        } catch (IOException e) {
            throw invalid();
        }
    }

    private static byte[] base64(String jwt, int from, int to) throws Rejected {
        try {
            return B64URL.decode(jwt.substring(from, to));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Rejected invalid() {
        return new Rejected(ApnsRejection.INVALID_PROVIDER_TOKEN);
    }
}
