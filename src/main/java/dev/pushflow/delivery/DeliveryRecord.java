package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;

import java.time.Instant;

/**
 * One line of the delivery log: a push attempt with APNs' answer, or a no-push decision with its reason.
 * For NO_PUSH and ONLINE, {@code reason} is a short code (logged-out, kicked-off, ...) and {@code detail}
 * a plain sentence; for REJECTED, {@code reason} is Apple's reason (BadDeviceToken, ...).
 */
public record DeliveryRecord(long seq, Instant time, String messageId, String deviceId, String deviceName,
                             String userID, long certificateId, ApnsEnvironment environment, String gateway,
                             String topic, String pushType, Integer priority, String token, String apnsId,
                             String apnsUniqueId, DeliveryStatus status, int statusCode, String reason,
                             String detail, Instant invalidationTimestamp, long latencyMicros, String payload) {

    public DeliveryRecord withSeq(long newSeq) {
        return new DeliveryRecord(newSeq, time, messageId, deviceId, deviceName, userID, certificateId, environment,
                gateway, topic, pushType, priority, token, apnsId, apnsUniqueId, status, statusCode, reason, detail,
                invalidationTimestamp, latencyMicros, payload);
    }

    /** A decision that produced no push (or an online delivery). */
    public static DeliveryRecord decision(Instant time, String messageId, String deviceId, String deviceName,
                                          String userID, long certificateId, DeliveryStatus status, String reason,
                                          String detail) {
        return new DeliveryRecord(0, time, messageId, deviceId, deviceName, userID, certificateId, null, null, null,
                null, null, null, null, null, status, 0, reason, detail, null, 0, null);
    }
}
