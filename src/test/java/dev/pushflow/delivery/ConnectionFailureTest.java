package dev.pushflow.delivery;

import dev.pushflow.credentials.CredentialException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures sorted from the exception up and worded once, in plain words, never with an exception class name. */
class ConnectionFailureTest {
    private static ConnectionFailure of(Throwable t) {
        ConnectionFailure f = ConnectionFailure.of(new CompletionException(t));
        assertThat(f.sentence()).doesNotContain("Exception").doesNotContain("io.netty").doesNotContain("java.");
        return f;
    }

    @Test
    void each_kind_of_exception_has_its_cause_and_sentence() {
        assertThat(of(new UnknownHostException("api.push.apple.com")).sentence())
                .isEqualTo("DNS: cannot resolve api.push.apple.com (no network, or a proxy is needed)");
        ConnectionFailure refused = of(new ConnectException("Connection refused: /127.0.0.1:5"));
        assertThat(refused.cause()).isEqualTo(FailureCause.REFUSED);
        assertThat(refused.sentence()).isEqualTo("connection refused: nothing listens on 127.0.0.1:5");
        assertThat(of(new io.netty.channel.ConnectTimeoutException("connection timed out: /127.0.0.1:9")).cause())
                .isEqualTo(FailureCause.CONNECT_TIMEOUT);
        assertThat(of(new ClosedChannelException()).sentence())
                .isEqualTo("the connection was reset before APNs answered (the push may have arrived)");
        assertThat(of(new IOException("Connection reset by peer")).cause()).isEqualTo(FailureCause.RESET);
        assertThat(of(new IOException("Stream closed before a reply was received")).cause())
                .isEqualTo(FailureCause.CLOSED_BEFORE_REPLY);
        assertThat(of(new IOException("Stream closed before write could take place")).sentence())
                .isEqualTo("the connection closed before the push could be written (it did not reach the gateway)");
        assertThat(of(new javax.net.ssl.SSLException("SSLEngine closed already")).cause()).isEqualTo(FailureCause.NOT_SENT);
        assertThat(of(new SSLHandshakeException("Received fatal alert: bad_certificate")).cause())
                .isEqualTo(FailureCause.CERTIFICATE);
        assertThat(of(new SSLHandshakeException("PKIX path building failed")).sentence()).startsWith("TLS: PKIX");
        assertThat(of(new CredentialException("the .p12 password is wrong")).sentence())
                .isEqualTo("the .p12 password is wrong");
        assertThat(of(new IOException("proxy: cannot resolve the proxy host x")).cause()).isEqualTo(FailureCause.PROXY);
        assertThat(of(new IllegalStateException()).sentence()).isEqualTo("no answer: no details");
    }

    @Test
    void a_cause_deep_in_the_chain_is_found() {
        Throwable deep = new RuntimeException("wrapper", new IOException("outer", new ConnectException("Connection refused")));
        assertThat(of(deep).cause()).isEqualTo(FailureCause.REFUSED);
    }

    @Test
    void the_per_push_timeout_reads_as_seconds() {
        assertThat(ConnectionFailure.noAnswer(Duration.ofSeconds(10)).sentence())
                .isEqualTo("APNs did not answer in 10 s (the push may have arrived)");
        assertThat(ConnectionFailure.noAnswer(Duration.ofMillis(1500)).sentence()).startsWith("APNs did not answer in 1.5 s");
        assertThat(FailureCause.NO_ANSWER.mayHaveArrived()).isTrue();
        assertThat(FailureCause.REFUSED.mayHaveArrived()).isFalse();
    }
}
