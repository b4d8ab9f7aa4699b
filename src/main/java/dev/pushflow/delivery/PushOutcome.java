package dev.pushflow.delivery;

import java.time.Instant;

/**
 * APNs' answer to one push attempt, or why there was none (FAILED, with {@code failure} saying what went wrong in
 * words and {@code cause} sorting it: see {@link ConnectionFailure}).
 */
public record PushOutcome(DeliveryStatus status, int statusCode, String apnsId, String apnsUniqueId, String reason,
                          Instant invalidationTimestamp, long latencyMicros, String gateway, String failure,
                          FailureCause cause) {

    /** An outcome without a sorted cause (answers, and failures from before causes were typed). */
    public PushOutcome(DeliveryStatus status, int statusCode, String apnsId, String apnsUniqueId, String reason,
                       Instant invalidationTimestamp, long latencyMicros, String gateway, String failure) {
        this(status, statusCode, apnsId, apnsUniqueId, reason, invalidationTimestamp, latencyMicros, gateway, failure,
                status == DeliveryStatus.FAILED ? FailureCause.OTHER : null);
    }
}
