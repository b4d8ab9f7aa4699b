package dev.pushflow.scenario;

import dev.pushflow.delivery.DeliveryRecord;

/** One delivery record as one line for people: who, what APNs answered (or why nothing was sent), through what. */
public final class RecordLine {
    private RecordLine() {
    }

    public static String of(DeliveryRecord r) {
        String who = (r.deviceId() == null ? "" : r.deviceId() + " ") + "(" + r.userID() + ")";
        return who + ": " + switch (r.status()) {
            case ACCEPTED -> "ACCEPTED " + r.statusCode() + (r.deliveryState() == null ? "" : " → " + r.deliveryState())
                    + via(r);
            case REJECTED -> "REJECTED " + r.statusCode() + " " + r.reason() + via(r);
            case FAILED -> "FAILED: " + r.detail() + via(r);
            case NO_PUSH, ONLINE -> r.status().name() + " " + r.reason() + (r.detail() == null ? "" : ": " + r.detail());
            case SENDING -> "SENDING attempt " + r.attempt() + via(r);
        };
    }

    private static String via(DeliveryRecord r) {
        StringBuilder sb = new StringBuilder();
        sb.append(" · certificate ID ").append(r.certificateId());
        if (r.environment() != null) {
            sb.append(" (").append(r.environment().wireName()).append(')');
        }
        if (r.gateway() != null) {
            sb.append(" · ").append(r.gateway());
        }
        if (r.topic() != null) {
            sb.append(" · topic ").append(r.topic());
        }
        if (r.pushType() != null) {
            sb.append(" · ").append(r.pushType());
        }
        if (r.apnsId() != null) {
            sb.append(" · apns-id ").append(r.apnsId());
        }
        return sb.toString();
    }
}
