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
    ONLINE;

    public boolean isPushAttempt() {
        return this == ACCEPTED || this == REJECTED || this == FAILED;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
