package dev.pushflow.delivery;

import dev.pushflow.credentials.CredentialException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Why a push got no answer: a {@link FailureCause}, the detail the exception gave (a host name, a TLS alert) and
 * the sentence a user reads. Worded here and only here, in plain words, never with an exception class name.
 */
public record ConnectionFailure(FailureCause cause, String detail, String sentence) {

    public static ConnectionFailure of(FailureCause cause, String detail) {
        return new ConnectionFailure(cause, detail == null ? "" : detail, word(cause, detail == null ? "" : detail));
    }

    /** The per-push timeout ran out: the push was written and nothing came back. */
    public static ConnectionFailure noAnswer(Duration timeout) {
        return of(FailureCause.NO_ANSWER, seconds(timeout));
    }

    /** Sorts a failed future's exception by cause, from the exception up. */
    public static ConnectionFailure of(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof CredentialException) {
            return of(FailureCause.CREDENTIAL, c.getMessage());
        }
        if (c instanceof InterruptedException) {
            return of(FailureCause.INTERRUPTED, "");
        }
        for (Throwable x = c; x != null; x = x.getCause() == x ? null : x.getCause()) {
            String msg = x.getMessage() == null ? "" : x.getMessage();
            if (x instanceof io.netty.handler.proxy.ProxyConnectException) {
                String hint = msg.contains("407") || msg.toLowerCase(Locale.ROOT).contains("auth")
                        ? " (check the proxy user name and password)"
                        : " (check the proxy address, and that it allows CONNECT to port 443 or 2197)";
                return of(FailureCause.PROXY, "the proxy refused the tunnel: " + msg + hint);
            }
            if (msg.startsWith("proxy: ")) {
                return of(FailureCause.PROXY, msg.substring("proxy: ".length()));
            }
            if (x instanceof UnknownHostException) {
                return of(FailureCause.DNS, msg);
            }
            if (x instanceof io.netty.channel.ConnectTimeoutException) {
                String where = msg.replaceFirst("(?i)^connection timed out(: )?", "").replaceFirst("^/", "");
                return of(FailureCause.CONNECT_TIMEOUT, (where.isBlank() ? "the gateway" : where)
                        + " did not complete the connection");
            }
            if (x instanceof ConnectException) {
                String lower = msg.toLowerCase(Locale.ROOT);
                String where = msg.replaceFirst("(?i)^connection (refused|timed out)(: )?", "").replaceFirst("^/", "");
                return lower.contains("timed out")
                        ? of(FailureCause.CONNECT_TIMEOUT, (where.isBlank() ? "the gateway" : where)
                        + " did not complete the connection")
                        : of(FailureCause.REFUSED, where);
            }
            if (msg.toLowerCase(Locale.ROOT).contains("before write could take place")
                    || (x instanceof SSLException && msg.toLowerCase(Locale.ROOT).contains("engine closed"))) {
                return of(FailureCause.NOT_SENT, "");
            }
            if (x instanceof SSLException) {
                String lower = msg.toLowerCase(Locale.ROOT);
                boolean ours = lower.contains("bad_certificate") || lower.contains("certificate_unknown")
                        || lower.contains("certificate_expired") || lower.contains("certificate_revoked")
                        || lower.contains("certificate_required");
                return of(ours ? FailureCause.CERTIFICATE : FailureCause.TLS, msg);
            }
            if (x instanceof ClosedChannelException) {
                return of(FailureCause.RESET, "");
            }
            String lower = msg.toLowerCase(Locale.ROOT);
            if (lower.contains("stream closed before a reply")) {
                return of(FailureCause.CLOSED_BEFORE_REPLY, "");
            }
            if (lower.contains("connection reset") || lower.contains("broken pipe")
                    || lower.contains("channel closed") || lower.contains("channel inactive")) {
                return of(FailureCause.RESET, "");
            }
            if (lower.contains("streams exhausted") || lower.contains("goaway") || lower.contains("go_away")) {
                return of(FailureCause.CLOSED_BEFORE_REPLY, "");
            }
        }
        String msg = c.getMessage();
        return of(FailureCause.OTHER, msg == null || msg.isBlank() ? "no details" : msg);
    }

    private static String word(FailureCause cause, String detail) {
        String d = detail.isBlank() ? "" : ": " + detail;
        return switch (cause) {
            case DNS -> "DNS: cannot resolve " + (detail.isBlank() ? "the gateway's host" : detail)
                    + " (no network, or a proxy is needed)";
            case PROXY -> "proxy: " + (detail.isBlank() ? "the proxy failed" : detail);
            case TLS -> "TLS: " + (detail.isBlank() ? "the handshake failed" : detail)
                    + " (the gateway rejected the client certificate, or its certificate is not trusted)";
            case CERTIFICATE -> "TLS: " + (detail.isBlank() ? "the gateway refused the client certificate" : detail)
                    + " (the gateway rejected the client certificate)";
            case REFUSED -> "connection refused: nothing listens on " + (detail.isBlank() ? "the gateway's port" : detail);
            case CONNECT_TIMEOUT -> "connection timed out: "
                    + (detail.isBlank() ? "the gateway did not complete the connection" : detail);
            case RESET -> "the connection was reset before APNs answered (the push may have arrived)";
            case NOT_SENT -> "the connection closed before the push could be written (it did not reach the gateway)";
            case CLOSED_BEFORE_REPLY -> "the gateway closed the connection before it answered (the push may have"
                    + " arrived)";
            case NO_ANSWER -> "APNs did not answer in " + detail + " (the push may have arrived)";
            case CREDENTIAL -> detail.isBlank() ? "the credential cannot be used" : detail;
            case NO_GATEWAY -> "no gateway" + d;
            case INTERRUPTED -> "interrupted before an answer came";
            case OTHER -> "no answer: " + detail;
        };
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
