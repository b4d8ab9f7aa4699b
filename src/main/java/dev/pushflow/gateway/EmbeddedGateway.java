package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import dev.pushflow.apns.ApnsEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * One embedded APNs gateway (sandbox or production) on 127.0.0.1, with its own device-token registry. Tokens are
 * per environment, as at Apple: a token issued here is a {@code BadDeviceToken} on the other gateway.
 * Thread-safe. Made and closed by {@link EmbeddedGateways}.
 */
public final class EmbeddedGateway {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedGateway.class);

    private final ApnsEnvironment environment;
    private final ProviderTokenVerifier verifier;
    private final LongSupplier nowMillis;
    private final TokenRegistry registry = new TokenRegistry();
    private final CopyOnWriteArrayList<GatewayListener> listeners = new CopyOnWriteArrayList<>();
    private final LoopbackOnly guard = new LoopbackOnly(UnlistedReasons::prepare);
    private volatile MockApnsServer server;
    private volatile InetSocketAddress boundAddress;

    EmbeddedGateway(ApnsEnvironment environment, ProviderTokenVerifier verifier, LongSupplier nowMillis) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.verifier = verifier;
        this.nowMillis = nowMillis;
    }

    public ApnsEnvironment environment() {
        return environment;
    }

    /** Always "127.0.0.1": the gateways listen on the loopback interface only. */
    public String host() {
        return boundAddress().getAddress().getHostAddress();
    }

    public int port() {
        return boundAddress().getPort();
    }

    /** The address the server channel is really bound to (read back from the channel after the bind). */
    public InetSocketAddress boundAddress() {
        InetSocketAddress a = boundAddress;
        if (a == null) {
            throw new IllegalStateException("the " + environment.wireName() + " gateway is not started");
        }
        return a;
    }

    /** A new random 32-byte token (64 lowercase hex digits), valid in THIS environment for {@code bundleId}. */
    public String issueToken(String bundleId) {
        return registry.issue(bundleId);
    }

    /** Makes an outside token (any non-empty even-length hex) valid here for {@code bundleId}. */
    public void registerToken(String tokenHex, String bundleId) {
        registry.register(tokenHex, bundleId);
    }

    /** The app was uninstalled: the next push to this token gets 410 Unregistered with {@code when}. */
    public void unregisterToken(String tokenHex, Instant when) {
        registry.unregister(tokenHex, when);
    }

    /** Undoes {@link #unregisterToken}: in this simulation a reinstalled app keeps its token. */
    public void reinstate(String tokenHex) {
        registry.reinstate(tokenHex);
    }

    /** Whether this environment knows the token (uninstalled apps' tokens included). */
    public boolean knows(String tokenHex) {
        return registry.knows(tokenHex);
    }

    public void addListener(GatewayListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    public void removeListener(GatewayListener l) {
        listeners.remove(l);
    }

    @Override
    public String toString() {
        InetSocketAddress a = boundAddress;
        return "EmbeddedGateway[" + environment.wireName() + (a == null ? "" : " " + a.getAddress().getHostAddress()
                + ":" + a.getPort()) + "]";
    }

    // ---- package-private plumbing -------------------------------------------------------------------------------

    TokenRegistry registry() {
        return registry;
    }

    LoopbackOnly guard() {
        return guard;
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void fireAccepted(GatewayNotification n) {
        for (GatewayListener l : listeners) {
            try {
                l.onAccepted(n);
            } catch (RuntimeException e) {
                log.warn("gateway listener {} failed on an accepted notification", l, e);
            }
        }
    }

    void fireRejected(GatewayNotification n, int status, String reason, Instant timestamp) {
        for (GatewayListener l : listeners) {
            try {
                l.onRejected(n, status, reason, timestamp);
            } catch (RuntimeException e) {
                log.warn("gateway listener {} failed on a rejected notification", l, e);
            }
        }
    }

    /** Builds one handler per TLS connection: certificate auth when the client presented a certificate. */
    PushNotificationHandlerFactory handlerFactory() {
        return this::handlerFor;
    }

    PushNotificationHandler handlerFor(SSLSession session) {
        X509Certificate clientCertificate = null;
        try {
            Certificate[] peer = session.getPeerCertificates();
            if (peer != null && peer.length > 0 && peer[0] instanceof X509Certificate x) {
                clientCertificate = x;
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate: token authentication
        }
        return clientCertificate != null
                ? ApnsRequestHandler.forCertificate(this, ClientCertificateInfo.of(clientCertificate), nowMillis)
                : ApnsRequestHandler.forToken(this, verifier, nowMillis);
    }

    void started(MockApnsServer server) {
        this.server = server;
        var channel = guard.serverChannel();
        if (channel == null || !(channel.localAddress() instanceof InetSocketAddress bound)
                || !LoopbackOnly.isLoopback(bound)) {
            throw new IllegalStateException("the " + environment.wireName() + " gateway is not bound to loopback: "
                    + (channel == null ? "no server channel" : channel.localAddress()));
        }
        this.boundAddress = bound;
    }

    void shutdown(long timeout, TimeUnit unit) {
        MockApnsServer s = server;
        server = null;
        if (s == null) {
            return;
        }
        try {
            s.shutdown().get(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the {} gateway did not shut down cleanly", environment.wireName(), e);
        }
    }
}
