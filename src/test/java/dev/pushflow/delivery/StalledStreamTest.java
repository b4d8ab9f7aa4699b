package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.gateway.EmbeddedGateway;
import dev.pushflow.gateway.EmbeddedGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stalled stream over real TLS and HTTP/2: a relay in front of the gateway stops passing the gateway's bytes
 * back once the connection is up, so the request goes out and its answer never comes. The per-push timeout gives
 * each attempt up, the policy retries, and the failure says so in plain words.
 */
@Timeout(60)
class StalledStreamTest {
    private EmbeddedGateways gateways;
    private DeliveryService delivery;
    private ServerSocket relay;
    private volatile boolean frozen;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (delivery != null) {
            delivery.close();
        }
        if (relay != null) {
            relay.close();
        }
        for (Socket s : sockets) {
            s.close();
        }
        if (gateways != null) {
            gateways.close();
        }
    }

    private void startRelay(EmbeddedGateway target) throws IOException {
        relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!relay.isClosed()) {
                try {
                    Socket client = relay.accept();
                    Socket server = new Socket(target.host(), target.port());
                    sockets.add(client);
                    sockets.add(server);
                    pump(client.getInputStream(), server.getOutputStream(), false);
                    pump(server.getInputStream(), client.getOutputStream(), true);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Copies bytes; the gateway-to-client direction drops what it reads while frozen (the stall). */
    private void pump(InputStream in, OutputStream out, boolean answers) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (answers && frozen) {
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, answers ? "relay-answers" : "relay-requests");
        t.setDaemon(true);
        t.start();
    }

    private CompletableFuture<PushOutcome> send(Endpoint endpoint, String token, DeliveryPolicy policy,
                                                List<Integer> attempts) {
        CompletableFuture<PushOutcome> done = new CompletableFuture<>();
        delivery.send(SampleMaterial.tokenKey(), endpoint, new PushRequest(token, SampleMaterial.BUNDLE_ID,
                PushType.ALERT, "{\"aps\":{\"alert\":\"hi\"}}", null, null, null, null), policy,
                new DeliveryService.AttemptListener() {
                    @Override
                    public void sending(int attempt) {
                        attempts.add(attempt);
                    }

                    @Override
                    public void answered(int attempt, PushOutcome outcome, boolean last) {
                        if (last) {
                            done.complete(outcome);
                        }
                    }
                });
        return done;
    }

    @Test
    void a_stream_that_never_answers_is_given_up_and_retried_with_the_same_apns_id() throws Exception {
        gateways = EmbeddedGateways.startDefault();
        EmbeddedGateway sandbox = gateways.get(ApnsEnvironment.SANDBOX);
        startRelay(sandbox);
        delivery = new DeliveryService(null, 10);
        Endpoint endpoint = new Endpoint("127.0.0.1", relay.getLocalPort(), gateways.trustedServerCaPem(),
                "relay 127.0.0.1:" + relay.getLocalPort());
        String token = sandbox.issueToken(SampleMaterial.BUNDLE_ID);
        DeliveryPolicy policy = DeliveryPolicy.parse("attempts=2,backoff=10ms,timeout=1s");

        PushOutcome first = send(endpoint, token, policy, new CopyOnWriteArrayList<>()).get(30, TimeUnit.SECONDS);
        assertThat(first.status()).isEqualTo(DeliveryStatus.ACCEPTED);
        assertThat(delivery.connection(SampleMaterial.tokenKey(), endpoint).state())
                .isEqualTo(ConnectionStatus.State.CONNECTED);

        frozen = true;
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        PushOutcome stalled = send(endpoint, token, policy, attempts).get(30, TimeUnit.SECONDS);
        assertThat(attempts).containsExactly(1, 2);
        assertThat(stalled.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(stalled.cause()).isEqualTo(FailureCause.NO_ANSWER);
        assertThat(stalled.failure()).isEqualTo("APNs did not answer in 1 s (the push may have arrived);"
                + " gave up after 2 attempts");
        assertThat(delivery.inFlight()).isZero();
    }
}
