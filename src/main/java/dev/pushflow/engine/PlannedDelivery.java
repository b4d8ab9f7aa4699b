package dev.pushflow.engine;

import dev.pushflow.console.CertificateEntry;
import dev.pushflow.delivery.PushRequest;
import dev.pushflow.payload.BuiltPayload;

/**
 * The backend's decision for one message and one device, before anything is sent: either a push
 * (entry, request and payload set) or no push with its reason.
 */
public record PlannedDelivery(String deviceId, String deviceName, String userID, long certificateId,
                              NoPushReason noPushReason, String detail, CertificateEntry entry, PushRequest request,
                              BuiltPayload payload) {
    public boolean isPush() {
        return noPushReason == null;
    }

    /** One line for the compose preview. */
    public String describe() {
        if (isPush()) {
            return "Push to " + deviceName + " (" + userID + ") with certificate ID " + certificateId + " ("
                    + entry.environment().wireName() + "), " + payload.bytes() + "/" + payload.limit() + " bytes"
                    + (payload.fits() ? "" : ": TOO LARGE, APNs will answer 413 PayloadTooLarge");
        }
        return (noPushReason == NoPushReason.ONLINE ? "Online delivery to " : "No push to ")
                + (deviceName == null ? userID : deviceName + " (" + userID + ")") + ": " + detail;
    }
}
