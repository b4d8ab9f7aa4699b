package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.SampleMaterial;

import java.io.ByteArrayInputStream;
import io.netty.channel.nio.NioEventLoopGroup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared helpers of the gateway tests: real Pushy clients, notifications Pushy would not build, a listener. */
final class GatewayTestSupport {
    static final String BUNDLE = SampleMaterial.BUNDLE_ID;
    static final long TIMEOUT_SECONDS = 15;

    private GatewayTestSupport() {
    }

    /**
     * The Pushy clients of one test class on one shared client event loop group (a client with its own group takes
     * two seconds to close: Netty's default quiet period).
     */
    static final class Clients implements AutoCloseable {
        private final NioEventLoopGroup group = new NioEventLoopGroup(1);
        private final List<ApnsClient> clients = new ArrayList<>();

        ApnsClientBuilder builder(EmbeddedGateway gw) {
            return new ApnsClientBuilder()
                    .setApnsServer(gw.host(), gw.port())
                    .setTrustedServerCertificateChain(new ByteArrayInputStream(SampleMaterial.caPem()))
                    .setEventLoopGroup(group);
        }

        ApnsClient with(EmbeddedGateway gw, Credential credential) throws Exception {
            ApnsClientBuilder b = builder(gw);
            credential.configure(b);
            return add(b.build());
        }

        ApnsClient with(EmbeddedGateway gw, ApnsSigningKey key) throws Exception {
            return add(builder(gw).setSigningKey(key).build());
        }

        private ApnsClient add(ApnsClient c) {
            clients.add(c);
            return c;
        }

        @Override
        public void close() throws Exception {
            try {
                for (ApnsClient c : clients) {
                    c.close().get(10, TimeUnit.SECONDS);
                }
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            }
        }
    }

    static PushNotificationResponse<Push> send(ApnsClient client, Push push) throws Exception {
        return client.sendNotification(push).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static void assertAccepted(PushNotificationResponse<?> r) {
        assertTrue(r.isAccepted(), () -> "expected 200, got " + r.getStatusCode() + " " + r.getRejectionReason());
        assertEquals(200, r.getStatusCode());
        assertNotNull(r.getApnsId(), "the gateway always answers with an apns-id");
    }

    static void assertRejected(PushNotificationResponse<?> r, int status, String reason) {
        assertFalse(r.isAccepted(), () -> "expected " + status + " " + reason + " but it was accepted");
        assertEquals(status, r.getStatusCode(), "status");
        assertEquals(reason, r.getRejectionReason().orElse(null), "reason");
        assertNotNull(r.getApnsId(), "the gateway always answers with an apns-id");
    }

    /** A payload of exactly {@code bytes} UTF-8 bytes. */
    static String payloadOfSize(int bytes) {
        String head = "{\"aps\":{\"alert\":\"";
        String tail = "\"}}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    static final String ALERT = "{\"aps\":{\"alert\":\"Nickname: hello\"},\"ext\":\"{}\"}";

    /** A notification with every field free, including what SimpleApnsPushNotification refuses (a null topic). */
    record Push(String token, String topic, String payload, Instant expiration, DeliveryPriority priority,
                PushType pushType, String collapseId, UUID apnsId) implements ApnsPushNotification {

        static Push alert(String token) {
            return new Push(token, BUNDLE, ALERT, null, null, PushType.ALERT, null, null);
        }

        Push withTopic(String t) {
            return new Push(token, t, payload, expiration, priority, pushType, collapseId, apnsId);
        }

        Push withPayload(String p) {
            return new Push(token, topic, p, expiration, priority, pushType, collapseId, apnsId);
        }

        Push withPriority(DeliveryPriority p) {
            return new Push(token, topic, payload, expiration, p, pushType, collapseId, apnsId);
        }

        Push withPushType(PushType t) {
            return new Push(token, topic, payload, expiration, priority, t, collapseId, apnsId);
        }

        Push withCollapseId(String c) {
            return new Push(token, topic, payload, expiration, priority, pushType, c, apnsId);
        }

        Push withApnsId(UUID id) {
            return new Push(token, topic, payload, expiration, priority, pushType, collapseId, id);
        }

        Push withExpiration(Instant e) {
            return new Push(token, topic, payload, e, priority, pushType, collapseId, apnsId);
        }

        @Override
        public String getToken() {
            return token;
        }

        @Override
        public String getPayload() {
            return payload;
        }

        @Override
        public Instant getExpiration() {
            return expiration;
        }

        @Override
        public DeliveryPriority getPriority() {
            return priority;
        }

        @Override
        public PushType getPushType() {
            return pushType;
        }

        @Override
        public String getTopic() {
            return topic;
        }

        @Override
        public String getCollapseId() {
            return collapseId;
        }

        @Override
        public UUID getApnsId() {
            return apnsId;
        }
    }

    /** What a listener heard: an accepted notification (status 200) or a rejection. */
    record Event(GatewayNotification n, int status, String reason, Instant timestamp) {
    }

    /** Records every call; tests pick their own notification out by device token. */
    static final class RecordingListener implements GatewayListener {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        @Override
        public void onAccepted(GatewayNotification n) {
            events.add(new Event(n, 200, null, null));
        }

        @Override
        public void onRejected(GatewayNotification n, int status, String reason, Instant timestamp) {
            events.add(new Event(n, status, reason, timestamp));
        }

        /** The next event about {@code token} (others stay queued for their tests). */
        Event await(String token) throws InterruptedException {
            java.util.concurrent.atomic.AtomicReference<Event> found = new java.util.concurrent.atomic.AtomicReference<>();
            org.awaitility.Awaitility.await("a listener event for token " + token)
                    .atMost(TIMEOUT_SECONDS, TimeUnit.SECONDS).pollInterval(java.time.Duration.ofMillis(5))
                    .until(() -> {
                        for (Event e : events) {
                            if (token.equalsIgnoreCase(String.valueOf(e.n().token())) && events.remove(e)) {
                                found.set(e);
                                return true;
                            }
                        }
                        return false;
                    });
            return found.get();
        }

        /** The next ACCEPTED notification for {@code token}; rejections of that token before it are consumed. */
        GatewayNotification awaitAccepted(String token) throws InterruptedException {
            while (true) {
                Event e = await(token);
                if (e.status() == 200) {
                    return e.n();
                }
            }
        }
    }
}
