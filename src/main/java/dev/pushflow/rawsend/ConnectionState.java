package dev.pushflow.rawsend;

import java.util.Locale;

/**
 * The state of the connection to a gateway as a raw send sees it: connecting, connected (an HTTP/2 answer came
 * back, whatever its status), or failed with the cause a developer can act on.
 */
public record ConnectionState(State state, Cause cause, String detail) {
    public enum State { CONNECTING, CONNECTED, CLOSING, FAILED, CLOSED }

    /** Why no answer came back. CERTIFICATE = the gateway refused our client certificate at the TLS handshake. */
    public enum Cause { NONE, DNS, PROXY, TLS, CERTIFICATE, CONNECTION, CREDENTIAL, TIMEOUT, OTHER }

    public static final ConnectionState CONNECTING = new ConnectionState(State.CONNECTING, Cause.NONE, "");
    public static final ConnectionState CONNECTED = new ConnectionState(State.CONNECTED, Cause.NONE, "");
    public static final ConnectionState CLOSED = new ConnectionState(State.CLOSED, Cause.NONE, "");

    /** The delivery service's live view of a client's connections, with its failure sorted by cause. */
    public static ConnectionState of(dev.pushflow.delivery.ConnectionStatus status) {
        return switch (status.state()) {
            case CONNECTING -> CONNECTING;
            case CONNECTED -> CONNECTED;
            case CLOSED -> CLOSED;
            case CLOSING -> new ConnectionState(State.CLOSING, cause(status.cause(), status.failure()),
                    status.failure() == null ? "" : status.failure());
            case FAILED -> failed(status.cause(), status.failure());
        };
    }

    /** A failure with its typed cause (from the delivery service); the sentence is shown as it is. */
    public static ConnectionState failed(dev.pushflow.delivery.FailureCause cause, String failure) {
        return new ConnectionState(State.FAILED, cause(cause, failure), failure == null ? "" : failure);
    }

    /** A failure known only by its sentence (a result from before causes were typed). */
    public static ConnectionState failed(String failure) {
        return failed(null, failure);
    }

    /** The raw-push panel's coarser cause of a delivery failure cause (the sentence only when there is none). */
    static Cause cause(dev.pushflow.delivery.FailureCause c, String failure) {
        if (c == null) {
            return classify(failure);
        }
        return switch (c) {
            case DNS -> Cause.DNS;
            case PROXY -> Cause.PROXY;
            case TLS -> Cause.TLS;
            case CERTIFICATE -> Cause.CERTIFICATE;
            case REFUSED, CONNECT_TIMEOUT, RESET, NOT_SENT, CLOSED_BEFORE_REPLY -> Cause.CONNECTION;
            case NO_ANSWER -> Cause.TIMEOUT;
            case CREDENTIAL -> Cause.CREDENTIAL;
            case NO_GATEWAY, INTERRUPTED, OTHER -> Cause.OTHER;
        };
    }

    /**
     * Sorts a failure sentence by cause, for results that carry no typed cause. Order matters: a TLS alert about our
     * certificate is a CERTIFICATE problem, other TLS trouble (an untrusted server, a TLS-intercepting proxy) is TLS.
     */
    static Cause classify(String failure) {
        String f = failure == null ? "" : failure.toLowerCase(Locale.ROOT);
        if (f.startsWith("dns:")) {
            return Cause.DNS;
        }
        if (f.contains("proxy")) {
            return Cause.PROXY;
        }
        if (f.contains("bad_certificate") || f.contains("certificate_unknown") || f.contains("certificate_expired")
                || f.contains("certificate_revoked") || f.contains("certificate_required")) {
            return Cause.CERTIFICATE;
        }
        if (f.startsWith("tls:") || f.contains("ssl") || f.contains("handshake")) {
            return Cause.TLS;
        }
        if (f.startsWith("connection") || f.contains("connect")) {
            return Cause.CONNECTION;
        }
        if (f.contains(".p12") || f.contains(".p8") || f.contains("password") || f.contains("key id")
                || f.contains("team id")) {
            return Cause.CREDENTIAL;
        }
        if (f.startsWith("no answer")) {
            return Cause.TIMEOUT;
        }
        return Cause.OTHER;
    }

    public String describe() {
        return switch (state) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected";
            case CLOSED -> "closed (reconnects on the next push)";
            case CLOSING -> "closing (the gateway is shutting the connection down; the next push reconnects)"
                    + (detail.isEmpty() ? "" : ": " + detail);
            case FAILED -> "failed (" + cause.name().toLowerCase(Locale.ROOT) + "): " + detail;
        };
    }
}
