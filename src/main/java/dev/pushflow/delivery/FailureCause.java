package dev.pushflow.delivery;

import java.util.Locale;

/**
 * Why a push got no HTTP/2 answer, sorted once from the exception (see {@link ConnectionFailure#of}) so that the
 * delivery policy, the raw-push panel and the status bar act on a cause instead of parsing a sentence.
 */
public enum FailureCause {
    /** The gateway's host name does not resolve. */
    DNS(true, false),
    /** The proxy refused the tunnel or could not be reached. */
    PROXY(false, false),
    /** TLS trouble other than our certificate: an untrusted server, a TLS-intercepting proxy. */
    TLS(false, false),
    /** The gateway refused our client certificate at the handshake. */
    CERTIFICATE(false, false),
    /** Nothing listens on the gateway's port (or a firewall said no). */
    REFUSED(true, false),
    /** The TCP or TLS connection could not be set up in time (a black-holed port). */
    CONNECT_TIMEOUT(true, false),
    /** The connection was reset or closed while the push was on it: the gateway may have accepted it. */
    RESET(true, true),
    /** The connection closed before the push could be written: it never reached the gateway. */
    NOT_SENT(true, false),
    /** The gateway closed the stream (GOAWAY, shutdown) before it answered: it may have accepted the push. */
    CLOSED_BEFORE_REPLY(true, true),
    /** The push went out and no answer came within the per-push timeout: it may have been accepted. */
    NO_ANSWER(true, true),
    /** The .p12 or .p8 behind the push cannot be used. */
    CREDENTIAL(false, false),
    /** No gateway for the push's certificate ID or environment. */
    NO_GATEWAY(false, false),
    /** The sending thread was interrupted (the run was cancelled). */
    INTERRUPTED(false, false),
    /** Anything else; the detail says what. */
    OTHER(true, false);

    private final boolean transientTrouble;
    private final boolean mayHaveArrived;

    FailureCause(boolean transientTrouble, boolean mayHaveArrived) {
        this.transientTrouble = transientTrouble;
        this.mayHaveArrived = mayHaveArrived;
    }

    /** Whether the same push can get through when sent again later (the delivery policy retries these). */
    public boolean isTransient() {
        return transientTrouble;
    }

    /**
     * Whether the gateway may have accepted the push although no answer came (the request was written): a retry
     * can then show the notification twice on the phone, as with Apple.
     */
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }

    /** A short lower-case name for tables and JSON (no-answer, connect-timeout, ...). */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
