package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.SampleMaterial;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateways' lifecycle and the device-token registry API. */
class EmbeddedGatewaysTest {
    private static EmbeddedGateways gateways;

    @BeforeAll
    static void start() {
        gateways = EmbeddedGateways.start(GatewayConfig.sample().withEventLoopThreads(1));
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void eachEnvironmentHasItsOwnGatewayAndPort() {
        assertSame(gateways.sandbox(), gateways.get(ApnsEnvironment.SANDBOX));
        assertSame(gateways.production(), gateways.get(ApnsEnvironment.PRODUCTION));
        assertEquals(ApnsEnvironment.SANDBOX, gateways.sandbox().environment());
        assertEquals(ApnsEnvironment.PRODUCTION, gateways.production().environment());
        assertNotEquals(gateways.sandbox().port(), gateways.production().port());
        assertTrue(gateways.sandbox().port() > 0);
        assertArrayEquals(SampleMaterial.caPem(), gateways.trustedServerCaPem());
    }

    @Test
    void issuedTokensAre64LowercaseHexDigitsAndKnownInTheirEnvironmentOnly() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String t = gateways.sandbox().issueToken("com.example.chat");
            assertTrue(t.matches("[0-9a-f]{64}"), t);
            assertTrue(seen.add(t), "tokens are random");
            assertTrue(gateways.sandbox().knows(t));
            assertTrue(gateways.sandbox().knows(t.toUpperCase()));
            assertFalse(gateways.production().knows(t));
        }
    }

    @Test
    void registerTokenAcceptsAnyEvenLengthHexOnly() {
        gateways.production().registerToken("ABCDEF", "com.example.chat");
        assertTrue(gateways.production().knows("abcdef"));
        for (String bad : new String[]{"", "abc", "zz", "ab cd", "０１"}) {
            assertThrows(IllegalArgumentException.class, () -> gateways.production().registerToken(bad, "com.example.chat"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> gateways.production().registerToken("abcd", " "));
        assertThrows(IllegalArgumentException.class, () -> gateways.production().issueToken(null));
    }

    @Test
    void unregisteringOrReinstatingAnUnknownTokenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> gateways.sandbox().unregisterToken("abab", Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> gateways.sandbox().reinstate("abab"));
        String t = gateways.sandbox().issueToken("com.example.chat");
        gateways.sandbox().unregisterToken(t, Instant.now());
        assertTrue(gateways.sandbox().knows(t), "an uninstalled app's token is still known (it answers 410)");
        gateways.sandbox().reinstate(t);
        assertEquals(null, gateways.sandbox().registry().lookup(t).unregisteredAt());
    }

    @Test
    void failingListenerDoesNotChangeTheAnswer() throws Exception {
        EmbeddedGateway gw = new EmbeddedGateway(ApnsEnvironment.SANDBOX, new ProviderTokenVerifier(), System::currentTimeMillis);
        gw.addListener(n -> {
            throw new IllegalStateException("listener bug");
        });
        GatewayTestSupport.RecordingListener after = new GatewayTestSupport.RecordingListener();
        gw.addListener(after);
        String token = gw.issueToken("com.example.chat");
        ClientCertificateInfo cert = new ClientCertificateInfo("com.example.chat", true, false, true, List.of(),
                Instant.EPOCH, Instant.now().plusSeconds(3600));
        ByteBuf payload = Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8);
        try {
            assertNull(RequestValidator.forCertificate(gw, cert, System::currentTimeMillis)
                    .handle(new DefaultHttp2Headers().method("POST").path("/3/device/" + token), payload),
                    "accepted although a listener threw");
        } finally {
            payload.release();
        }
        assertEquals(200, after.await(token).status(), "later listeners still hear it");
    }

    @Test
    void closeShutsTheServersAndTheEventLoopDown() throws Exception {
        EmbeddedGateways own = EmbeddedGateways.startDefault();
        int sandboxPort = own.sandbox().port();
        int productionPort = own.production().port();
        own.close();
        assertTrue(own.isTerminated(), "the event loop group has terminated");
        for (int port : new int[]{sandboxPort, productionPort}) {
            try (Socket s = new Socket()) {
                assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", port), 3000));
            }
        }
        assertDoesNotThrow(own::close, "close is idempotent");
    }

    @Test
    void configRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> GatewayConfig.sample().withEventLoopThreads(0));
        assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.TrustedSigningKey.fromPem("T", "K", "not pem".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> gateways.trustSigningKey("", "K", Pem.ecPublicKey(SampleMaterial.tokenKeyPublicPem())));
    }
}
