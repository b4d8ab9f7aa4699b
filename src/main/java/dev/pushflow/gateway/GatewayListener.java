package dev.pushflow.gateway;

import java.time.Instant;

/**
 * Hears what a gateway did with each notification. Called on Netty event-loop threads, before the answer is written
 * to the client: implementations must return quickly and never block (hand work to another thread or a queue).
 */
public interface GatewayListener {

    /** The gateway accepted the notification (HTTP 200); a real device would now get it. */
    void onAccepted(GatewayNotification n);

    /**
     * The gateway rejected the notification.
     *
     * @param n         what was understood of the request (fields that could not be read are {@code null})
     * @param status    the HTTP status sent back, e.g. 400, 403, 410
     * @param reason    Apple's reason string, e.g. {@code BadDeviceToken}
     * @param timestamp for 410 Unregistered the time the token stopped being valid, otherwise {@code null}
     */
    default void onRejected(GatewayNotification n, int status, String reason, Instant timestamp) {
    }
}
