package dev.pushflow.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InFlightGateTest {

    @Test
    void never_more_than_the_bound_in_flight_and_every_sender_gets_through() throws Exception {
        InFlightGate gate = new InFlightGate(100);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService answers = Executors.newFixedThreadPool(2);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        int perSender = 50_000;
        CountDownLatch finished = new CountDownLatch(4);
        for (int s = 0; s < 4; s++) {
            senders.submit(() -> {
                try {
                    for (int i = 0; i < perSender; i++) {
                        gate.acquire();
                        peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                        answers.submit(() -> {
                            now.decrementAndGet();
                            done.incrementAndGet();
                            gate.release();
                        });
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
                return null;
            });
        }
        assertThat(finished.await(50, TimeUnit.SECONDS)).as("senders got stuck").isTrue();
        answers.shutdown();
        assertThat(answers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        senders.shutdown();
        assertThat(done.get()).isEqualTo(4 * perSender);
        assertThat(peak.get()).isLessThanOrEqualTo(100);
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void a_sender_blocked_at_the_bound_resumes_after_a_batch_of_answers() throws Exception {
        InFlightGate gate = new InFlightGate(64); // resumes once 8 have come back
        for (int i = 0; i < 64; i++) {
            gate.acquire();
        }
        CountDownLatch through = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            try {
                gate.acquire();
                through.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.start();
        await().until(() -> gate.waiting() == 1); // the sender waits at the bound
        for (int i = 0; i < 7; i++) {
            gate.release();
        }
        // the sender has looked at the count twice since the 7 answers and is still waiting: no time window
        long seen = gate.rechecks();
        await().until(() -> gate.rechecks() >= seen + 2);
        assertThat(through.getCount()).as("woken before a batch came back").isEqualTo(1);
        assertThat(gate.waiting()).isEqualTo(1);
        gate.release();
        assertThat(through.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.inFlight()).isEqualTo(57);
    }

    @Test
    void a_blocked_sender_can_be_interrupted() throws Exception {
        InFlightGate gate = new InFlightGate(1);
        gate.acquire();
        AtomicInteger interrupted = new AtomicInteger();
        Thread sender = new Thread(() -> {
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        });
        sender.start();
        await().until(() -> gate.waiting() == 1);
        sender.interrupt();
        sender.join(5_000);
        assertThat(interrupted.get()).isEqualTo(1);
        assertThatThrownBy(() -> new InFlightGate(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
