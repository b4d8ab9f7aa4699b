package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One embedded APNs gateway (sandbox or production) on 127.0.0.1, with its own device-token registry. Tokens are
 * per environment, as at Apple: a token issued here is a {@code BadDeviceToken} on the other gateway.
 * Thread-safe. Made and closed by {@link EmbeddedGateways}.
 *
 * <p>Our own HTTP/2 server on Netty: a {@link ServerBootstrap} bound to the loopback address by construction,
 * TLS with ALPN h2 ({@link GatewayTls}), then per connection {@link ConnectionSetup} picks the validator of the
 * connection's authentication mode and installs an {@link ApnsConnectionHandler}; {@link ClientTrouble} turns
 * whatever a client does wrong into one short log line.</p>
 */
public final class EmbeddedGateway {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedGateway.class);

    private final ApnsEnvironment environment;
    private final ProviderTokenVerifier verifier;
    private final LongSupplier nowMillis;
    private final TokenRegistry registry = new TokenRegistry();
    private final CopyOnWriteArrayList<GatewayListener> listeners = new CopyOnWriteArrayList<>();
    private final LoopbackOnly guard = new LoopbackOnly();
    private final GatewayStats stats = new GatewayStats();
    private final Set<ApnsConnectionHandler> connections = ConcurrentHashMap.newKeySet();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private volatile Channel serverChannel;
    private volatile InetSocketAddress boundAddress;
    private volatile long idleTimeoutNanos;
    private volatile WeatherPlan weather;

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

    /**
     * Forgets a token of a throw-away workspace (a load run's phones, once the run is over), as if it had never been
     * issued: a push to it gets 400 BadDeviceToken. Unlike {@link #unregisterToken} nothing of it stays.
     */
    public void forgetToken(String tokenHex) {
        registry.forget(tokenHex);
    }

    /** How many device tokens this gateway knows (valid, unregistered or expired). */
    public int knownTokens() {
        return registry.size();
    }

    /** The app was uninstalled: the next push to this token gets 410 Unregistered with {@code when}. */
    public void unregisterToken(String tokenHex, Instant when) {
        registry.unregister(tokenHex, when);
    }

    /**
     * The token has expired (as APNs says of a token it no longer honours): the next push to it gets 410 ExpiredToken
     * with {@code when} as its timestamp. {@link #reinstate} undoes it; registering the token again does too.
     */
    public void expireToken(String tokenHex, Instant when) {
        registry.expire(tokenHex, when);
    }

    /**
     * Connections opened from now on get GOAWAY with {@code {"reason":"IdleTimeout"}} after {@code timeout} without a
     * request; {@code null} or zero: never (the default).
     */
    public void setIdleTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("the idle timeout cannot be negative: " + timeout);
        }
        idleTimeoutNanos = timeout == null ? 0 : timeout.toNanos();
    }

    /**
     * APNs weather from now on (see {@link Weather} for the spec): faults instead of answers, added latency, Apple's
     * per-token rate limit, drawn deterministically from {@code seed} in the order requests complete.
     *
     * @throws IllegalArgumentException naming the bad part of the spec
     */
    public void setWeather(String spec, long seed) {
        Weather w = Weather.parse(spec);
        weather = w.isClear() ? null : new WeatherPlan(w, seed);
    }

    /** Clear weather again: every request gets its verdict at once. */
    public void clearWeather() {
        weather = null;
    }

    /** The weather in force ({@link Weather#CLEAR} when none). */
    public Weather weather() {
        WeatherPlan p = weather;
        return p == null ? Weather.CLEAR : p.weather();
    }

    /** The seed of the weather in force (0 when clear). */
    public long weatherSeed() {
        WeatherPlan p = weather;
        return p == null ? 0 : p.seed();
    }

    /** Open client connections right now. */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Undoes {@link #unregisterToken} and {@link #expireToken}: in this simulation a reinstalled app keeps its token.
     */
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

    GatewayStats stats() {
        return stats;
    }

    /** The weather plan, {@code null} in clear weather (one volatile read per request). */
    WeatherPlan weatherPlan() {
        return weather;
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

    /** The validator of a new connection: certificate auth when the client presented a certificate. */
    RequestValidator validatorFor(X509Certificate clientCertificate) {
        return clientCertificate != null
                ? RequestValidator.forCertificate(this, ClientCertificateInfo.of(clientCertificate), nowMillis)
                : RequestValidator.forToken(this, verifier, nowMillis);
    }

    private static final AttributeKey<Boolean> TROUBLE_LOGGED = AttributeKey.valueOf("pushflow.gateway.trouble");

    /** A client misbehaved: one short line per connection at most, never a stack trace. */
    void clientTrouble(Channel channel, String what) {
        if (channel.attr(TROUBLE_LOGGED).setIfAbsent(Boolean.TRUE) != null) {
            return;
        }
        stats.troubles.increment();
        if (log.isInfoEnabled()) {
            InetSocketAddress peer = channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
            log.info("{} gateway: client {}: {}", environment.wireName(),
                    peer == null ? "?" : peer.getAddress().getHostAddress() + ":" + peer.getPort(), what);
        }
    }

    void connectionOpened(ApnsConnectionHandler h) {
        connections.add(h);
    }

    void connectionClosed(ApnsConnectionHandler h) {
        connections.remove(h);
    }

    /** Binds 127.0.0.1 (the loopback address, never the wildcard) on a free port and serves there. */
    void start(EventLoopGroup group, SslContext tls, long timeoutSeconds) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .handler(guard)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.closeFuture().addListener(f -> channels.remove(ch));
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        ch.pipeline().addLast("setup", new ConnectionSetup(EmbeddedGateway.this, idleTimeoutNanos));
                        ch.pipeline().addLast("trouble", new ClientTrouble(EmbeddedGateway.this));
                    }
                });
        ChannelFuture bound = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        if (!bound.awaitUninterruptibly(timeoutSeconds, TimeUnit.SECONDS) || !bound.isSuccess()) {
            bound.channel().close();
            Throwable cause = bound.cause();
            throw new IllegalStateException("cannot start the " + environment.wireName() + " gateway: "
                    + (cause == null ? "no answer within " + timeoutSeconds + " s" : cause.getMessage()), cause);
        }
        Channel channel = bound.channel();
        if (!(channel.localAddress() instanceof InetSocketAddress local) || !LoopbackOnly.isLoopback(local)) {
            channel.close();
            throw new IllegalStateException("the " + environment.wireName() + " gateway is not bound to loopback: "
                    + channel.localAddress());
        }
        this.serverChannel = channel;
        this.boundAddress = local;
    }

    /**
     * Stops accepting, ends every connection as Apple does when it goes down (503 Shutdown for what was not answered,
     * GOAWAY) and waits up to {@code timeout} for them to close. Idempotent.
     */
    void shutdown(long timeout, TimeUnit unit) {
        Channel s = serverChannel;
        serverChannel = null;
        if (s == null) {
            return;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        s.close().awaitUninterruptibly(timeout, unit);
        List<Channel> open = new ArrayList<>(channels);
        for (Channel c : open) {
            ApnsConnectionHandler h = c.pipeline().get(ApnsConnectionHandler.class);
            if (h != null) {
                h.shutdown();
            } else {
                c.close(); // still in its TLS handshake: nothing to answer
            }
        }
        for (Channel c : open) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !c.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                c.close();
            }
        }
    }
}
