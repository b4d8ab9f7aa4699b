package dev.pushflow.delivery;

/** What became of one message on one device. */
public enum DeliveryStatus {
    /** APNs (or the embedded gateway) answered 200. */
    ACCEPTED,
    /** APNs answered with a rejection reason: final, never retried. */
    REJECTED,
    /** The push never got an answer: connection, TLS, DNS, proxy or credential trouble. */
    FAILED,
    /** The backend decided not to push; the reason says why. */
    NO_PUSH,
    /** The app was in the foreground: delivered over the IM connection, no push needed. */
    ONLINE,
    /**
     * An attempt is about to go out (written before it does, so a push the gateway may have accepted always has a
     * record); its outcome follows as a later record of the same apns-id and attempt. One with no outcome after it
     * means the app stopped before APNs answered: see {@link UnansweredPushes}.
     */
    SENDING;

    public boolean isPushAttempt() {
        return this == ACCEPTED || this == REJECTED || this == FAILED;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
