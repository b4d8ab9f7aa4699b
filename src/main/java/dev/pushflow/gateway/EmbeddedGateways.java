package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.KeyScope;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The two embedded APNs-accurate gateways, sandbox and production, each our own Netty HTTP/2 server (see
 * {@link EmbeddedGateway}), both on 127.0.0.1 (random free ports) and sharing one small event loop group.
 *
 * <pre>{@code
 * try (EmbeddedGateways gw = EmbeddedGateways.startDefault()) {
 *     String token = gw.sandbox().issueToken("com.example.chat");
 *     // ApnsClientBuilder.setApnsServer(gw.sandbox().host(), gw.sandbox().port())
 *     //     .setTrustedServerCertificateChain(new ByteArrayInputStream(gw.trustedServerCaPem())) ...
 * }
 * }</pre>
 *
 * <p>Only the sandbox gateway sends {@code apns-unique-id}, as Apple does (development only).</p>
 */
public final class EmbeddedGateways implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 10;
    /** Each connection gets this long to flush its last answers and GOAWAY. */
    private static final long STOP_TIMEOUT_SECONDS = 2;

    private final NioEventLoopGroup group;
    private final ProviderTokenVerifier verifier = new ProviderTokenVerifier();
    private final Map<ApnsEnvironment, EmbeddedGateway> gateways = new EnumMap<>(ApnsEnvironment.class);
    private final byte[] serverCaPem;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedGateways(GatewayConfig cfg, LongSupplier nowMillis) {
        this.serverCaPem = cfg.serverCaPem();
        this.group = new NioEventLoopGroup(cfg.eventLoopThreads(), new DefaultThreadFactory("pushflow-gateway", true,
                Thread.MIN_PRIORITY)); // below the window's thread, like every engine thread (see DeliveryService)
        for (GatewayConfig.TrustedSigningKey k : cfg.trustedSigningKeys()) {
            verifier.trust(k.teamId(), k.keyId(), k.publicKey(), k.scope());
        }
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            gateways.put(env, new EmbeddedGateway(env, verifier, nowMillis));
        }
    }

    /** Sample server certificate, sample CA for client certificates, trusts the sample token key. */
    public static EmbeddedGateways startDefault() {
        return start(GatewayConfig.sample());
    }

    public static EmbeddedGateways start(GatewayConfig cfg) {
        return start(cfg, System::currentTimeMillis);
    }

    static EmbeddedGateways start(GatewayConfig cfg, LongSupplier nowMillis) {
        EmbeddedGateways g = new EmbeddedGateways(cfg, nowMillis);
        try {
            for (EmbeddedGateway gateway : g.gateways.values()) {
                g.startOne(gateway, cfg);
            }
            return g;
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private void startOne(EmbeddedGateway gateway, GatewayConfig cfg) {
        SslContext tls;
        try {
            tls = GatewayTls.serverContext(cfg);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot set up the " + gateway.environment().wireName()
                    + " gateway's TLS: " + e.getMessage(), e);
        }
        gateway.start(group, tls, START_TIMEOUT_SECONDS);
    }

    public EmbeddedGateway get(ApnsEnvironment env) {
        return gateways.get(env);
    }

    public EmbeddedGateway sandbox() {
        return get(ApnsEnvironment.SANDBOX);
    }

    public EmbeddedGateway production() {
        return get(ApnsEnvironment.PRODUCTION);
    }

    /** The CA (PEM) clients must trust to accept the gateways' TLS certificate: the sample CA by default. */
    public byte[] trustedServerCaPem() {
        return serverCaPem.clone();
    }

    /** Both gateways accept JWTs with header kid = {@code keyId}, claim iss = {@code teamId}, signed by that key. */
    public void trustSigningKey(String teamId, String keyId, ECPublicKey key) {
        verifier.trust(teamId, keyId, key);
    }

    /**
     * Trusts a key limited to {@code scope}, as APNs enforces since 2025: its JWTs get 403 BadEnvironmentKeyIdInToken
     * on a gateway of an environment the scope leaves out, and pushes to a topic whose bundle ID a topic-specific
     * scope does not list get 403 UnrelatedKeyIdInToken. Trusting a Key ID again replaces its key and scope; open
     * connections pick the change up with their next push.
     */
    public void trustSigningKey(String teamId, String keyId, ECPublicKey key, KeyScope scope) {
        verifier.trust(teamId, keyId, key, scope);
    }

    /** {@link #trustSigningKey(String, String, ECPublicKey, KeyScope)} for a key description. */
    public void trustSigningKey(GatewayConfig.TrustedSigningKey key) {
        verifier.trust(key.teamId(), key.keyId(), key.publicKey(), key.scope());
    }

    /** {@link EmbeddedGateway#setIdleTimeout} for both gateways. */
    public void setIdleTimeout(Duration timeout) {
        for (EmbeddedGateway g : gateways.values()) {
            g.setIdleTimeout(timeout);
        }
    }

    /** Shuts both servers and the event loop group down and waits for them (bounded). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (EmbeddedGateway gateway : gateways.values()) {
            gateway.shutdown(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Provider tokens verified in full (signature included) so far; the per-connection cache keeps this low. */
    long providerTokenVerifications() {
        return verifier.verifications();
    }

    /** Whether the shared event loop group has terminated (after {@link #close()}). */
    boolean isTerminated() {
        return group.isTerminated();
    }
}
