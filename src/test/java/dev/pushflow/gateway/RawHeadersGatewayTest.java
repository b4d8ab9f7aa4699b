package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import dev.pushflow.credentials.SampleMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static dev.pushflow.gateway.GatewayTestSupport.ALERT;
import static dev.pushflow.gateway.GatewayTestSupport.BUNDLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Header rules Pushy's client cannot break (its enums and UUIDs are always valid), sent with a raw HTTP/2 client over
 * the same TLS + ALPN h2 connection a provider would use, token-authenticated with the sample key.
 */
class RawHeadersGatewayTest {
    private static EmbeddedGateways gateways;
    private static RawHttp2Client raw;
    private static String bearer;
    private static final GatewayTestSupport.RecordingListener events = new GatewayTestSupport.RecordingListener();

    @BeforeAll
    static void start() throws Exception {
        gateways = EmbeddedGateways.startDefault();
        gateways.sandbox().addListener(events);
        raw = new RawHttp2Client(gateways.trustedServerCaPem());
        ApnsSigningKey key = SampleMaterial.tokenKey().signingKey();
        bearer = new AuthenticationToken(key, Instant.now()).getAuthorizationHeader().toString();
    }

    @AfterAll
    static void stop() {
        if (raw != null) {
            raw.close();
        }
        if (gateways != null) {
            gateways.close();
        }
    }

    private static RawHttp2Client.Response post(String token, String... extraHeaders) throws Exception {
        String[] headers = new String[4 + extraHeaders.length];
        headers[0] = "authorization";
        headers[1] = bearer;
        headers[2] = "apns-topic";
        headers[3] = BUNDLE;
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        return raw.post(gateways.sandbox(), token, ALERT, headers);
    }

    private static void assertReason(RawHttp2Client.Response r, int status, String reason) {
        assertEquals(status, r.status(), () -> "status, reason " + r.reason());
        assertEquals(reason, r.reason());
        assertNotNull(r.apnsId(), "an apns-id always comes back");
    }

    @Test
    void plainValidRequestIsAccepted() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        RawHttp2Client.Response r = post(token, "apns-push-type", "alert");
        assertEquals(200, r.status());
        assertNull(r.reason());
        assertNotNull(r.apnsId());
        assertNotNull(r.apnsUniqueId(), "sandbox sends apns-unique-id");
        GatewayNotification n = events.awaitAccepted(token);
        assertNull(n.priority(), "no apns-priority header");
        assertNull(n.expiration(), "no apns-expiration header");
    }

    @Test
    void unknownPushTypeIsInvalidPushType() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertReason(post(token, "apns-push-type", "banner"), 400, "InvalidPushType");
        assertReason(post(token, "apns-push-type", ""), 400, "InvalidPushType");
    }

    @Test
    void everyApplePushTypeIsKnown() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        for (dev.pushflow.apns.PushType t : dev.pushflow.apns.PushType.values()) {
            RawHttp2Client.Response r = raw.post(gateways.sandbox(), token, "{\"aps\":{}}",
                    "authorization", bearer, "apns-topic", t.topicFor(BUNDLE), "apns-push-type", t.headerValue(),
                    "apns-priority", "5");
            assertEquals(200, r.status(), () -> t + ": " + r.reason());
        }
    }

    @Test
    void priorityOtherThan10Or5Or1IsBadPriority() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        for (String p : new String[]{"7", "0", "high", "", "010"}) {
            assertReason(post(token, "apns-priority", p), 400, "BadPriority");
        }
        for (String p : new String[]{"10", "5", "1"}) {
            assertEquals(200, post(token, "apns-priority", p).status(), p);
            assertEquals(Integer.valueOf(p), events.awaitAccepted(token).priority());
        }
    }

    @Test
    void nonIntegerExpirationIsBadExpirationDate() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        for (String e : new String[]{"tomorrow", "1.5", "-5", "", "12e3"}) {
            assertReason(post(token, "apns-expiration", e), 400, "BadExpirationDate");
        }
        assertEquals(200, post(token, "apns-expiration", "0").status());
        assertEquals(0L, events.awaitAccepted(token).expiration());
        assertEquals(200, post(token, "apns-expiration", "1893456000").status());
        assertEquals(1893456000L, events.awaitAccepted(token).expiration());
    }

    @Test
    void apnsIdThatIsNotALowercaseCanonicalUuidIsBadMessageId() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        String upper = UUID.randomUUID().toString().toUpperCase();
        assertReason(post(token, "apns-id", upper), 400, "BadMessageId");
        assertReason(post(token, "apns-id", "0123456789abcdef0123456789abcdef"), 400, "BadMessageId");
        String good = UUID.randomUUID().toString();
        RawHttp2Client.Response ok = post(token, "apns-id", good);
        assertEquals(200, ok.status());
        assertEquals(good, ok.apnsId(), "apns-id echoed");
        assertEquals(good, events.awaitAccepted(token).apnsId());
    }

    @Test
    void methodOtherThanPostIsMethodNotAllowed() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        RawHttp2Client.Response r = raw.send(gateways.sandbox(), "PUT", "/3/device/" + token, ALERT,
                "authorization", bearer, "apns-topic", BUNDLE);
        assertReason(r, 405, "MethodNotAllowed");
        r = raw.send(gateways.sandbox(), "GET", "/3/device/" + token, null, "authorization", bearer,
                "apns-topic", BUNDLE);
        assertReason(r, 405, "MethodNotAllowed");
    }

    @Test
    void pathOutsideDeviceEndpointIsBadPath() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        for (String path : new String[]{"/", "/3/devices/" + token, "/2/device/" + token}) {
            RawHttp2Client.Response r = raw.send(gateways.sandbox(), "POST", path, ALERT,
                    "authorization", bearer, "apns-topic", BUNDLE);
            assertReason(r, 404, "BadPath");
        }
    }

    @Test
    void repeatedApnsHeaderIsDuplicateHeaders() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertReason(post(token, "apns-topic", BUNDLE), 400, "DuplicateHeaders");
        assertReason(post(token, "apns-priority", "10", "apns-priority", "5"), 400, "DuplicateHeaders");
    }

    @Test
    void missingDeviceTokenIsMissingDeviceToken() throws Exception {
        assertReason(post(""), 400, "MissingDeviceToken");
    }
}
