package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import dev.pushflow.credentials.SampleMaterial;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pushflow.gateway.GatewayTestSupport.ALERT;
import static dev.pushflow.gateway.GatewayTestSupport.BUNDLE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Pushy never sends, with our own frame-level HTTP/2 client: Apple's connection rules (one stream before the
 * first token, token updates, idle timeout, shutdown) and abuse (bodies past the limit, resets and drops mid-body,
 * header floods, bad frames, floods of streams). Paranoid leak detection is on for every test run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Http2AbuseGatewayTest {
    private static EmbeddedGateways gateways;
    private static ApnsSigningKey key;

    @BeforeAll
    static void start() throws Exception {
        gateways = EmbeddedGateways.start(GatewayConfig.sample().withEventLoopThreads(1));
        key = SampleMaterial.tokenKey().signingKey();
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    private static EmbeddedGateway sandbox() {
        return gateways.sandbox();
    }

    private static String bearer(long iatSeconds) throws Exception {
        return "bearer " + RawHttp2Client.jwt(key, SampleMaterial.KEY_ID, SampleMaterial.TEAM_ID, iatSeconds);
    }

    private static FrameClient connect(EmbeddedGateway gw) throws Exception {
        FrameClient c = FrameClient.connect(gw, gateways.trustedServerCaPem());
        c.awaitSettings();
        return c;
    }

    private static Http2Headers alert(EmbeddedGateway gw, String token, String bearer) {
        return FrameClient.post(gw, token, "authorization", bearer, "apns-topic", BUNDLE);
    }

    /** One accepted push: the connection is authenticated and raised its stream limit. */
    private static void authenticate(FrameClient c, EmbeddedGateway gw, String bearer) throws Exception {
        FrameClient.Result r = c.send(alert(gw, gw.issueToken(BUNDLE), bearer), ALERT);
        assertEquals(200, r.status(), r::body);
    }

    @Test
    void tokenConnectionAllowsOneStreamUntilTheFirstValidTokenThenMore() throws Exception {
        try (FrameClient c = FrameClient.connect(sandbox(), gateways.trustedServerCaPem())) {
            Http2Settings first = c.awaitSettings();
            assertEquals(1L, first.maxConcurrentStreams(), "Apple's first SETTINGS on a token connection");
            assertEquals(8000L, first.maxHeaderListSize());
            c.ignoreServerLimits();
            String token = sandbox().issueToken(BUNDLE);
            Http2FrameStream a = c.newStream();
            FrameClient.Result ra = c.headers(a, alert(sandbox(), token, bearer(Instant.now().getEpochSecond())), false);
            FrameClient.Result rb = c.await(c.headers(c.newStream(),
                    alert(sandbox(), token, bearer(Instant.now().getEpochSecond())), true));
            assertEquals((long) Http2Error.REFUSED_STREAM.code(), rb.resetCode, "a second stream before the first token");
            c.data(a, FrameClient.text(ALERT), true);
            assertEquals(200, c.await(ra).status());
            assertEquals((long) ApnsConnectionHandler.MAX_STREAMS, c.awaitSettings().maxConcurrentStreams(),
                    "more streams once a provider token was accepted");
        }
    }

    @Test
    void aNewProviderTokenSoonerThanTwentyMinutesIsTooManyProviderTokenUpdates() throws Exception {
        long now = Instant.now().getEpochSecond();
        String first = bearer(now);
        String second = bearer(now - 1);
        try (FrameClient c = connect(sandbox())) {
            String token = sandbox().issueToken(BUNDLE);
            assertEquals(200, c.send(alert(sandbox(), token, first), ALERT).status());
            FrameClient.Result r = c.send(alert(sandbox(), token, second), ALERT);
            assertEquals(429, r.status());
            assertEquals("{\"reason\":\"TooManyProviderTokenUpdates\"}", r.body());
            assertEquals(200, c.send(alert(sandbox(), token, first), ALERT).status(), "the first token still works");
        }
    }

    @Test
    void aBodyPastItsLimitIsAnswered413AtOnceTheStreamResetAndNothingBufferedPastTheLimit() throws Exception {
        try (FrameClient c = connect(sandbox())) {
            String bearer = bearer(Instant.now().getEpochSecond());
            authenticate(c, sandbox(), bearer);
            long readBefore = sandbox().stats().bodyBytesRead.sum();
            Http2FrameStream s = c.newStream();
            FrameClient.Result r = c.headers(s, alert(sandbox(), sandbox().issueToken(BUNDLE), bearer), false);
            // a 2 GB upload in 1 KB frames, each written when the previous one went out, until the server says stop
            long twoGb = 2L << 30;
            byte[] chunk = new byte[1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> pumpStopped = new CompletableFuture<>();
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                if (r.done.isDone() || sent.get() >= twoGb || !c.isOpen()) {
                    pumpStopped.complete(null);
                    return;
                }
                sent.addAndGet(chunk.length);
                c.dataAsync(s, Unpooled.wrappedBuffer(chunk)).addListener(f -> {
                    if (f.isSuccess()) {
                        pump[0].run();
                    } else {
                        pumpStopped.complete(null);
                    }
                });
            };
            pump[0].run();
            c.await(r);
            pumpStopped.get(FrameClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(413, r.status());
            assertEquals("{\"reason\":\"PayloadTooLarge\"}", r.body());
            await().atMost(Duration.ofSeconds(FrameClient.TIMEOUT_SECONDS)).until(() -> r.resetCode != null);
            assertEquals((long) Http2Error.NO_ERROR.code(), r.resetCode, "the upload is stopped with RST_STREAM");
            assertTrue(sent.get() < twoGb, "the client was stopped long before 2 GB");
            long read = sandbox().stats().bodyBytesRead.sum() - readBefore;
            assertTrue(read <= 4096 + chunk.length, () -> "the handler saw " + read + " body bytes, at most the limit "
                    + "and the frame that passed it");
            assertEquals(0, sandbox().stats().bufferedBytes.sum(), "nothing kept");
            // the connection is fine afterwards
            assertEquals(200, c.send(alert(sandbox(), sandbox().issueToken(BUNDLE), bearer), ALERT).status());
            long after = sandbox().stats().bodyBytesRead.sum();
            assertEquals(after, sandbox().stats().bodyBytesRead.sum(), "no more body bytes arrive");
        }
    }

    @Test
    void resetsAndDropsMidBodyLeaveNothingBehind() throws Exception {
        String bearer = bearer(Instant.now().getEpochSecond());
        try (FrameClient c = connect(sandbox())) {
            authenticate(c, sandbox(), bearer);
            Http2FrameStream s = c.newStream();
            c.headers(s, alert(sandbox(), sandbox().issueToken(BUNDLE), bearer), false);
            c.data(s, FrameClient.text("{\"aps\":{\"alert\":\"half"), false);
            c.reset(s, Http2Error.CANCEL);
            assertEquals(200, c.send(alert(sandbox(), sandbox().issueToken(BUNDLE), bearer), ALERT).status(),
                    "the connection survives a reset mid-body");
        }
        await().atMost(Duration.ofSeconds(FrameClient.TIMEOUT_SECONDS))
                .until(() -> sandbox().stats().bufferedBytes.sum() == 0);
        FrameClient c = connect(sandbox());
        authenticate(c, sandbox(), bearer);
        Http2FrameStream s = c.newStream();
        c.headers(s, alert(sandbox(), sandbox().issueToken(BUNDLE), bearer), false);
        c.data(s, FrameClient.text("{\"aps\":{\"alert\":\"dropped"), false);
        await().atMost(Duration.ofSeconds(FrameClient.TIMEOUT_SECONDS))
                .until(() -> sandbox().stats().bufferedBytes.sum() > 0);
        c.close(); // the TCP connection goes away mid-body
        await().atMost(Duration.ofSeconds(FrameClient.TIMEOUT_SECONDS))
                .until(() -> sandbox().stats().bufferedBytes.sum() == 0);
    }

    @Test
    void aHeaderListOverTheLimitIsRefusedAndAFloodEndsTheConnection() throws Exception {
        String bearer = bearer(Instant.now().getEpochSecond());
        try (FrameClient c = connect(sandbox())) {
            authenticate(c, sandbox(), bearer);
            c.ignoreServerLimits();
            Http2Headers big = alert(sandbox(), sandbox().issueToken(BUNDLE), bearer).add("x-pad", "p".repeat(8500));
            FrameClient.Result r = c.send(big, ALERT);
            assertTrue(r.status() == 431 || r.resetCode != null, () -> "refused, not " + r.status());
            assertEquals(200, c.send(alert(sandbox(), sandbox().issueToken(BUNDLE), bearer), ALERT).status(),
                    "a header list a little over the limit costs the stream, not the connection");
            Http2Headers flood = alert(sandbox(), sandbox().issueToken(BUNDLE), bearer);
            for (int i = 0; i < 40; i++) {
                flood.add("x-flood-" + i, "f".repeat(1000));
            }
            // Not waiting for the flood's own answer: the gateway answers it with GOAWAY and the connection's end.
            Http2FrameStream s = c.newStream();
            c.headers(s, flood, false);
            c.data(s, FrameClient.text(ALERT), true);
            assertNotNull(c.awaitGoAway(), "a header flood gets GOAWAY");
            c.awaitClosed();
        }
    }

    @Test
    void aBadFrameIsAProtocolErrorWithGoAwayAndOneLogLine() throws Exception {
        long troubles = sandbox().stats().troubles.sum();
        try (FrameClient c = connect(sandbox())) {
            // a DATA frame on stream 0: length 4, type DATA, no flags, stream 0
            c.raw(new byte[]{0, 0, 4, 0, 0, 0, 0, 0, 0, 'a', 'b', 'c', 'd'});
            FrameClient.GoAway g = c.awaitGoAway();
            assertEquals((long) Http2Error.PROTOCOL_ERROR.code(), g.errorCode());
            c.awaitClosed();
        }
        await().atMost(Duration.ofSeconds(FrameClient.TIMEOUT_SECONDS))
                .until(() -> sandbox().stats().troubles.sum() > troubles);
        assertEquals(troubles + 1, sandbox().stats().troubles.sum(), "one line for the connection");
    }

    @Test
    void aThousandAbusiveStreamsAreBoundedAndTheirRapidResetEndsTheConnection() throws Exception {
        String bearer = bearer(Instant.now().getEpochSecond());
        FrameClient c = connect(sandbox());
        try {
            authenticate(c, sandbox(), bearer);
            assertEquals((long) ApnsConnectionHandler.MAX_STREAMS, c.awaitSettings().maxConcurrentStreams());
            String token = sandbox().issueToken(BUNDLE);
            List<Http2FrameStream> streams = new ArrayList<>();
            byte[] almost = new byte[4000];
            java.util.Arrays.fill(almost, (byte) 'x');
            for (int i = 0; i < 1000; i++) {
                Http2FrameStream s = c.newStream();
                streams.add(s);
                c.headers(s, alert(sandbox(), token, bearer), false);
                c.data(s, Unpooled.wrappedBuffer(almost), false);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox().stats().bufferedBytes.sum() >= 1000L * 4000);
            assertTrue(sandbox().stats().bufferedBytes.sum() <= 1000L * 4096, "each stream holds at most its limit");
            AtomicBoolean gone = new AtomicBoolean();
            for (Http2FrameStream s : streams) {
                if (!c.isOpen()) {
                    gone.set(true);
                    break;
                }
                c.reset(s, Http2Error.CANCEL);
            }
            FrameClient.GoAway g = c.awaitGoAway();
            assertEquals((long) Http2Error.ENHANCE_YOUR_CALM.code(), g.errorCode(), "rapid reset is abuse");
            c.awaitClosed();
            await().atMost(Duration.ofSeconds(FrameClient.TIMEOUT_SECONDS))
                    .until(() -> sandbox().stats().bufferedBytes.sum() == 0);
        } finally {
            c.close();
        }
    }

    @Test
    void aTokenMarkedExpiredIs410ExpiredTokenWithItsTimestamp() throws Exception {
        String token = sandbox().issueToken(BUNDLE);
        Instant when = Instant.parse("2026-05-01T10:00:00.123Z");
        sandbox().expireToken(token, when);
        String bearer = bearer(Instant.now().getEpochSecond());
        try (FrameClient c = connect(sandbox())) {
            FrameClient.Result r = c.send(alert(sandbox(), token, bearer), ALERT);
            assertEquals(410, r.status());
            assertEquals("{\"reason\":\"ExpiredToken\",\"timestamp\":" + when.toEpochMilli() + "}", r.body());
            sandbox().reinstate(token);
            assertEquals(200, c.send(alert(sandbox(), token, bearer), ALERT).status());
        }
    }

    @Test
    void anIdleConnectionGetsGoAwayIdleTimeout() throws Exception {
        try (EmbeddedGateways own = EmbeddedGateways.start(GatewayConfig.sample().withEventLoopThreads(1))) {
            own.setIdleTimeout(Duration.ofMillis(300));
            try (FrameClient c = FrameClient.connect(own.sandbox(), own.trustedServerCaPem())) {
                c.awaitSettings();
                authenticate(c, own.sandbox(), bearer(Instant.now().getEpochSecond()));
                FrameClient.GoAway g = c.awaitGoAway();
                assertEquals("{\"reason\":\"IdleTimeout\"}", g.debug());
                assertEquals((long) Http2Error.NO_ERROR.code(), g.errorCode());
                c.awaitClosed();
            }
        }
    }

    @Test
    void shutdownAnswersEveryReceivedStreamWith503ShutdownAndGoAway() throws Exception {
        EmbeddedGateways own = EmbeddedGateways.start(GatewayConfig.sample().withEventLoopThreads(1));
        try (FrameClient c = FrameClient.connect(own.sandbox(), own.trustedServerCaPem())) {
            c.awaitSettings();
            String bearer = bearer(Instant.now().getEpochSecond());
            authenticate(c, own.sandbox(), bearer);
            Http2FrameStream s = c.newStream();
            FrameClient.Result r = c.headers(s, alert(own.sandbox(), own.sandbox().issueToken(BUNDLE), bearer), false);
            c.data(s, FrameClient.text("{\"aps\":"), false); // half sent
            await().atMost(Duration.ofSeconds(FrameClient.TIMEOUT_SECONDS))
                    .until(() -> own.sandbox().stats().bufferedBytes.sum() > 0);
            own.close();
            c.await(r);
            assertEquals(503, r.status());
            assertEquals("{\"reason\":\"Shutdown\"}", r.body());
            FrameClient.GoAway g = c.awaitGoAway();
            assertEquals(s.id(), g.lastStreamId(), "GOAWAY names the last stream received");
            c.awaitClosed();
        } finally {
            own.close();
        }
    }

    @Test
    void tlsBelow12AndAlpnWithoutH2AreRefused() throws Exception {
        SSLContext ssl = trustingSampleCa();
        try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(sandbox().host(), sandbox().port())) {
            s.setEnabledProtocols(new String[]{"TLSv1.1"});
            s.setSoTimeout(10_000);
            assertThrows(IOException.class, s::startHandshake, "TLS 1.1");
        }
        try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(sandbox().host(), sandbox().port())) {
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(new String[]{"http/1.1"});
            s.setSSLParameters(p);
            s.setSoTimeout(10_000);
            assertThrows(SSLException.class, s::startHandshake, "ALPN without h2");
        }
        try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(sandbox().host(), sandbox().port())) {
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(new String[]{"h2"});
            s.setSSLParameters(p);
            s.setSoTimeout(10_000);
            s.startHandshake();
            assertEquals("h2", s.getApplicationProtocol());
            assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(s.getSession().getProtocol()));
        }
        assertNull(null);
    }

    private static SSLContext trustingSampleCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate cert : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(gateways.trustedServerCaPem()))) {
            trust.setCertificateEntry("ca" + i++, cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
