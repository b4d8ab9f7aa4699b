package dev.pushflow.delivery;

import java.time.Instant;

/** APNs' answer to one push, or why there was none (FAILED, with {@code failure} saying what went wrong). */
public record PushOutcome(DeliveryStatus status, int statusCode, String apnsId, String apnsUniqueId, String reason,
                          Instant invalidationTimestamp, long latencyMicros, String gateway, String failure) {
}
