package dev.pushflow.delivery;

import java.time.Instant;

/**
 * The live state of one Pushy client's connections: a credential to a gateway. Kept from Pushy's connection
 * events (added, removed, creation failed), from the failures of pushes that never reached the gateway, and from
 * APNs' 503 Shutdown and closed streams (CLOSING).
 *
 * @param credential the credential's secret-free label
 * @param gateway    the endpoint's label (host and port)
 * @param failure    for FAILED and CLOSING: the sentence of the last failure (DNS, TLS, proxy, refused, credential);
 *                   else null
 * @param open       connections open right now
 * @param since      when the state last changed
 * @param cause      for FAILED and CLOSING: the failure sorted by cause; else null
 */
public record ConnectionStatus(String credential, String gateway, State state, String failure, int open,
                               Instant since, FailureCause cause) {
    public enum State {
        /** A client exists and is connecting (or has not been asked to send yet). */
        CONNECTING,
        /** At least one HTTP/2 connection is up. */
        CONNECTED,
        /**
         * The gateway is shutting the connection down (503 Shutdown, GOAWAY, a reset or a stream closed before its
         * answer): pushes on it may fail; the next push opens a new one.
         */
        CLOSING,
        /** The last attempt failed; {@code failure} says why. The next push tries again. */
        FAILED,
        /** Connections were open and are all closed now (the gateway went away); the next push reconnects. */
        CLOSED
    }

    public ConnectionStatus(String credential, String gateway, State state, String failure, int open, Instant since) {
        this(credential, gateway, state, failure, open, since, failure == null ? null : FailureCause.OTHER);
    }

    public String describe() {
        return switch (state) {
            case CONNECTING -> "connecting";
            case CONNECTED -> open > 1 ? "connected (" + open + " connections)" : "connected";
            case CLOSING -> "closing" + (failure == null ? "" : ": " + failure) + " (the next push reconnects)";
            case FAILED -> "failed: " + failure;
            case CLOSED -> "closed (reconnects on the next push)";
        };
    }

    /** Called on Netty threads when a client's state changes: hop to your own thread before touching a UI. */
    @FunctionalInterface
    public interface Listener {
        void connectionChanged(ConnectionStatus status);
    }
}
