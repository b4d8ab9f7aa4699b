package dev.pushflow.ui.testsupport;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.engine.DeviceTokenAuthority;
import dev.pushflow.engine.PushFlowEngine;
import io.netty.buffer.ByteBuf;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http2.Http2Headers;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Test-only stand-in for the embedded gateways until {@code dev.pushflow.engine.Engines} lands on main:
 * two Pushy mock servers on 127.0.0.1 that know which environment issued a token, answer BadDeviceToken
 * for a token of the other environment and Unregistered after an uninstall, and hand accepted pushes to the
 * engine's simulated iPhones.
 */
public final class InterimGateways implements DeviceTokenAuthority, AutoCloseable {
    private final Map<ApnsEnvironment, Set<String>> issued = new EnumMap<>(ApnsEnvironment.class);
    private final Set<String> uninstalled = ConcurrentHashMap.newKeySet();
    private final Map<ApnsEnvironment, MockApnsServer> servers = new EnumMap<>(ApnsEnvironment.class);
    private final Map<ApnsEnvironment, Integer> ports = new EnumMap<>(ApnsEnvironment.class);
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final SecureRandom random = new SecureRandom();
    private volatile PushFlowEngine engine;

    private InterimGateways() {
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            issued.put(env, ConcurrentHashMap.newKeySet());
        }
    }

    /** Starts both gateways and an engine wired to them (nothing applied to the workspace yet). */
    public static PushFlowEngine startEngine(DeliveryLog log) throws Exception {
        InterimGateways g = new InterimGateways();
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            g.start(env);
        }
        DeliveryService delivery = new DeliveryService(env -> new Endpoint("127.0.0.1", g.ports.get(env),
                SampleMaterial.caPem(), "embedded " + env.wireName() + " 127.0.0.1:" + g.ports.get(env)), 2_000);
        PushFlowEngine engine = new PushFlowEngine(delivery, log, g, null);
        g.engine = engine;
        engine.own(g);
        return engine;
    }

    private void start(ApnsEnvironment env) throws Exception {
        MockApnsServer server = new MockApnsServerBuilder()
                .setServerCredentials(new ByteArrayInputStream(SampleMaterial.serverChainPem()),
                        new ByteArrayInputStream(SampleMaterial.serverKeyPkcs8Pem()), null)
                .setEventLoopGroup(group)
                .setHandlerFactory(session -> handler(env))
                .setListener(listener(env))
                .build();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server.start(port).get(10, TimeUnit.SECONDS);
        servers.put(env, server);
        ports.put(env, port);
    }

    private PushNotificationHandler handler(ApnsEnvironment env) {
        return (Http2Headers headers, ByteBuf payload) -> {
            String token = token(headers);
            if (uninstalled.contains(token)) {
                throw new UnregisteredDeviceTokenException(Instant.now());
            }
            if (!issued.get(env).contains(token)) {
                throw new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN);
            }
        };
    }

    private MockApnsServerListener listener(ApnsEnvironment env) {
        return new MockApnsServerListener() {
            @Override
            public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
                PushFlowEngine e = engine;
                if (e != null) {
                    CharSequence id = headers.get("apns-id");
                    CharSequence topic = headers.get("apns-topic");
                    CharSequence type = headers.get("apns-push-type");
                    e.notificationArrived(env, token(headers), id == null ? null : id.toString(),
                            topic == null ? null : topic.toString(), type == null ? "alert" : type.toString(),
                            payload == null ? "{}" : payload.toString(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                                                       Instant deviceTokenExpirationTimestamp) {
            }
        };
    }

    private static String token(Http2Headers headers) {
        String path = String.valueOf(headers.path());
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public int port(ApnsEnvironment env) {
        return ports.get(env);
    }

    @Override
    public String issueToken(ApnsEnvironment environment, String bundleId) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        issued.get(environment).add(token);
        return token;
    }

    @Override
    public void uninstall(ApnsEnvironment environment, String token, Instant when) {
        uninstalled.add(token);
    }

    @Override
    public void close() {
        for (MockApnsServer s : servers.values()) {
            try {
                s.shutdown().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
