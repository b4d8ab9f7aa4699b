package dev.pushflow.engine;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryPolicy;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.delivery.UnansweredPushes;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries over real TLS and HTTP/2: the gateway goes away in the middle of a flood. Every push still ends with
 * exactly one final record, each attempt is one record (and one SENDING line before it in the file), and the
 * failures read in plain words. (Pushy does not fail the pushes waiting for a connection when the gateway is gone:
 * it retries the connection with its own back-off, so most of them end by the per-push timeout, kept short here.)
 */
@Timeout(120)
class RetryEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void a_gateway_closed_mid_flood_leaves_one_final_record_per_push_and_every_attempt_recorded() throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        EmbeddedGateways gateways = EmbeddedGateways.startDefault();
        PushFlowEngine engine = Engines.on(gateways, DeliveryLog.open(file), 200);
        List<CompletableFuture<List<DeliveryRecord>>> reports = new ArrayList<>();
        try {
            DefaultWorkspace.applyConsole(engine);
            DefaultWorkspace.applyUsers(engine);
            engine.addDevice("phone", "iPhone", BuildConfiguration.DEBUG);
            engine.login("phone", "alice");
            engine.setAppState("phone", AppState.BACKGROUND);
            engine.setDeliveryPolicy(DeliveryPolicy.parse("attempts=3,backoff=20ms,max-backoff=100ms,timeout=1s"));
            CountDownLatch someAnswered = new CountDownLatch(200);
            engine.log().addListener(r -> someAnswered.countDown());
            AtomicInteger sent = new AtomicInteger();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 600; i++) {
                    reports.add(engine.send(ImMessage.text("bob", "alice", "flood " + i)).records());
                    sent.incrementAndGet();
                }
            }, "flood");
            sender.start();
            assertThat(someAnswered.await(60, TimeUnit.SECONDS)).isTrue();
            gateways.close(); // mid-flood: connections reset, new ones refused
            sender.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(sent.get()).isEqualTo(600);
            for (CompletableFuture<List<DeliveryRecord>> f : reports) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            engine.close();
        }

        List<DeliveryRecord> file1 = readBack(file);
        List<DeliveryRecord> outcomes = file1.stream().filter(r -> r.status().isPushAttempt()).toList();
        List<DeliveryRecord> sending = file1.stream().filter(r -> r.status() == DeliveryStatus.SENDING).toList();
        Map<String, List<DeliveryRecord>> byPush = outcomes.stream()
                .collect(Collectors.groupingBy(DeliveryRecord::apnsId));
        assertThat(byPush).hasSize(600);
        for (List<DeliveryRecord> attempts : byPush.values()) {
            assertThat(attempts.stream().filter(DeliveryRecord::finalAttempt)).hasSize(1);
            for (int i = 0; i < attempts.size(); i++) {
                DeliveryRecord a = attempts.get(i);
                assertThat(a.attempt()).isEqualTo(i + 1);
                assertThat(a.finalAttempt()).isEqualTo(i == attempts.size() - 1);
            }
        }
        assertThat(sending).hasSameSizeAs(outcomes); // one SENDING line before every attempt
        assertThat(UnansweredPushes.unanswered(file1)).isEmpty();
        List<DeliveryRecord> failed = outcomes.stream().filter(r -> r.status() == DeliveryStatus.FAILED).toList();
        assertThat(failed).isNotEmpty();
        assertThat(outcomes).anyMatch(r -> r.attempt() > 1);
        // Plain words, never an exception class name (which words depends on when the gateway went: reset, closed
        // before the answer, not written, refused, or the timeout while Pushy waits to reconnect).
        assertThat(failed).allSatisfy(r -> assertThat(r.detail())
                .doesNotContain("Exception").doesNotContain("io.netty").doesNotContain("java."));
        assertThat(failed).anyMatch(r -> r.detail().matches(".*(connection refused|the connection was reset"
                + "|closed the connection|did not answer|did not complete the connection"
                + "|connection closed before the push could be written).*"));
        assertThat(failed.stream().filter(DeliveryRecord::finalAttempt))
                .allSatisfy(r -> assertThat(r.attempt()).isEqualTo(3));
    }

    private static List<DeliveryRecord> readBack(Path file) throws Exception {
        try (DeliveryLog log = DeliveryLog.open(file)) {
            return log.snapshot();
        }
    }
}
