package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.gateway.EmbeddedGateway;
import dev.pushflow.gateway.EmbeddedGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pushes to a gateway on this machine are bounded tighter than pushes to Apple's hosts: over loopback more in flight
 * only wait in queues. Real TLS and HTTP/2 against an embedded gateway whose weather stalls every stream, so every
 * push stays in flight until its timeout.
 */
@Timeout(60)
class LoopbackInFlightTest {
    private EmbeddedGateways gateways;
    private DeliveryService delivery;

    @AfterEach
    void stop() {
        if (delivery != null) {
            delivery.close();
        }
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void the_bound_is_the_tighter_one_for_loopback_hosts_only() {
        assertThat(DeliveryService.inFlightBound(2_000, "127.0.0.1")).isEqualTo(DeliveryService.LOOPBACK_MAX_IN_FLIGHT);
        assertThat(DeliveryService.inFlightBound(2_000, "localhost")).isEqualTo(DeliveryService.LOOPBACK_MAX_IN_FLIGHT);
        assertThat(DeliveryService.inFlightBound(2_000, "::1")).isEqualTo(DeliveryService.LOOPBACK_MAX_IN_FLIGHT);
        assertThat(DeliveryService.inFlightBound(10, "127.0.0.1")).as("never wider than asked").isEqualTo(10);
        assertThat(DeliveryService.inFlightBound(2_000, "api.sandbox.push.apple.com")).isEqualTo(2_000);
        assertThat(DeliveryService.inFlightBound(2_000, "10.0.0.127")).isEqualTo(2_000);
    }

    @Test
    void a_sender_to_a_stalled_embedded_gateway_blocks_at_the_loopback_bound_and_every_push_is_answered()
            throws Exception {
        gateways = EmbeddedGateways.startDefault();
        EmbeddedGateway sandbox = gateways.get(ApnsEnvironment.SANDBOX);
        delivery = new DeliveryService(null, 2_000);
        Endpoint endpoint = new Endpoint(sandbox.host(), sandbox.port(), gateways.trustedServerCaPem(), "sandbox");
        String token = sandbox.issueToken(SampleMaterial.BUNDLE_ID);
        DeliveryPolicy policy = DeliveryPolicy.OFF.withPushTimeout(Duration.ofSeconds(120)); // no timeout during the test
        int bound = DeliveryService.LOOPBACK_MAX_IN_FLIGHT;
        int pushes = bound + 20;
        sandbox.setWeather("stall=100%", 1);

        AtomicInteger handedOver = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(pushes);
        AtomicInteger failed = new AtomicInteger();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < pushes; i++) {
                delivery.send(SampleMaterial.tokenKey(), endpoint, new PushRequest(token, SampleMaterial.BUNDLE_ID,
                        PushType.ALERT, "{\"aps\":{\"alert\":\"hi\"}}", null, null, null, null), policy,
                        new DeliveryService.AttemptListener() {
                            @Override
                            public void sending(int attempt) {
                            }

                            @Override
                            public void answered(int attempt, PushOutcome outcome, boolean last) {
                                if (outcome.status() == DeliveryStatus.FAILED) {
                                    failed.incrementAndGet();
                                }
                                answered.countDown();
                            }
                        });
                handedOver.incrementAndGet();
            }
        }, "loopback-sender");
        sender.start();

        // The sender hands over exactly `bound` pushes, then waits in the gate (no answer comes while it stalls).
        await().atMost(30, TimeUnit.SECONDS).until(() -> handedOver.get() == bound
                && Arrays.stream(sender.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("InFlightGate")
                && f.getMethodName().equals("acquire")));
        assertThat(delivery.inFlight()).isEqualTo(bound);
        assertThat(delivery.maxInFlight()).as("the service's own bound is unchanged").isEqualTo(2_000);

        // Closing the service ends the stalled pushes (each answered as failed), which lets the sender hand over the
        // rest (answered at once: the service is closed). Every push gets exactly its one answer.
        delivery.close();
        assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
        sender.join(10_000);
        assertThat(handedOver.get()).isEqualTo(pushes);
        assertThat(delivery.inFlight()).isZero();
        assertThat(failed.get()).isEqualTo(pushes);
    }
}
