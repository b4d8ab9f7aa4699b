package dev.pushflow.delivery;

import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.SampleMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A black-holed gateway: TCP accepts, no byte ever comes back. The per-push timeout gives each attempt up (no
 * wait of minutes), the policy retries, and the last attempt is final; closing the service ends a push still
 * waiting.
 */
@Timeout(60)
class BlackHoleTest {
    private ServerSocket hole;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private DeliveryService delivery;

    @BeforeEach
    void open() throws IOException {
        hole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!hole.isClosed()) {
                try {
                    held.add(hole.accept()); // accepted and never read nor answered
                } catch (IOException closed) {
                    return;
                }
            }
        }, "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
        delivery = new DeliveryService(null, 10);
    }

    @AfterEach
    void close() throws IOException {
        delivery.close();
        hole.close();
        for (Socket s : held) {
            s.close();
        }
    }

    private record Event(String kind, int attempt, PushOutcome outcome, boolean last) {
    }

    private CompletableFuture<PushOutcome> send(DeliveryPolicy policy, List<Event> events) {
        CompletableFuture<PushOutcome> done = new CompletableFuture<>();
        Endpoint endpoint = new Endpoint("127.0.0.1", hole.getLocalPort(), null, "black hole 127.0.0.1:"
                + hole.getLocalPort());
        PushRequest request = new PushRequest("ab".repeat(32), SampleMaterial.BUNDLE_ID, PushType.ALERT,
                "{\"aps\":{\"alert\":\"hi\"}}", null, null, null, null);
        delivery.send(SampleMaterial.tokenKey(), endpoint, request, policy, new DeliveryService.AttemptListener() {
            @Override
            public void sending(int attempt) {
                events.add(new Event("sending", attempt, null, false));
            }

            @Override
            public void answered(int attempt, PushOutcome outcome, boolean last) {
                events.add(new Event("answered", attempt, outcome, last));
                if (last) {
                    done.complete(outcome);
                }
            }
        });
        return done;
    }

    @Test
    void each_attempt_times_out_and_the_last_is_final() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        PushOutcome last = send(DeliveryPolicy.parse("attempts=2,backoff=10ms,timeout=1s"), events)
                .get(30, TimeUnit.SECONDS);
        assertThat(events).extracting(Event::kind).containsExactly("sending", "answered", "sending", "answered");
        assertThat(events).extracting(Event::attempt).containsExactly(1, 1, 2, 2);
        assertThat(events).extracting(Event::last).containsExactly(false, false, false, true);
        assertThat(last.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(last.cause()).isIn(FailureCause.CONNECT_TIMEOUT, FailureCause.NO_ANSWER);
        assertThat(last.failure()).doesNotContain("Exception").contains("1 s").contains("gave up after 2 attempts");
        assertThat(delivery.inFlight()).isZero();
        assertThat(delivery.connections()).allSatisfy(c ->
                assertThat(c.state()).isNotEqualTo(ConnectionStatus.State.CONNECTED));
    }

    @Test
    void closing_the_service_ends_a_push_that_is_still_waiting() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        CompletableFuture<PushOutcome> f = send(DeliveryPolicy.OFF.withPushTimeout(Duration.ofMinutes(5)), events);
        assertThat(events).extracting(Event::kind).containsExactly("sending");
        delivery.close();
        PushOutcome o = f.get(30, TimeUnit.SECONDS);
        assertThat(o.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(o.failure()).doesNotContain("Exception");
        assertThat(events.stream().filter(Event::last)).hasSize(1);
    }
}
