package dev.pushflow.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry rules, on a fixed clock and a seeded (or fixed) jitter. */
class RetryDecisionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** No jitter drawn: nextDouble() = 0 takes nothing off the wait. */
    private static final RandomGenerator NO_JITTER = () -> 0L;
    private static final DeliveryPolicy POLICY = DeliveryPolicy.DEFAULT;

    private static PushOutcome answer(int status, String reason) {
        return new PushOutcome(status == 200 ? DeliveryStatus.ACCEPTED : DeliveryStatus.REJECTED, status, "id", null,
                reason, null, 1000, "gw", null, null);
    }

    private static PushOutcome failure(FailureCause cause) {
        return new PushOutcome(DeliveryStatus.FAILED, 0, "id", null, null, null, 1000, "gw", "x", cause);
    }

    private static RetryDecision decide(int attempt, PushOutcome o) {
        return RetryDecision.decide(POLICY, attempt, o, NOW, null, NO_JITTER);
    }

    @Test
    void an_accepted_push_is_final() {
        RetryDecision d = decide(1, answer(200, null));
        assertThat(d.retry()).isFalse();
        assertThat(d.why()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 405, 410, 413})
    void final_answers_are_never_retried(int status) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            RetryDecision d = decide(attempt, answer(status, "Whatever"));
            assertThat(d.retry()).as("status %d attempt %d", status, attempt).isFalse();
            assertThat(d.why()).isNull();
        }
    }

    @Test
    void too_many_requests_waits_the_429_delay_and_doubles_it() {
        assertThat(decide(1, answer(429, "TooManyRequests")).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(decide(2, answer(429, "TooManyRequests")).delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(decide(3, answer(429, "TooManyRequests")).delay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(decide(3, answer(429, "TooManyRequests")).retry()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void server_errors_back_off_exponentially_up_to_the_cap(int status) {
        DeliveryPolicy many = POLICY.withMaxAttempts(10);
        long[] expected = {200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000};
        for (int attempt = 1; attempt <= 9; attempt++) {
            RetryDecision d = RetryDecision.decide(many, attempt, answer(status, "ServiceUnavailable"), NOW, null,
                    NO_JITTER);
            assertThat(d.retry()).isTrue();
            assertThat(d.delay().toMillis()).as("attempt %d", attempt).isEqualTo(expected[attempt - 1]);
        }
    }

    @ParameterizedTest
    @EnumSource(FailureCause.class)
    void connection_trouble_is_retried_when_it_can_pass_and_never_when_it_cannot(FailureCause cause) {
        RetryDecision d = decide(1, failure(cause));
        assertThat(d.retry()).isEqualTo(cause.isTransient());
        if (d.retry()) {
            assertThat(d.delay()).isEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void transient_causes_are_the_network_ones() {
        assertThat(FailureCause.REFUSED.isTransient()).isTrue();
        assertThat(FailureCause.RESET.isTransient()).isTrue();
        assertThat(FailureCause.NO_ANSWER.isTransient()).isTrue();
        assertThat(FailureCause.CONNECT_TIMEOUT.isTransient()).isTrue();
        assertThat(FailureCause.CREDENTIAL.isTransient()).isFalse();
        assertThat(FailureCause.CERTIFICATE.isTransient()).isFalse();
        assertThat(FailureCause.TLS.isTransient()).isFalse();
        assertThat(FailureCause.INTERRUPTED.isTransient()).isFalse();
    }

    @Test
    void the_last_attempt_is_final_and_says_it_gave_up() {
        RetryDecision d = decide(POLICY.maxAttempts(), answer(503, "ServiceUnavailable"));
        assertThat(d.retry()).isFalse();
        assertThat(d.why()).isEqualTo("gave up after 4 attempts");
        assertThat(decide(POLICY.maxAttempts() - 1, answer(503, "ServiceUnavailable")).retry()).isTrue();
    }

    @Test
    void with_retries_off_every_outcome_is_final_without_a_note() {
        for (PushOutcome o : new PushOutcome[]{answer(429, "TooManyRequests"), answer(500, "InternalServerError"),
                answer(503, "Shutdown"), failure(FailureCause.RESET), failure(FailureCause.NO_ANSWER)}) {
            RetryDecision d = RetryDecision.decide(DeliveryPolicy.OFF, 1, o, NOW, null, NO_JITTER);
            assertThat(d.retry()).isFalse();
            assertThat(d.why()).isNull();
        }
    }

    @Test
    void never_retried_past_the_push_expiration() {
        PushOutcome busy = answer(503, "ServiceUnavailable");
        assertThat(RetryDecision.decide(POLICY, 1, busy, NOW, NOW.plusMillis(200), NO_JITTER).retry()).isFalse();
        assertThat(RetryDecision.decide(POLICY, 1, busy, NOW, NOW.plusMillis(201), NO_JITTER).retry()).isTrue();
        RetryDecision late = RetryDecision.decide(POLICY, 1, busy, NOW, NOW.minusSeconds(1), NO_JITTER);
        assertThat(late.retry()).isFalse();
        assertThat(late.why()).contains("apns-expiration");
        // apns-expiration 0: "deliver once or not at all" is never sent again.
        assertThat(RetryDecision.decide(POLICY, 1, busy, NOW, Instant.EPOCH, NO_JITTER).retry()).isFalse();
        // 429 waits a second: an expiration half a second away stops it.
        assertThat(RetryDecision.decide(POLICY, 1, answer(429, "TooManyRequests"), NOW, NOW.plusMillis(500),
                NO_JITTER).retry()).isFalse();
    }

    @Test
    void jitter_takes_at_most_its_share_off_the_wait_and_is_deterministic_for_a_seed() {
        PushOutcome busy = answer(500, "InternalServerError");
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        boolean varied = false;
        long first = -1;
        for (int i = 0; i < 1000; i++) {
            long ms = RetryDecision.decide(POLICY, 2, busy, NOW, null, a).delay().toMillis();
            assertThat(ms).isBetween(200L, 400L); // 400 ms back-off, jitter 0.5
            assertThat(RetryDecision.decide(POLICY, 2, busy, NOW, null, b).delay().toMillis()).isEqualTo(ms);
            if (first < 0) {
                first = ms;
            } else if (ms != first) {
                varied = true;
            }
        }
        assertThat(varied).isTrue();
    }

    @Test
    void full_jitter_never_makes_a_zero_wait() {
        DeliveryPolicy full = DeliveryPolicy.parse("jitter=1");
        RandomGenerator almostOne = new RandomGenerator() {
            @Override
            public long nextLong() {
                return -1L;
            }

            @Override
            public double nextDouble() {
                return Math.nextDown(1.0);
            }
        };
        assertThat(RetryDecision.decide(full, 1, answer(500, "x"), NOW, null, almostOne).delay().toMillis())
                .isGreaterThanOrEqualTo(1);
    }
}
