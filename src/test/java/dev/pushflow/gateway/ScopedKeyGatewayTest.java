package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.KeyScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.pushflow.gateway.GatewayTestSupport.BUNDLE;
import static dev.pushflow.gateway.GatewayTestSupport.Push;
import static dev.pushflow.gateway.GatewayTestSupport.assertAccepted;
import static dev.pushflow.gateway.GatewayTestSupport.assertRejected;
import static dev.pushflow.gateway.GatewayTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys scoped to one environment or to some topics (APNs since 2025), end to end: real Pushy clients over TLS to the
 * embedded gateways, and a raw HTTP/2 client for the exact answer. Every key here is generated at run time.
 */
class ScopedKeyGatewayTest {
    private static final String TEAM = "SCOPETEAM1";
    private static final String OTHER_BUNDLE = "com.example.other";
    private static EmbeddedGateways gateways;
    private static final GatewayTestSupport.Clients clients = new GatewayTestSupport.Clients();
    private static KeyPairGenerator generator;

    @BeforeAll
    static void start() throws Exception {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        gateways = EmbeddedGateways.startDefault();
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        if (gateways != null) {
            gateways.close();
        }
    }

    /** A new key, trusted with {@code scope}; returns its private half. */
    private static ApnsSigningKey trustedKey(String keyId, KeyScope scope) throws Exception {
        KeyPair pair = generator.generateKeyPair();
        gateways.trustSigningKey(TEAM, keyId, (ECPublicKey) pair.getPublic(), scope);
        return new ApnsSigningKey(keyId, TEAM, (ECPrivateKey) pair.getPrivate());
    }

    private static String token(EmbeddedGateway gw, String bundle) {
        return gw.issueToken(bundle);
    }

    @Test
    void sandboxKeyIsRefusedByProductionWithBadEnvironmentKeyIdInToken() throws Exception {
        ApnsSigningKey key = trustedKey("SCOPEENV01", KeyScope.team(EnumSet.of(ApnsEnvironment.SANDBOX)));
        assertAccepted(send(clients.with(gateways.sandbox(), key), Push.alert(token(gateways.sandbox(), BUNDLE))));
        assertRejected(send(clients.with(gateways.production(), key),
                Push.alert(token(gateways.production(), BUNDLE))), 403, "BadEnvironmentKeyIdInToken");
    }

    @Test
    void productionKeyIsRefusedByTheSandboxEvenForAnUnknownToken() throws Exception {
        ApnsSigningKey key = trustedKey("SCOPEENV02", KeyScope.team(EnumSet.of(ApnsEnvironment.PRODUCTION)));
        assertAccepted(send(clients.with(gateways.production(), key),
                Push.alert(token(gateways.production(), BUNDLE))));
        // authentication comes first: the sandbox says nothing about the device token
        assertRejected(send(clients.with(gateways.sandbox(), key), Push.alert("ab".repeat(32))), 403,
                "BadEnvironmentKeyIdInToken");
    }

    @Test
    void topicSpecificKeyPushesOnlyToItsBundlesWhateverThePushTypeSuffix() throws Exception {
        ApnsSigningKey key = trustedKey("SCOPETOP01", KeyScope.topics(EnumSet.allOf(ApnsEnvironment.class),
                List.of(BUNDLE)));
        ApnsClient client = clients.with(gateways.sandbox(), key);
        String token = token(gateways.sandbox(), BUNDLE);
        assertAccepted(send(client, Push.alert(token)));
        assertAccepted(send(client, Push.alert(token).withTopic(BUNDLE + ".voip").withPushType(PushType.VOIP)));
        assertAccepted(send(client, Push.alert(token).withTopic(BUNDLE + ".push-type.liveactivity")
                .withPushType(PushType.LIVE_ACTIVITY)));
        assertAccepted(send(client, Push.alert(token).withTopic(BUNDLE + ".complication")
                .withPushType(PushType.COMPLICATION)));

        String other = token(gateways.sandbox(), OTHER_BUNDLE);
        assertRejected(send(client, Push.alert(other).withTopic(OTHER_BUNDLE)), 403, "UnrelatedKeyIdInToken");
        assertRejected(send(client, Push.alert(other).withTopic(OTHER_BUNDLE + ".voip").withPushType(PushType.VOIP)),
                403, "UnrelatedKeyIdInToken");
        // the same connection goes on working after the rejections
        assertAccepted(send(client, Push.alert(token)));
    }

    @Test
    void topicAndEnvironmentScopesCombine() throws Exception {
        ApnsSigningKey key = trustedKey("SCOPEBOTH1", KeyScope.topics(EnumSet.of(ApnsEnvironment.PRODUCTION),
                List.of(OTHER_BUNDLE)));
        assertRejected(send(clients.with(gateways.sandbox(), key), Push.alert(token(gateways.sandbox(), OTHER_BUNDLE))
                .withTopic(OTHER_BUNDLE)), 403, "BadEnvironmentKeyIdInToken");
        ApnsClient production = clients.with(gateways.production(), key);
        assertRejected(send(production, Push.alert(token(gateways.production(), BUNDLE))), 403,
                "UnrelatedKeyIdInToken");
        assertAccepted(send(production, Push.alert(token(gateways.production(), OTHER_BUNDLE))
                .withTopic(OTHER_BUNDLE)));
    }

    @Test
    void answersCarryApplesStatusAndReasonTextAndTheListenerHearsThem() throws Exception {
        KeyPair pair = generator.generateKeyPair();
        gateways.trustSigningKey(TEAM, "SCOPERAW01", (ECPublicKey) pair.getPublic(),
                KeyScope.topics(EnumSet.of(ApnsEnvironment.SANDBOX), List.of(BUNDLE)));
        String jwt = RawHttp2Client.jwt((ECPrivateKey) pair.getPrivate(), "SCOPERAW01", TEAM,
                Instant.now().getEpochSecond());
        GatewayTestSupport.RecordingListener listener = new GatewayTestSupport.RecordingListener();
        gateways.production().addListener(listener);
        gateways.sandbox().addListener(listener);
        try (RawHttp2Client raw = new RawHttp2Client(gateways.trustedServerCaPem())) {
            String productionToken = token(gateways.production(), BUNDLE);
            RawHttp2Client.Response r = raw.post(gateways.production(), productionToken, GatewayTestSupport.ALERT,
                    "apns-topic", BUNDLE, "authorization", "bearer " + jwt);
            assertEquals(403, r.status());
            assertEquals("BadEnvironmentKeyIdInToken", r.reason());
            GatewayTestSupport.Event e = listener.await(productionToken);
            assertEquals(403, e.status());
            assertEquals("BadEnvironmentKeyIdInToken", e.reason());

            String otherToken = token(gateways.sandbox(), OTHER_BUNDLE);
            r = raw.post(gateways.sandbox(), otherToken, GatewayTestSupport.ALERT,
                    "apns-topic", OTHER_BUNDLE, "authorization", "bearer " + jwt);
            assertEquals(403, r.status());
            assertEquals("UnrelatedKeyIdInToken", r.reason());
            assertEquals("UnrelatedKeyIdInToken", listener.await(otherToken).reason());
        } finally {
            gateways.production().removeListener(listener);
            gateways.sandbox().removeListener(listener);
        }
    }

    @Test
    void rescopingAKeyTakesEffectOnOpenConnections() throws Exception {
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        gateways.trustSigningKey(TEAM, "SCOPEMOVE1", pub, KeyScope.TEAM_ALL_ENVIRONMENTS);
        ApnsClient client = clients.with(gateways.production(),
                new ApnsSigningKey("SCOPEMOVE1", TEAM, (ECPrivateKey) pair.getPrivate()));
        assertAccepted(send(client, Push.alert(token(gateways.production(), BUNDLE))));
        gateways.trustSigningKey(TEAM, "SCOPEMOVE1", pub, KeyScope.team(EnumSet.of(ApnsEnvironment.SANDBOX)));
        assertRejected(send(client, Push.alert(token(gateways.production(), BUNDLE))), 403,
                "BadEnvironmentKeyIdInToken");
        gateways.trustSigningKey(new GatewayConfig.TrustedSigningKey(TEAM, "SCOPEMOVE1", pub));
        assertAccepted(send(client, Push.alert(token(gateways.production(), BUNDLE))));
    }

    @Test
    void scopedKeyInTheStartConfigurationIsEnforced() throws Exception {
        KeyPair pair = generator.generateKeyPair();
        GatewayConfig cfg = GatewayConfig.sample().withTrustedSigningKey(new GatewayConfig.TrustedSigningKey(TEAM,
                "SCOPECFG01", (ECPublicKey) pair.getPublic(), KeyScope.team(Set.of(ApnsEnvironment.SANDBOX))));
        ApnsSigningKey key = new ApnsSigningKey("SCOPECFG01", TEAM, (ECPrivateKey) pair.getPrivate());
        try (EmbeddedGateways own = EmbeddedGateways.start(cfg.withEventLoopThreads(1));
             GatewayTestSupport.Clients ownClients = new GatewayTestSupport.Clients()) {
            assertAccepted(send(ownClients.with(own.sandbox(), key), Push.alert(own.sandbox().issueToken(BUNDLE))));
            assertRejected(send(ownClients.with(own.production(), key),
                    Push.alert(own.production().issueToken(BUNDLE))), 403, "BadEnvironmentKeyIdInToken");
        }
    }

    @Test
    void manyRejectionsInFlightOnOneConnectionAllGetTheirOwnAnswer() throws Exception {
        ApnsSigningKey key = trustedKey("SCOPEMANY1", KeyScope.topics(EnumSet.allOf(ApnsEnvironment.class),
                List.of(BUNDLE)));
        ApnsClient client = clients.with(gateways.sandbox(), key);
        String good = token(gateways.sandbox(), BUNDLE);
        String other = token(gateways.sandbox(), OTHER_BUNDLE);
        List<CompletableFuture<PushNotificationResponse<Push>>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Push p = i % 3 == 0 ? Push.alert(good) : i % 3 == 1 ? Push.alert(other).withTopic(OTHER_BUNDLE)
                    : Push.alert("cd".repeat(32));
            futures.add(client.sendNotification(p));
        }
        for (int i = 0; i < futures.size(); i++) {
            PushNotificationResponse<Push> r = futures.get(i).get(GatewayTestSupport.TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            switch (i % 3) {
                case 0 -> assertAccepted(r);
                case 1 -> assertRejected(r, 403, "UnrelatedKeyIdInToken");
                default -> assertRejected(r, 400, "BadDeviceToken");
            }
        }
    }

    @Test
    void theGatewayWritesApplesReasonTextItself() {
        assertEquals("{\"reason\":\"UnrelatedKeyIdInToken\"}", ApnsRejection.UNRELATED_KEY_ID_IN_TOKEN.body(0));
        assertEquals("{\"reason\":\"BadEnvironmentKeyIdInToken\"}",
                ApnsRejection.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN.body(0));
    }
}
