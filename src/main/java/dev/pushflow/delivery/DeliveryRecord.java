package dev.pushflow.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pushflow.apns.ApnsEnvironment;

import java.time.Instant;

/**
 * One line of the delivery log: a push attempt with APNs' answer, or a no-push decision with its reason.
 * For NO_PUSH and ONLINE, {@code reason} is a short code (logged-out, kicked-off, ...) and {@code detail}
 * a plain sentence; for REJECTED, {@code reason} is Apple's reason (BadDeviceToken, ...).
 *
 * <p>The last four fields came later; lines written before them read back as {@code source} "flow", attempt 1,
 * final, no delivery state:</p>
 * <ul>
 *   <li>{@code source}: what sent it: {@link #SOURCE_FLOW}, {@link #SOURCE_RAW_PUSH}, {@link #SOURCE_DOCTOR},
 *       {@link #SOURCE_SCENARIO}, {@link #SOURCE_LOAD};</li>
 *   <li>{@code attempt}: 1 for the first attempt of a push, 2, 3, ... for the backend's retries of the same
 *       apns-id; {@code final} (JSON name) is true on the last attempt of that push, so a push's outcome is exactly
 *       one record with {@code final: true};</li>
 *   <li>{@code deliveryState}: what APNs did with an accepted push after the 200 (a stable code such as
 *       {@code delivered} or {@code stored-offline}), {@code null} when it does not apply.</li>
 * </ul>
 */
public record DeliveryRecord(long seq, Instant time, String messageId, String deviceId, String deviceName,
                             String userID, long certificateId, ApnsEnvironment environment, String gateway,
                             String topic, String pushType, Integer priority, String token, String apnsId,
                             String apnsUniqueId, DeliveryStatus status, int statusCode, String reason,
                             String detail, Instant invalidationTimestamp, long latencyMicros, String payload,
                             String source, int attempt, @JsonProperty("final") boolean finalAttempt,
                             String deliveryState) {

    public static final String SOURCE_FLOW = "flow";
    public static final String SOURCE_RAW_PUSH = "raw-push";
    public static final String SOURCE_DOCTOR = "doctor-probe";
    public static final String SOURCE_SCENARIO = "scenario";
    public static final String SOURCE_LOAD = "load";

    public DeliveryRecord {
        if (attempt <= 0) { // a line from before retries existed: its only attempt, and so the final one
            attempt = 1;
            finalAttempt = true;
        }
        if (source == null) {
            source = SOURCE_FLOW;
        }
    }

    /** A first and final attempt sent by the IM flow, with no delivery state yet. */
    public DeliveryRecord(long seq, Instant time, String messageId, String deviceId, String deviceName,
                          String userID, long certificateId, ApnsEnvironment environment, String gateway,
                          String topic, String pushType, Integer priority, String token, String apnsId,
                          String apnsUniqueId, DeliveryStatus status, int statusCode, String reason,
                          String detail, Instant invalidationTimestamp, long latencyMicros, String payload) {
        this(seq, time, messageId, deviceId, deviceName, userID, certificateId, environment, gateway, topic, pushType,
                priority, token, apnsId, apnsUniqueId, status, statusCode, reason, detail, invalidationTimestamp,
                latencyMicros, payload, SOURCE_FLOW, 1, true, null);
    }

    public DeliveryRecord withSeq(long newSeq) {
        return new DeliveryRecord(newSeq, time, messageId, deviceId, deviceName, userID, certificateId, environment,
                gateway, topic, pushType, priority, token, apnsId, apnsUniqueId, status, statusCode, reason, detail,
                invalidationTimestamp, latencyMicros, payload, source, attempt, finalAttempt, deliveryState);
    }

    public DeliveryRecord withSource(String newSource) {
        return new DeliveryRecord(seq, time, messageId, deviceId, deviceName, userID, certificateId, environment,
                gateway, topic, pushType, priority, token, apnsId, apnsUniqueId, status, statusCode, reason, detail,
                invalidationTimestamp, latencyMicros, payload, newSource, attempt, finalAttempt, deliveryState);
    }

    public DeliveryRecord withAttempt(int newAttempt, boolean isFinal) {
        return new DeliveryRecord(seq, time, messageId, deviceId, deviceName, userID, certificateId, environment,
                gateway, topic, pushType, priority, token, apnsId, apnsUniqueId, status, statusCode, reason, detail,
                invalidationTimestamp, latencyMicros, payload, source, newAttempt, isFinal, deliveryState);
    }

    public DeliveryRecord withDeliveryState(String newState) {
        return new DeliveryRecord(seq, time, messageId, deviceId, deviceName, userID, certificateId, environment,
                gateway, topic, pushType, priority, token, apnsId, apnsUniqueId, status, statusCode, reason, detail,
                invalidationTimestamp, latencyMicros, payload, source, attempt, finalAttempt, newState);
    }

    /** A decision that produced no push (or an online delivery). */
    public static DeliveryRecord decision(Instant time, String messageId, String deviceId, String deviceName,
                                          String userID, long certificateId, DeliveryStatus status, String reason,
                                          String detail) {
        return new DeliveryRecord(0, time, messageId, deviceId, deviceName, userID, certificateId, null, null, null,
                null, null, null, null, null, status, 0, reason, detail, null, 0, null);
    }
}
