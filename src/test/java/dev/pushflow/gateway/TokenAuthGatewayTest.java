package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.SampleMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import static dev.pushflow.gateway.GatewayTestSupport.ALERT;
import static dev.pushflow.gateway.GatewayTestSupport.BUNDLE;
import static dev.pushflow.gateway.GatewayTestSupport.Event;
import static dev.pushflow.gateway.GatewayTestSupport.Push;
import static dev.pushflow.gateway.GatewayTestSupport.RecordingListener;
import static dev.pushflow.gateway.GatewayTestSupport.assertAccepted;
import static dev.pushflow.gateway.GatewayTestSupport.assertRejected;
import static dev.pushflow.gateway.GatewayTestSupport.payloadOfSize;
import static dev.pushflow.gateway.GatewayTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule about device tokens, topics, push types, headers and payloads, end to end with a real Pushy client
 *  using the sample token key (token authentication). */
class TokenAuthGatewayTest {
    private static EmbeddedGateways gateways;
    private static ApnsClient sandbox;
    private static ApnsClient production;
    private static final GatewayTestSupport.Clients clients = new GatewayTestSupport.Clients();
    private static final RecordingListener sandboxEvents = new RecordingListener();
    private static final RecordingListener productionEvents = new RecordingListener();

    @BeforeAll
    static void start() throws Exception {
        gateways = EmbeddedGateways.startDefault();
        gateways.sandbox().addListener(sandboxEvents);
        gateways.production().addListener(productionEvents);
        sandbox = clients.with(gateways.sandbox(), SampleMaterial.tokenKey());
        production = clients.with(gateways.production(), SampleMaterial.tokenKey());
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void validTokenAuthPushIsAcceptedAndReachesTheListener() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        UUID apnsId = UUID.randomUUID();
        Instant expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        PushNotificationResponse<Push> r = send(sandbox, Push.alert(token).withApnsId(apnsId)
                .withPriority(DeliveryPriority.CONSERVE_POWER).withCollapseId("chat-42").withExpiration(expiration));
        assertAccepted(r);
        assertEquals(apnsId, r.getApnsId(), "apns-id echoed");

        Event e = sandboxEvents.await(token);
        assertEquals(200, e.status());
        GatewayNotification n = e.n();
        assertEquals(ApnsEnvironment.SANDBOX, n.environment());
        assertEquals(token, n.token());
        assertEquals(BUNDLE, n.topic());
        assertEquals("alert", n.pushType());
        assertEquals(5, n.priority());
        assertEquals(expiration.getEpochSecond(), n.expiration());
        assertEquals("chat-42", n.collapseId());
        assertEquals(apnsId.toString(), n.apnsId());
        assertEquals(ALERT, n.payload());
        assertEquals("token", n.authKind());
        assertTrue(Math.abs(n.receivedAt().toEpochMilli() - System.currentTimeMillis()) < 60_000);
    }

    @Test
    void clientAlwaysGetsAnApnsIdBackEvenWhenItSentNone() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        PushNotificationResponse<Push> r = send(sandbox, Push.alert(token));
        assertAccepted(r);
        assertNull(sandboxEvents.await(token).n().apnsId(), "the request had no apns-id");
        PushNotificationResponse<Push> rejected = send(sandbox, Push.alert(token).withPayload(""));
        assertRejected(rejected, 400, "PayloadEmpty");
    }

    @Test
    void sandboxTokenOnProductionGatewayIsBadDeviceToken() throws Exception {
        String sandboxToken = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(production, Push.alert(sandboxToken)), 400, "BadDeviceToken");
        Event e = productionEvents.await(sandboxToken);
        assertEquals(400, e.status());
        assertEquals("BadDeviceToken", e.reason());
        assertEquals(ApnsEnvironment.PRODUCTION, e.n().environment());
        // the same token is fine where it was issued
        assertAccepted(send(sandbox, Push.alert(sandboxToken)));
    }

    @Test
    void productionTokenOnSandboxGatewayIsBadDeviceToken() throws Exception {
        String productionToken = gateways.production().issueToken(BUNDLE);
        assertRejected(send(sandbox, Push.alert(productionToken)), 400, "BadDeviceToken");
        assertAccepted(send(production, Push.alert(productionToken)));
    }

    @Test
    void unknownTokenIsBadDeviceToken() throws Exception {
        assertRejected(send(sandbox, Push.alert("ab".repeat(32))), 400, "BadDeviceToken");
    }

    @Test
    void oddLengthTokenIsBadDeviceToken() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(sandbox, Push.alert(token.substring(1))), 400, "BadDeviceToken");
    }

    @Test
    void nonHexTokenIsBadDeviceToken() throws Exception {
        assertRejected(send(sandbox, Push.alert("zz".repeat(32))), 400, "BadDeviceToken");
    }

    @Test
    void missingTokenIsMissingDeviceToken() throws Exception {
        assertRejected(send(sandbox, Push.alert("")), 400, "MissingDeviceToken");
    }

    @Test
    void tokenLengthIsNotAssumedTo64HexDigits() throws Exception {
        String longToken = HexFormat.of().formatHex(new byte[100]).replace('0', 'c');
        String shortToken = "0a1b2c3d";
        gateways.sandbox().registerToken(longToken, BUNDLE);
        gateways.sandbox().registerToken(shortToken, BUNDLE);
        assertAccepted(send(sandbox, Push.alert(longToken)));
        assertAccepted(send(sandbox, Push.alert(shortToken)));
    }

    @Test
    void uppercaseHexTokenMatchesItsLowercaseRegistration() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertAccepted(send(sandbox, Push.alert(token.toUpperCase())));
        assertEquals(token, sandboxEvents.await(token).n().token());
    }

    @Test
    void tokenOfAnotherBundleIsDeviceTokenNotForTopic() throws Exception {
        String token = gateways.sandbox().issueToken("com.example.other");
        assertRejected(send(sandbox, Push.alert(token)), 400, "DeviceTokenNotForTopic");
        assertAccepted(send(sandbox, Push.alert(token).withTopic("com.example.other")));
    }

    @Test
    void uninstalledAppTokenIsUnregisteredWithItsTimestamp() throws Exception {
        String token = gateways.production().issueToken(BUNDLE);
        Instant when = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        gateways.production().unregisterToken(token, when);
        PushNotificationResponse<Push> r = send(production, Push.alert(token));
        assertRejected(r, 410, "Unregistered");
        assertEquals(when, r.getTokenInvalidationTimestamp().orElseThrow());
        Event e = productionEvents.await(token);
        assertEquals(410, e.status());
        assertEquals("Unregistered", e.reason());
        assertEquals(when, e.timestamp());

        gateways.production().reinstate(token);
        assertAccepted(send(production, Push.alert(token)));
    }

    @Test
    void missingTopicWithTokenAuthIsMissingTopic() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(sandbox, Push.alert(token).withTopic(null)), 400, "MissingTopic");
    }

    @Test
    void voipPushToTheBundleTopicIsBadTopic() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(sandbox, Push.alert(token).withPushType(PushType.VOIP)), 400, "BadTopic");
    }

    @Test
    void alertPushToTheVoipTopicIsBadTopic() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(sandbox, Push.alert(token).withTopic(BUNDLE + ".voip")), 400, "BadTopic");
    }

    @Test
    void voipPushToTheVoipTopicIsAccepted() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertAccepted(send(sandbox, Push.alert(token).withPushType(PushType.VOIP).withTopic(BUNDLE + ".voip")));
        Event e = sandboxEvents.await(token);
        assertEquals("voip", e.n().pushType());
        assertEquals(BUNDLE + ".voip", e.n().topic());
    }

    @Test
    void everySuffixedPushTypeNeedsItsTopicSuffix() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertAccepted(send(sandbox, Push.alert(token).withPushType(PushType.COMPLICATION).withTopic(BUNDLE + ".complication")));
        assertAccepted(send(sandbox, Push.alert(token).withPushType(PushType.LIVE_ACTIVITY).withTopic(BUNDLE + ".push-type.liveactivity")));
        assertAccepted(send(sandbox, Push.alert(token).withPushType(PushType.PUSH_TO_TALK).withTopic(BUNDLE + ".voip-ptt")));
        assertRejected(send(sandbox, Push.alert(token).withPushType(PushType.PUSH_TO_TALK).withTopic(BUNDLE + ".voip")), 400, "BadTopic");
        assertRejected(send(sandbox, Push.alert(token).withPushType(PushType.LOCATION).withTopic(BUNDLE)), 400, "BadTopic");
    }

    @Test
    void absentPushTypeIsTreatedAsAlert() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertAccepted(send(sandbox, Push.alert(token).withPushType(null)));
        assertEquals("alert", sandboxEvents.await(token).n().pushType());
        assertRejected(send(sandbox, Push.alert(token).withPushType(null).withTopic(BUNDLE + ".voip")), 400, "BadTopic");
    }

    @Test
    void backgroundPushWithPriority10IsBadPriority() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        String silent = "{\"aps\":{\"content-available\":1}}";
        assertRejected(send(sandbox, Push.alert(token).withPayload(silent).withPushType(PushType.BACKGROUND)
                .withPriority(DeliveryPriority.IMMEDIATE)), 400, "BadPriority");
        assertAccepted(send(sandbox, Push.alert(token).withPayload(silent).withPushType(PushType.BACKGROUND)
                .withPriority(DeliveryPriority.CONSERVE_POWER)));
        assertAccepted(send(sandbox, Push.alert(token).withPayload(silent).withPushType(PushType.BACKGROUND)));
    }

    @Test
    void collapseIdOver64BytesIsBadCollapseId() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(sandbox, Push.alert(token).withCollapseId("c".repeat(65))), 400, "BadCollapseId");
        assertAccepted(send(sandbox, Push.alert(token).withCollapseId("c".repeat(64))));
    }

    @Test
    void emptyPayloadIsPayloadEmpty() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(sandbox, Push.alert(token).withPayload("")), 400, "PayloadEmpty");
    }

    @Test
    void alertPayloadOver4096BytesIsPayloadTooLarge() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertAccepted(send(sandbox, Push.alert(token).withPayload(payloadOfSize(4096))));
        assertRejected(send(sandbox, Push.alert(token).withPayload(payloadOfSize(4097))), 413, "PayloadTooLarge");
    }

    @Test
    void voipPayloadOver5120BytesIsPayloadTooLarge() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        Push voip = Push.alert(token).withPushType(PushType.VOIP).withTopic(BUNDLE + ".voip");
        assertAccepted(send(sandbox, voip.withPayload(payloadOfSize(5120))));
        assertEquals(5120, sandboxEvents.await(token).n().payload().length());
        assertRejected(send(sandbox, voip.withPayload(payloadOfSize(5121))), 413, "PayloadTooLarge");
    }

    @Test
    void apnsUniqueIdIsSentBySandboxOnly() throws Exception {
        String s = gateways.sandbox().issueToken(BUNDLE);
        String p = gateways.production().issueToken(BUNDLE);
        PushNotificationResponse<Push> sr = send(sandbox, Push.alert(s));
        PushNotificationResponse<Push> pr = send(production, Push.alert(p));
        assertAccepted(sr);
        assertAccepted(pr);
        assertTrue(sr.getApnsUniqueId().isPresent(), "sandbox (development) answers with apns-unique-id");
        assertTrue(pr.getApnsUniqueId().isEmpty(), "production never sends apns-unique-id");
    }

    @Test
    void rejectedPushesReachOnRejectedWithWhatWasUnderstood() throws Exception {
        String token = gateways.sandbox().issueToken("com.example.other");
        UUID apnsId = UUID.randomUUID();
        assertRejected(send(sandbox, Push.alert(token).withApnsId(apnsId)), 400, "DeviceTokenNotForTopic");
        Event e = sandboxEvents.await(token);
        assertEquals(400, e.status());
        assertEquals("DeviceTokenNotForTopic", e.reason());
        assertNull(e.timestamp());
        assertEquals(BUNDLE, e.n().topic());
        assertEquals(apnsId.toString(), e.n().apnsId());
        assertEquals(ALERT, e.n().payload());
    }
}
