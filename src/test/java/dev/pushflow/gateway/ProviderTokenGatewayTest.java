package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import dev.pushflow.credentials.SampleMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;

import static dev.pushflow.gateway.GatewayTestSupport.BUNDLE;
import static dev.pushflow.gateway.GatewayTestSupport.Push;
import static dev.pushflow.gateway.GatewayTestSupport.assertAccepted;
import static dev.pushflow.gateway.GatewayTestSupport.assertRejected;
import static dev.pushflow.gateway.GatewayTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Token authentication (JWT, ES256) end to end: real Pushy clients with wrong keys, and a raw HTTP/2 client for
 * tokens Pushy never sends (missing, malformed, expired).
 */
class ProviderTokenGatewayTest {
    private static EmbeddedGateways gateways;
    private static RawHttp2Client raw;
    private static ApnsSigningKey sampleKey;
    private static ApnsClient sampleClient;
    private static ApnsClient unknownKeyIdClient;
    private static ApnsClient wrongSignatureClient;
    private static ApnsClient wrongTeamClient;
    private static ApnsClient newlyTrustedSandboxClient;
    private static ApnsClient newlyTrustedProductionClient;
    private static KeyPair newKey;
    private static final GatewayTestSupport.Clients clients = new GatewayTestSupport.Clients();

    @BeforeAll
    static void start() throws Exception {
        gateways = EmbeddedGateways.startDefault();
        raw = new RawHttp2Client(gateways.trustedServerCaPem());
        sampleKey = SampleMaterial.tokenKey().signingKey();
        byte[] p8 = SampleMaterial.tokenKey().pkcs8();
        sampleClient = clients.with(gateways.sandbox(), sampleKey);
        unknownKeyIdClient = clients.with(gateways.sandbox(),
                ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(p8), SampleMaterial.TEAM_ID, "PFKEY99999"));
        wrongTeamClient = clients.with(gateways.sandbox(),
                ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(p8), "PFTEAM9999", SampleMaterial.KEY_ID));
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair stranger = g.generateKeyPair();
        wrongSignatureClient = clients.with(gateways.sandbox(),
                new ApnsSigningKey(SampleMaterial.KEY_ID, SampleMaterial.TEAM_ID, (ECPrivateKey) stranger.getPrivate()));
        newKey = g.generateKeyPair();
        ApnsSigningKey newSigningKey = new ApnsSigningKey("NEWKEY0001", "NEWTEAM001", (ECPrivateKey) newKey.getPrivate());
        newlyTrustedSandboxClient = clients.with(gateways.sandbox(), newSigningKey);
        newlyTrustedProductionClient = clients.with(gateways.production(), newSigningKey);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        if (raw != null) {
            raw.close();
        }
        if (gateways != null) {
            gateways.close();
        }
    }

    private static String token() {
        return gateways.sandbox().issueToken(BUNDLE);
    }

    @Test
    void sampleKeyTokenIsAccepted() throws Exception {
        assertAccepted(send(sampleClient, Push.alert(token())));
    }

    @Test
    void providerTokenIsVerifiedOncePerConnectionThenCached() throws Exception {
        assertAccepted(send(sampleClient, Push.alert(token())));   // the connection exists and its JWT is cached
        long before = gateways.providerTokenVerifications();
        for (int i = 0; i < 25; i++) {
            assertAccepted(send(sampleClient, Push.alert(token())));
        }
        assertEquals(before, gateways.providerTokenVerifications(),
                "the same JWT on the same connection must not be verified again");
    }

    @Test
    void unknownKeyIdIsInvalidProviderToken() throws Exception {
        assertRejected(send(unknownKeyIdClient, Push.alert(token())), 403, "InvalidProviderToken");
    }

    @Test
    void badSignatureIsInvalidProviderToken() throws Exception {
        assertRejected(send(wrongSignatureClient, Push.alert(token())), 403, "InvalidProviderToken");
    }

    @Test
    void teamMismatchIsInvalidProviderToken() throws Exception {
        assertRejected(send(wrongTeamClient, Push.alert(token())), 403, "InvalidProviderToken");
    }

    @Test
    void trustedSigningKeyIsAcceptedOnBothGateways() throws Exception {
        assertRejected(send(newlyTrustedSandboxClient, Push.alert(token())), 403, "InvalidProviderToken");
        gateways.trustSigningKey("NEWTEAM001", "NEWKEY0001", (ECPublicKey) newKey.getPublic());
        assertAccepted(send(newlyTrustedSandboxClient, Push.alert(token())));
        assertAccepted(send(newlyTrustedProductionClient, Push.alert(gateways.production().issueToken(BUNDLE))));
    }

    @Test
    void missingAuthorizationIsMissingProviderToken() throws Exception {
        RawHttp2Client.Response r = raw.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                "apns-topic", BUNDLE);
        assertEquals(403, r.status());
        assertEquals("MissingProviderToken", r.reason());
    }

    @Test
    void emptyBearerIsMissingProviderToken() throws Exception {
        RawHttp2Client.Response r = raw.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                "apns-topic", BUNDLE, "authorization", "bearer ");
        assertEquals(403, r.status());
        assertEquals("MissingProviderToken", r.reason());
    }

    @Test
    void malformedProviderTokenIsInvalidProviderToken() throws Exception {
        for (String bad : new String[]{"bearer not-a-jwt", "bearer a.b.c", "bearer e30.e30.", "bearer ..."}) {
            RawHttp2Client.Response r = raw.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                    "apns-topic", BUNDLE, "authorization", bad);
            assertEquals(403, r.status(), bad);
            assertEquals("InvalidProviderToken", r.reason(), bad);
        }
    }

    @Test
    void providerTokenOlderThanOneHourIsExpiredProviderToken() throws Exception {
        long twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        String jwt = RawHttp2Client.jwt(sampleKey, SampleMaterial.KEY_ID, SampleMaterial.TEAM_ID, twoHoursAgo);
        RawHttp2Client.Response r = raw.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                "apns-topic", BUNDLE, "authorization", "bearer " + jwt);
        assertEquals(403, r.status());
        assertEquals("ExpiredProviderToken", r.reason());

        // Pushy's own (DER-signed) token, issued 61 minutes ago: also expired
        String pushyExpired = new AuthenticationToken(sampleKey, Instant.now().minus(Duration.ofMinutes(61)))
                .getAuthorizationHeader().toString();
        r = raw.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                "apns-topic", BUNDLE, "authorization", pushyExpired);
        assertEquals(403, r.status());
        assertEquals("ExpiredProviderToken", r.reason());
    }

    @Test
    void handSignedJoseTokenYoungerThanOneHourIsAccepted() throws Exception {
        long fiftyMinutesAgo = Instant.now().minus(Duration.ofMinutes(50)).getEpochSecond();
        String jwt = RawHttp2Client.jwt(sampleKey, SampleMaterial.KEY_ID, SampleMaterial.TEAM_ID, fiftyMinutesAgo);
        RawHttp2Client.Response r = raw.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                "apns-topic", BUNDLE, "authorization", "bearer " + jwt);
        assertEquals(200, r.status(), () -> String.valueOf(r.reason()));
    }

    @Test
    void connectionBelongsToTheFirstTeamThatAuthenticated() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair other = g.generateKeyPair();
        gateways.trustSigningKey("TEAMB00001", "KEYB000001", (ECPublicKey) other.getPublic());
        long now = Instant.now().getEpochSecond();
        try (RawHttp2Client own = new RawHttp2Client(gateways.trustedServerCaPem())) {
            String teamA = RawHttp2Client.jwt(sampleKey, SampleMaterial.KEY_ID, SampleMaterial.TEAM_ID, now);
            String teamB = RawHttp2Client.jwt((ECPrivateKey) other.getPrivate(), "KEYB000001", "TEAMB00001", now);
            assertEquals(200, own.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                    "apns-topic", BUNDLE, "authorization", "bearer " + teamA).status());
            RawHttp2Client.Response r = own.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                    "apns-topic", BUNDLE, "authorization", "bearer " + teamB);
            assertEquals(403, r.status());
            assertEquals("InvalidProviderToken", r.reason());
        }
        // on a connection of its own, team B's token is fine
        try (RawHttp2Client own = new RawHttp2Client(gateways.trustedServerCaPem())) {
            String teamB = RawHttp2Client.jwt((ECPrivateKey) other.getPrivate(), "KEYB000001", "TEAMB00001", now);
            assertEquals(200, own.post(gateways.sandbox(), token(), GatewayTestSupport.ALERT,
                    "apns-topic", BUNDLE, "authorization", "bearer " + teamB).status());
        }
    }
}
