package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Certificate rules that the sample material cannot bring through TLS (there is no production-only sample
 * certificate, and an expired one is refused by the handshake): the connection handler is fed directly.
 */
class CertificateRulesHandlerTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final List<ClientCertificateInfo.Topic> TOPICS = List.of(
            new ClientCertificateInfo.Topic("com.example.chat", List.of("app")),
            new ClientCertificateInfo.Topic("com.example.chat.voip", List.of("voip")));

    private final GatewayTestSupport.RecordingListener events = new GatewayTestSupport.RecordingListener();

    private EmbeddedGateway gateway(ApnsEnvironment env) {
        EmbeddedGateway gw = new EmbeddedGateway(env, new ProviderTokenVerifier(), NOW::toEpochMilli);
        gw.addListener(events);
        return gw;
    }

    private static ClientCertificateInfo cert(boolean dev, boolean prod, Instant notBefore, Instant notAfter) {
        return new ClientCertificateInfo("com.example.chat", dev, prod, true, TOPICS, notBefore, notAfter);
    }

    /** Sends one alert and returns the listener's status and reason ("200" when accepted). */
    private String push(EmbeddedGateway gw, ClientCertificateInfo cert) throws Exception {
        String token = gw.issueToken("com.example.chat");
        Http2Headers headers = new DefaultHttp2Headers().method("POST").path("/3/device/" + token)
                .add("apns-topic", "com.example.chat");
        ByteBuf payload = Unpooled.copiedBuffer("{\"aps\":{}}", StandardCharsets.UTF_8);
        try {
            RequestValidator handler = RequestValidator.forCertificate(gw, cert, NOW::toEpochMilli);
            handler.handle(headers, payload); // the listener says which
        } finally {
            payload.release();
        }
        GatewayTestSupport.Event e = events.await(token);
        return e.status() == 200 ? "200" : e.status() + " " + e.reason();
    }

    @Test
    void productionOnlyCertificateOnSandboxIsBadCertificateEnvironment() throws Exception {
        ClientCertificateInfo prodOnly = cert(false, true, NOW.minusSeconds(86400), NOW.plusSeconds(86400));
        assertEquals("403 BadCertificateEnvironment", push(gateway(ApnsEnvironment.SANDBOX), prodOnly));
        assertEquals("200", push(gateway(ApnsEnvironment.PRODUCTION), prodOnly));
    }

    @Test
    void developmentOnlyCertificateOnProductionIsBadCertificateEnvironment() throws Exception {
        ClientCertificateInfo devOnly = cert(true, false, NOW.minusSeconds(86400), NOW.plusSeconds(86400));
        assertEquals("403 BadCertificateEnvironment", push(gateway(ApnsEnvironment.PRODUCTION), devOnly));
        assertEquals("200", push(gateway(ApnsEnvironment.SANDBOX), devOnly));
    }

    @Test
    void expiredCertificateReachingTheHandlerIsBadCertificate() throws Exception {
        ClientCertificateInfo expired = cert(true, true, NOW.minusSeconds(2 * 86400), NOW.minusSeconds(86400));
        assertEquals("403 BadCertificate", push(gateway(ApnsEnvironment.SANDBOX), expired));
        ClientCertificateInfo notYetValid = cert(true, true, NOW.plusSeconds(86400), NOW.plusSeconds(2 * 86400));
        assertEquals("403 BadCertificate", push(gateway(ApnsEnvironment.SANDBOX), notYetValid));
    }

    @Test
    void certificateWithoutApplePushEnvironmentIsBadCertificate() throws Exception {
        ClientCertificateInfo plainTls = cert(false, false, NOW.minusSeconds(86400), NOW.plusSeconds(86400));
        assertEquals("403 BadCertificate", push(gateway(ApnsEnvironment.SANDBOX), plainTls));
    }

    @Test
    void unregisteredTokenRejectionCarriesItsTimestamp() throws Exception {
        EmbeddedGateway gw = gateway(ApnsEnvironment.SANDBOX);
        String token = gw.issueToken("com.example.chat");
        Instant gone = NOW.minusSeconds(600);
        gw.unregisterToken(token, gone);
        Http2Headers headers = new DefaultHttp2Headers().method("POST").path("/3/device/" + token)
                .add("apns-topic", "com.example.chat");
        ByteBuf payload = Unpooled.copiedBuffer("{\"aps\":{}}", StandardCharsets.UTF_8);
        try {
            RequestValidator handler = RequestValidator.forCertificate(gw,
                    cert(true, true, NOW.minusSeconds(60), NOW.plusSeconds(60)), NOW::toEpochMilli);
            assertEquals(ApnsRejection.UNREGISTERED, handler.handle(headers, payload));
        } finally {
            payload.release();
        }
        GatewayTestSupport.Event e = events.await(token);
        assertEquals(410, e.status());
        assertEquals(gone, e.timestamp());
        assertEquals(NOW, e.n().receivedAt());
        assertNull(e.n().apnsId());
    }
}
