package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.SampleMaterial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JWT verifier and the per-connection authenticator (cache + age check), with a controlled clock. */
class ProviderTokenAuthenticatorTest {
    private static final long T0 = 1_800_000_000L;   // seconds
    private static ApnsSigningKey key;
    private static ECPublicKey publicKey;

    private final AtomicLong nowMillis = new AtomicLong(T0 * 1000);
    private final ProviderTokenVerifier verifier = new ProviderTokenVerifier();

    @BeforeAll
    static void keys() throws Exception {
        key = SampleMaterial.tokenKey().signingKey();
        publicKey = Pem.ecPublicKey(SampleMaterial.tokenKeyPublicPem());
    }

    private ProviderTokenAuthenticator authenticator() {
        verifier.trust(SampleMaterial.TEAM_ID, SampleMaterial.KEY_ID, publicKey);
        return new ProviderTokenAuthenticator(verifier, ApnsEnvironment.SANDBOX, nowMillis::get);
    }

    private static String bearer(long iatSeconds) {
        return new AuthenticationToken(key, Instant.ofEpochSecond(iatSeconds)).getAuthorizationHeader().toString();
    }

    @Test
    void samplePublicKeyVerifiesTokensOfTheSamplePrivateKey() throws Exception {
        verifier.trust(SampleMaterial.TEAM_ID, SampleMaterial.KEY_ID, publicKey);
        ProviderTokenVerifier.VerifiedToken t = verifier.verify(bearer(T0).substring("bearer ".length()));
        assertEquals(SampleMaterial.TEAM_ID, t.teamId());
        assertEquals(SampleMaterial.KEY_ID, t.keyId());
        assertEquals(T0, t.issuedAtSeconds());
    }

    @Test
    void sameJwtOnAConnectionIsVerifiedOnceThenOnlyItsAgeIsChecked() {
        ProviderTokenAuthenticator auth = authenticator();
        String header = bearer(T0);
        for (int i = 0; i < 100; i++) {
            assertNull(auth.check(header));
        }
        assertEquals(1, auth.fullVerifications());
        assertEquals(1, verifier.verifications());
    }

    @Test
    void cachedJwtOlderThanOneHourIsExpiredProviderToken() {
        ProviderTokenAuthenticator auth = authenticator();
        String header = bearer(T0);
        assertNull(auth.check(header));
        nowMillis.set((T0 + 3600) * 1000);
        assertNull(auth.check(header), "exactly one hour old is still fine");
        nowMillis.set((T0 + 3601) * 1000);
        assertEquals(ApnsRejection.EXPIRED_PROVIDER_TOKEN, auth.check(header));
        assertEquals(1, auth.fullVerifications(), "expiry of a cached token needs no new verification");
    }

    @Test
    void newJwtIsVerifiedInFull() {
        ProviderTokenAuthenticator auth = authenticator();
        assertNull(auth.check(bearer(T0)));
        nowMillis.set((T0 + 3000) * 1000);
        assertNull(auth.check(bearer(T0 + 3000)));
        assertEquals(2, auth.fullVerifications());
    }

    @Test
    void freshJwtOlderThanOneHourIsExpiredProviderToken() {
        assertEquals(ApnsRejection.EXPIRED_PROVIDER_TOKEN, authenticator().check(bearer(T0 - 3601)));
    }

    @Test
    void missingOrEmptyAuthorizationIsMissingProviderToken() {
        ProviderTokenAuthenticator auth = authenticator();
        assertEquals(ApnsRejection.MISSING_PROVIDER_TOKEN, auth.check(null));
        assertEquals(ApnsRejection.MISSING_PROVIDER_TOKEN, auth.check("bearer"));
        assertEquals(ApnsRejection.MISSING_PROVIDER_TOKEN, auth.check("bearer   "));
        assertEquals(ApnsRejection.MISSING_PROVIDER_TOKEN, auth.check("Basic dXNlcjpwYXNz"));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        assertNull(authenticator().check("Bearer " + bearer(T0).substring(7)));
    }

    @Test
    void joseP1363SignatureIsAcceptedAsWellAsPushysDer() throws Exception {
        String jose = RawHttp2Client.jwt(key, SampleMaterial.KEY_ID, SampleMaterial.TEAM_ID, T0);
        assertEquals(64, Base64.getUrlDecoder().decode(jose.substring(jose.lastIndexOf('.') + 1)).length);
        assertNull(authenticator().check("bearer " + jose));
    }

    @Test
    void tamperedClaimsAreInvalidProviderToken() throws Exception {
        String jwt = RawHttp2Client.jwt(key, SampleMaterial.KEY_ID, SampleMaterial.TEAM_ID, T0);
        String[] parts = jwt.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + SampleMaterial.TEAM_ID + "\",\"iat\":" + (T0 + 1) + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals(ApnsRejection.INVALID_PROVIDER_TOKEN,
                authenticator().check("bearer " + parts[0] + "." + forged + "." + parts[2]));
    }

    @Test
    void wrongAlgorithmUnknownKeyAndWrongTeamAreInvalidProviderToken() throws Exception {
        ProviderTokenAuthenticator auth = authenticator();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = b64.encodeToString(("{\"iss\":\"PFTEAM0001\",\"iat\":" + T0 + "}").getBytes(StandardCharsets.UTF_8));
        String hs256 = b64.encodeToString("{\"alg\":\"HS256\",\"kid\":\"PFKEY00001\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(ApnsRejection.INVALID_PROVIDER_TOKEN, auth.check("bearer " + hs256 + "." + claims + ".c2ln"));
        assertEquals(ApnsRejection.INVALID_PROVIDER_TOKEN, auth.check("bearer "
                + RawHttp2Client.jwt(key, "PFKEY99999", SampleMaterial.TEAM_ID, T0)));
        assertEquals(ApnsRejection.INVALID_PROVIDER_TOKEN, auth.check("bearer "
                + RawHttp2Client.jwt(key, SampleMaterial.KEY_ID, "PFTEAM9999", T0)));
        assertEquals(ApnsRejection.INVALID_PROVIDER_TOKEN, auth.check("bearer x.y"));
        assertEquals(ApnsRejection.INVALID_PROVIDER_TOKEN, auth.check("bearer !!.!!.!!"));
        assertEquals(ApnsRejection.INVALID_PROVIDER_TOKEN, auth.check("bearer W10.W10.AAAA"));
    }

    @Test
    void refusedJwtIsNotVerifiedAgainUntilTheTrustedKeysChange() throws Exception {
        ProviderTokenAuthenticator auth = authenticator();
        String unknownKey = "bearer " + RawHttp2Client.jwt(key, "PFKEY77777", SampleMaterial.TEAM_ID, T0);
        for (int i = 0; i < 50; i++) {
            assertEquals(ApnsRejection.INVALID_PROVIDER_TOKEN, auth.check(unknownKey));
        }
        assertEquals(1, auth.fullVerifications(), "a refused token is remembered");
        verifier.trust(SampleMaterial.TEAM_ID, "PFKEY77777", publicKey);
        assertNull(auth.check(unknownKey), "once its key is trusted the same token is accepted");
        assertEquals(2, auth.fullVerifications());
    }

    @Test
    void keyOfTheOtherEnvironmentIsRefusedOnceAndClaimsNoTeam() throws Exception {
        verifier.trust(SampleMaterial.TEAM_ID, SampleMaterial.KEY_ID, publicKey,
                KeyScope.team(EnumSet.of(ApnsEnvironment.PRODUCTION)));
        ProviderTokenAuthenticator auth = new ProviderTokenAuthenticator(verifier, ApnsEnvironment.SANDBOX,
                nowMillis::get);
        String header = bearer(T0);
        for (int i = 0; i < 20; i++) {
            assertEquals(ApnsRejection.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN, auth.check(header));
        }
        assertEquals(1, auth.fullVerifications(), "the refusal is remembered");
        // the refused key did not make the connection its team's: another team's valid token is accepted
        ECPublicKey otherPublic = Pem.ecPublicKey(SampleMaterial.tokenKeyPublicPem());
        verifier.trust("OTHERTEAM1", "OTHERKEY01", otherPublic);
        assertNull(auth.check("bearer " + RawHttp2Client.jwt(key, "OTHERKEY01", "OTHERTEAM1", T0)));
    }

    @Test
    void cachedJwtIsCheckedAgainWhenItsKeyIsRescopedAndCarriesTheKeysTopics() {
        ProviderTokenAuthenticator auth = authenticator();
        String header = bearer(T0);
        assertNull(auth.check(header));
        assertTrue(auth.scope().teamScoped());
        verifier.trust(SampleMaterial.TEAM_ID, SampleMaterial.KEY_ID, publicKey,
                KeyScope.topics(EnumSet.of(ApnsEnvironment.SANDBOX), List.of("com.example.chat")));
        assertNull(auth.check(header));
        assertEquals(2, auth.fullVerifications(), "a change of the trusted keys re-verifies the cached token");
        assertEquals(Set.of("com.example.chat"), auth.scope().bundleIds());
        verifier.trust(SampleMaterial.TEAM_ID, SampleMaterial.KEY_ID, publicKey,
                KeyScope.team(EnumSet.of(ApnsEnvironment.PRODUCTION)));
        assertEquals(ApnsRejection.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN, auth.check(header));
    }
}
