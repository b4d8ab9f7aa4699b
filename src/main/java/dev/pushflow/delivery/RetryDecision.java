package dev.pushflow.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Whether an attempt's outcome is the push's last, and if not how long to wait before the next one. Pure: the
 * time and the random jitter come in as arguments, so the rules can be tested exhaustively.
 *
 * @param retry  whether to send the push again
 * @param delay  the wait before the next attempt (zero when final)
 * @param why    for a final outcome that could have been retried, why it was not (else null)
 */
public record RetryDecision(boolean retry, Duration delay, String why) {
    private static final RetryDecision FINAL = new RetryDecision(false, Duration.ZERO, null);

    public static RetryDecision finalOutcome(String why) {
        return why == null ? FINAL : new RetryDecision(false, Duration.ZERO, why);
    }

    /**
     * Decides after attempt {@code attempt} (1-based) ended with {@code outcome}.
     *
     * @param now        the time the answer came
     * @param expiration the push's apns-expiration, null when none (APNs' default)
     * @param random     draws the jitter
     */
    public static RetryDecision decide(DeliveryPolicy policy, int attempt, PushOutcome outcome, Instant now,
                                       Instant expiration, RandomGenerator random) {
        boolean tooMany;
        switch (outcome.status()) {
            case ACCEPTED -> {
                return FINAL;
            }
            case REJECTED -> {
                int code = outcome.statusCode();
                if (code != 429 && code != 500 && code != 503) {
                    return FINAL; // 400s, 403s, 405, 410, 413: the same push gets the same answer
                }
                tooMany = code == 429;
            }
            case FAILED -> {
                FailureCause cause = outcome.cause();
                if (cause == null || !cause.isTransient()) {
                    return FINAL;
                }
                tooMany = false;
            }
            default -> {
                return FINAL;
            }
        }
        if (attempt >= policy.maxAttempts()) {
            return policy.retries() ? finalOutcome("gave up after " + attempt + " attempts") : FINAL;
        }
        Duration base = tooMany ? policy.tooManyRequests() : policy.firstBackoff();
        long ms = base.toMillis() << Math.min(attempt - 1, 20);
        ms = Math.min(ms, Math.max(policy.maxBackoff().toMillis(), tooMany ? base.toMillis() : 0));
        long jittered = Math.max(1, ms - (long) (ms * policy.jitter() * random.nextDouble()));
        Duration delay = Duration.ofMillis(jittered);
        if (expiration != null && !now.plus(delay).isBefore(expiration)) {
            return finalOutcome("not retried: the push's apns-expiration passes before the next attempt");
        }
        return new RetryDecision(true, delay, null);
    }
}
