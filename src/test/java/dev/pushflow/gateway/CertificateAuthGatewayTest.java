package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.PushType;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.SampleMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.pushflow.gateway.GatewayTestSupport.BUNDLE;
import static dev.pushflow.gateway.GatewayTestSupport.Push;
import static dev.pushflow.gateway.GatewayTestSupport.assertAccepted;
import static dev.pushflow.gateway.GatewayTestSupport.assertRejected;
import static dev.pushflow.gateway.GatewayTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificate authentication end to end with real Pushy clients and the sample .p12 files: environments, topics
 * from the certificate's .3.6 extension, and certificates the TLS layer refuses.
 */
class CertificateAuthGatewayTest {
    private static EmbeddedGateways gateways;
    private static final GatewayTestSupport.Clients clients = new GatewayTestSupport.Clients();
    private static final GatewayTestSupport.RecordingListener sandboxEvents = new GatewayTestSupport.RecordingListener();
    private static final GatewayTestSupport.RecordingListener productionEvents = new GatewayTestSupport.RecordingListener();
    private static ApnsClient devOnSandbox;
    private static ApnsClient devOnProduction;
    private static ApnsClient universalOnSandbox;
    private static ApnsClient universalOnProduction;
    private static ApnsClient expiredOnSandbox;
    private static ApnsClient untrustedOnSandbox;

    @BeforeAll
    static void start() throws Exception {
        gateways = EmbeddedGateways.startDefault();
        gateways.sandbox().addListener(sandboxEvents);
        gateways.production().addListener(productionEvents);
        devOnSandbox = clients.with(gateways.sandbox(), SampleMaterial.developmentCertificate());
        devOnProduction = clients.with(gateways.production(), SampleMaterial.developmentCertificate());
        universalOnSandbox = clients.with(gateways.sandbox(), SampleMaterial.universalCertificate());
        universalOnProduction = clients.with(gateways.production(), SampleMaterial.universalCertificate());
        expiredOnSandbox = clients.with(gateways.sandbox(), SampleMaterial.p12("client-expired.p12"));
        untrustedOnSandbox = clients.with(gateways.sandbox(), SampleMaterial.p12("client-untrusted.p12"));
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void developmentCertificateOnSandboxIsAccepted() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertAccepted(send(devOnSandbox, Push.alert(token)));
        GatewayNotification n = sandboxEvents.awaitAccepted(token);
        assertEquals("certificate", n.authKind());
        assertEquals(ApnsEnvironment.SANDBOX, n.environment());
    }

    @Test
    void developmentCertificateOnProductionIsBadCertificateEnvironment() throws Exception {
        String token = gateways.production().issueToken(BUNDLE);
        assertRejected(send(devOnProduction, Push.alert(token)), 403, "BadCertificateEnvironment");
        GatewayTestSupport.Event e = productionEvents.await(token);
        assertEquals(403, e.status());
        assertEquals("BadCertificateEnvironment", e.reason());
        assertEquals("certificate", e.n().authKind());
    }

    @Test
    void universalCertificateWorksOnBothGateways() throws Exception {
        assertAccepted(send(universalOnSandbox, Push.alert(gateways.sandbox().issueToken(BUNDLE))));
        assertAccepted(send(universalOnProduction, Push.alert(gateways.production().issueToken(BUNDLE))));
    }

    @Test
    void sandboxTokenWithUniversalCertificateOnProductionIsBadDeviceToken() throws Exception {
        String sandboxToken = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(universalOnProduction, Push.alert(sandboxToken)), 400, "BadDeviceToken");
    }

    @Test
    void topicNotInTheCertificateIsTopicDisallowed() throws Exception {
        String token = gateways.sandbox().issueToken("com.example.other");
        assertRejected(send(devOnSandbox, Push.alert(token).withTopic("com.example.other")), 400, "TopicDisallowed");
    }

    @Test
    void certificateTopicsIncludeVoipAndComplication() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertAccepted(send(devOnSandbox, Push.alert(token).withPushType(PushType.VOIP).withTopic(BUNDLE + ".voip")));
        assertAccepted(send(devOnSandbox, Push.alert(token).withPushType(PushType.COMPLICATION)
                .withTopic(BUNDLE + ".complication")));
        // a topic the certificate lists, used with the wrong push type, is still BadTopic
        assertRejected(send(devOnSandbox, Push.alert(token).withTopic(BUNDLE + ".voip")), 400, "BadTopic");
    }

    @Test
    void missingTopicWithSingleBundleCertificateUsesTheBundle() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertAccepted(send(devOnSandbox, Push.alert(token).withTopic(null)));
        assertEquals(BUNDLE, sandboxEvents.awaitAccepted(token).topic());
    }

    @Test
    void missingTopicForVoipWithCertificateIsMissingTopic() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(devOnSandbox, Push.alert(token).withTopic(null).withPushType(PushType.VOIP)),
                400, "MissingTopic");
    }

    /**
     * What really happens with Pushy and an untrusted (self-signed) certificate: the gateway's TLS CertificateRequest
     * names the trusted CA only, so the JDK key manager behind Pushy presents NO certificate, the connection goes on
     * unauthenticated and the push is refused 403 MissingProviderToken (a token-auth connection without a token).
     */
    @Test
    void untrustedClientCertificateIsNotPresentedSoThePushIsMissingProviderToken() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        assertRejected(send(untrustedOnSandbox, Push.alert(token)), 403, "MissingProviderToken");
        GatewayTestSupport.Event e = sandboxEvents.await(token);
        assertEquals("token", e.n().authKind(), "no client certificate reached the gateway");
    }

    /** A client that insists on presenting the untrusted certificate is refused by the TLS handshake itself. */
    @Test
    void untrustedClientCertificateFailsTheTlsHandshake() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        try (RawHttp2Client insisting = new RawHttp2Client(gateways.trustedServerCaPem(),
                SampleMaterial.p12("client-untrusted.p12"))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> insisting.post(gateways.sandbox(), token, GatewayTestSupport.ALERT, "apns-topic", BUNDLE));
            assertInstanceOf(IOException.class, e.getCause(), () -> "a TLS failure, not " + e.getCause());
        }
        // the same insisting client with the trusted development certificate gets through
        try (RawHttp2Client insisting = new RawHttp2Client(gateways.trustedServerCaPem(),
                SampleMaterial.developmentCertificate())) {
            assertEquals(200, insisting.post(gateways.sandbox(), token, GatewayTestSupport.ALERT,
                    "apns-topic", BUNDLE).status());
        }
    }

    /**
     * An expired client certificate never reaches the handler: the JDK's PKIX trust manager behind
     * setTrustedClientCertificateChain refuses it during the TLS handshake, as Apple's gateways do. The push fails
     * (no HTTP answer at all); the handler's own 403 BadCertificate check is covered by a handler-level test.
     */
    @Test
    void expiredClientCertificateFailsTheTlsHandshake() {
        String token = gateways.sandbox().issueToken(BUNDLE);
        ExecutionException e = assertThrows(ExecutionException.class, () ->
                expiredOnSandbox.sendNotification(Push.alert(token)).get(GatewayTestSupport.TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertTrue(hasCause(e, SSLHandshakeException.class), () -> "expected a TLS handshake failure, got " + e.getCause());
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
