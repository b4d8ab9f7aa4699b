package dev.pushflow.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a delivery log reads back: every attempt is written twice, {@link DeliveryStatus#SENDING} before it goes
 * out and its outcome after. A SENDING record with a later outcome (same apns-id, device and attempt) says nothing
 * more and is left out; one without is a push the gateway may have accepted when the app stopped (a kill -9, a
 * crash, a power cut): it stays, final, with the reason {@value #REASON} and the detail {@value #DETAIL}.
 */
public final class UnansweredPushes {
    public static final String REASON = "unknown";
    public static final String DETAIL = "unknown: the app stopped before APNs answered";

    private UnansweredPushes() {
    }

    private record Key(String apnsId, String device, int attempt) {
        static Key of(DeliveryRecord r) {
            return new Key(r.apnsId(), r.deviceId() != null ? r.deviceId() : r.token(), r.attempt());
        }
    }

    /**
     * The records as a reader should see them, in their order: SENDING records answered later are dropped, the
     * unanswered ones of an earlier run are marked unknown and final. SENDING records numbered above
     * {@code inFlightAfterSeq} belong to the running app: their answer may still come, so they are dropped too
     * (use {@code Long.MAX_VALUE} for a log no app is writing).
     */
    public static List<DeliveryRecord> interpret(List<DeliveryRecord> records, long inFlightAfterSeq) {
        boolean any = false;
        for (DeliveryRecord r : records) {
            if (r.status() == DeliveryStatus.SENDING) {
                any = true;
                break;
            }
        }
        if (!any) {
            return records;
        }
        Set<Key> answered = new HashSet<>();
        boolean[] keep = new boolean[records.size()];
        DeliveryRecord[] shown = new DeliveryRecord[records.size()];
        for (int i = records.size() - 1; i >= 0; i--) {
            DeliveryRecord r = records.get(i);
            if (r.status() == DeliveryStatus.SENDING) {
                if (!answered.contains(Key.of(r)) && r.seq() <= inFlightAfterSeq) {
                    keep[i] = true;
                    shown[i] = unknown(r);
                }
            } else {
                if (r.status() != null && r.status().isPushAttempt()) {
                    answered.add(Key.of(r));
                }
                keep[i] = true;
                shown[i] = r;
            }
        }
        List<DeliveryRecord> out = new ArrayList<>(records.size());
        for (int i = 0; i < shown.length; i++) {
            if (keep[i]) {
                out.add(shown[i]);
            }
        }
        return out;
    }

    /** The SENDING records that never got an outcome, each marked unknown and final (a log no app is writing). */
    public static List<DeliveryRecord> unanswered(List<DeliveryRecord> records) {
        return interpret(records, Long.MAX_VALUE).stream().filter(UnansweredPushes::isUnknown).toList();
    }

    /** Whether this record is an attempt whose answer never came (as {@link #interpret} marks it). */
    public static boolean isUnknown(DeliveryRecord r) {
        return r.status() == DeliveryStatus.SENDING && REASON.equals(r.reason());
    }

    private static DeliveryRecord unknown(DeliveryRecord r) {
        return new DeliveryRecord(r.seq(), r.time(), r.messageId(), r.deviceId(), r.deviceName(), r.userID(),
                r.certificateId(), r.environment(), r.gateway(), r.topic(), r.pushType(), r.priority(), r.token(),
                r.apnsId(), r.apnsUniqueId(), DeliveryStatus.SENDING, 0, REASON, DETAIL, null, 0, r.payload(),
                r.source(), r.attempt(), true, r.deliveryState());
    }
}
