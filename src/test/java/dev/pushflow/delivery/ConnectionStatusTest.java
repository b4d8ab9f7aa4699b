package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.gateway.EmbeddedGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live connection state a user sees: connecting, connected, failed with the cause, closed. */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class ConnectionStatusTest {
    private static final String BUNDLE = SampleMaterial.BUNDLE_ID;
    private final P8Credential key = SampleMaterial.tokenKey();
    private final List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();
    private EmbeddedGateways gateways;
    private DeliveryService delivery;

    private void start() {
        gateways = EmbeddedGateways.startDefault();
        Endpoint.Directory dir = env -> new Endpoint(gateways.get(env).host(), gateways.get(env).port(),
                gateways.trustedServerCaPem(), "embedded " + env.wireName());
        delivery = new DeliveryService(dir, 100);
        delivery.addConnectionListener(seen::add);
    }

    @AfterEach
    void stop() {
        if (delivery != null) {
            delivery.close();
        }
        if (gateways != null) {
            gateways.close();
        }
    }

    private PushOutcome push(dev.pushflow.credentials.Credential c, Endpoint e, String token) throws Exception {
        return delivery.send(c, e, new PushRequest(token, BUNDLE, PushType.ALERT, "{\"aps\":{\"alert\":\"hi\"}}",
                null, null, null, null)).get(20, TimeUnit.SECONDS);
    }

    @Test
    void a_working_gateway_reports_connected_then_failed_when_it_goes_away() throws Exception {
        start();
        Endpoint sandbox = delivery.embeddedDirectory().embedded(ApnsEnvironment.SANDBOX);
        assertThat(delivery.connection(key, sandbox).state()).isEqualTo(ConnectionStatus.State.CONNECTING);
        assertThat(push(key, sandbox, gateways.sandbox().issueToken(BUNDLE)).status()).isEqualTo(DeliveryStatus.ACCEPTED);
        assertThat(delivery.connection(key, sandbox).state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        assertThat(delivery.connection(key, sandbox).open()).isEqualTo(1);
        assertThat(seen).extracting(ConnectionStatus::state).contains(ConnectionStatus.State.CONNECTED);
        assertThat(delivery.connections()).hasSize(1);

        // Pushy notices a lost connection when it next uses it: the next push finds it gone and cannot reconnect.
        gateways.close();
        gateways = null;
        PushOutcome after = push(key, sandbox, "ab".repeat(32));
        assertThat(after.status()).isEqualTo(DeliveryStatus.FAILED);
        await().atMost(10, TimeUnit.SECONDS).until(() -> delivery.connection(key, sandbox).state()
                == ConnectionStatus.State.FAILED);
        assertThat(delivery.connection(key, sandbox).failure()).startsWith("connection refused");
        assertThat(delivery.connection(key, sandbox).open()).isZero();
    }

    @Test
    void a_refused_connection_is_failed_with_its_cause() throws Exception {
        start();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Endpoint nowhere = new Endpoint("127.0.0.1", port, gateways.trustedServerCaPem(), "127.0.0.1:" + port);
        PushOutcome o = push(key, nowhere, "ab".repeat(32));
        assertThat(o.status()).isEqualTo(DeliveryStatus.FAILED);
        await().atMost(5, TimeUnit.SECONDS).until(() -> delivery.connection(key, nowhere).state()
                == ConnectionStatus.State.FAILED);
        assertThat(delivery.connection(key, nowhere).failure()).startsWith("connection refused");
    }

    @Test
    void an_unknown_host_is_a_dns_failure() throws Exception {
        start();
        Endpoint bogus = new Endpoint("api.sandbox.push.apple.invalid", 443, null, "api.sandbox.push.apple.invalid:443");
        PushOutcome o = push(key, bogus, "ab".repeat(32));
        assertThat(o.failure()).startsWith("DNS:");
        await().atMost(5, TimeUnit.SECONDS).until(() -> delivery.connection(key, bogus).state()
                == ConnectionStatus.State.FAILED);
        assertThat(delivery.connection(key, bogus).failure()).startsWith("DNS:");
    }

    @Test
    void a_server_certificate_we_do_not_trust_is_a_tls_failure() throws Exception {
        start();
        Endpoint real = delivery.embeddedDirectory().embedded(ApnsEnvironment.SANDBOX);
        // Apple's hosts are checked against the JVM's trust store; our embedded gateway's CA is not in it.
        Endpoint untrusted = new Endpoint(real.host(), real.port(), null, "untrusted " + real.label());
        PushOutcome o = push(key, untrusted, gateways.sandbox().issueToken(BUNDLE));
        assertThat(o.failure()).startsWith("TLS:");
        await().atMost(5, TimeUnit.SECONDS).until(() -> delivery.connection(key, untrusted).state()
                == ConnectionStatus.State.FAILED);
    }

    @Test
    void a_client_certificate_the_gateway_rejects_is_failed_and_a_good_credential_connects() throws Exception {
        start();
        Endpoint sandbox = delivery.embeddedDirectory().embedded(ApnsEnvironment.SANDBOX);
        P12Credential expired = SampleMaterial.p12("client-expired.p12");
        PushOutcome o = push(expired, sandbox, gateways.sandbox().issueToken(BUNDLE));
        assertThat(o.status()).as("%s", o).isEqualTo(DeliveryStatus.FAILED);
        await().atMost(5, TimeUnit.SECONDS).until(() -> delivery.connection(expired, sandbox).state()
                == ConnectionStatus.State.FAILED);
        assertThat(delivery.connection(expired, sandbox).failure()).startsWith("TLS:");
        // Another credential on the same gateway has its own, healthy state.
        P12Credential good = SampleMaterial.developmentCertificate();
        assertThat(push(good, sandbox, gateways.sandbox().issueToken(BUNDLE)).status()).isEqualTo(DeliveryStatus.ACCEPTED);
        assertThat(delivery.connection(good, sandbox).state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        assertThat(delivery.connection(expired, sandbox).state()).isEqualTo(ConnectionStatus.State.FAILED);
        assertThat(delivery.connections()).hasSize(2);
    }

    @Test
    void a_credential_that_cannot_load_is_failed_with_the_credential_message() throws Exception {
        start();
        Endpoint sandbox = delivery.embeddedDirectory().embedded(ApnsEnvironment.SANDBOX);
        P12Credential wrong = new P12Credential("wrong password", SampleMaterial.bytes("client-development.p12"),
                "not-the-password".toCharArray());
        PushOutcome o = push(wrong, sandbox, "ab".repeat(32));
        assertThat(o.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.connection(wrong, sandbox).state()).isEqualTo(ConnectionStatus.State.FAILED);
        assertThat(delivery.connection(wrong, sandbox).failure()).containsIgnoringCase("password");
    }
}
