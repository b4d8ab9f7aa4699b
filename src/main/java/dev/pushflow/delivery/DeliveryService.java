package dev.pushflow.delivery;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialException;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Sends pushes through Pushy. One {@link ApnsClient} per credential and endpoint, built once and reused
 * (a client per push costs a TLS handshake and, with tokens, a new JWT). A semaphore bounds the pushes in
 * flight so a broken credential cannot pile up unbounded work. The same code serves Apple's hosts and the
 * embedded gateways: only host, port and trust differ.
 */
public final class DeliveryService implements AutoCloseable {
    public static final int DEFAULT_MAX_IN_FLIGHT = 2_000;

    /**
     * Clients are shared by credential CONTENT, not object identity: reloading the same .p8 or applying a
     * workspace again must not open another connection (nor sign another JWT).
     */
    private record ClientKey(Object credential, String host, int port) {
        static ClientKey of(Credential c, Endpoint endpoint) {
            Object content = switch (c) {
                case dev.pushflow.credentials.P8Credential p8 -> java.util.List.of("p8",
                        java.nio.ByteBuffer.wrap(p8.pkcs8()), String.valueOf(p8.keyId()), String.valueOf(p8.teamId()));
                case dev.pushflow.credentials.P12Credential p12 -> java.util.List.of("p12",
                        java.nio.ByteBuffer.wrap(p12.p12()), java.nio.CharBuffer.wrap(p12.password()));
            };
            return new ClientKey(content, endpoint.host(), endpoint.port());
        }
    }

    /** Follows one client's connections through Pushy's metrics callbacks (Netty threads; cheap per push). */
    private final class Tracker implements com.eatthepath.pushy.apns.ApnsClientMetricsListener {
        private final String credential;
        private final String gateway;
        private int open;
        private volatile ConnectionStatus status;

        Tracker(String credential, String gateway) {
            this.credential = credential;
            this.gateway = gateway;
            this.status = new ConnectionStatus(credential, gateway, ConnectionStatus.State.CONNECTING, null, 0,
                    Instant.now());
        }

        private void set(ConnectionStatus.State state, String failure) {
            ConnectionStatus next;
            synchronized (this) {
                ConnectionStatus now = status;
                if (now.state() == state && now.open() == open && java.util.Objects.equals(now.failure(), failure)) {
                    return;
                }
                next = new ConnectionStatus(credential, gateway, state, failure, open, Instant.now());
                status = next;
            }
            for (ConnectionStatus.Listener l : connectionListeners) {
                try {
                    l.connectionChanged(next);
                } catch (RuntimeException e) {
                    // a broken listener must not break delivery
                }
            }
        }

        /**
         * A push failed before reaching the gateway. Pushy reports a failed connection attempt first (without a
         * cause), so this adds the cause; with a connection up, one failed push says nothing about the connection.
         */
        void pushFailed(String why) {
            if (status.state() != ConnectionStatus.State.CONNECTED) {
                set(ConnectionStatus.State.FAILED, why);
            }
        }

        @Override
        public void handleConnectionAdded(ApnsClient client) {
            synchronized (this) {
                open++;
            }
            set(ConnectionStatus.State.CONNECTED, null);
        }

        /** Pushy calls this when it discards a dead connection it still knew about (not for every close). */
        @Override
        public void handleConnectionRemoved(ApnsClient client) {
            int left;
            synchronized (this) {
                open = Math.max(0, open - 1);
                left = open;
            }
            set(left == 0 ? ConnectionStatus.State.CLOSED : ConnectionStatus.State.CONNECTED, null);
        }

        /**
         * Our clients keep one connection (Pushy's default), and Pushy only opens one when it has none usable: a
         * failed attempt means none is up, even when Pushy did not report the old one's removal.
         */
        @Override
        public void handleConnectionCreationFailed(ApnsClient client) {
            synchronized (this) {
                open = 0;
            }
            set(ConnectionStatus.State.FAILED, "could not connect to " + gateway);
        }

        @Override
        public void handleWriteFailure(ApnsClient client, long notificationId) {
        }

        @Override
        public void handleNotificationSent(ApnsClient client, long notificationId) {
        }

        @Override
        public void handleNotificationAccepted(ApnsClient client, long notificationId) {
        }

        @Override
        public void handleNotificationRejected(ApnsClient client, long notificationId) {
        }
    }

    private final Endpoint.Directory embedded;
    private final PushTypeHeaders pushTypeHeaders = new PushTypeHeaders();
    private final InFlightGate inFlight;
    /**
     * Pushy's I/O thread. Below normal priority, like every engine thread: under a flood the window's thread comes
     * first (Java priorities reach the OS on Windows and macOS; on Linux with -XX:ThreadPriorityPolicy=1).
     */
    private final NioEventLoopGroup eventLoopGroup = new NioEventLoopGroup(1,
            new DefaultThreadFactory("pushflow-apns", false, Thread.MIN_PRIORITY));
    private final Map<ClientKey, CompletableFuture<ApnsClient>> clients = new ConcurrentHashMap<>();
    private final Map<ClientKey, Tracker> trackers = new ConcurrentHashMap<>();
    private final List<ConnectionStatus.Listener> connectionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ProxySettings proxy = ProxySettings.NONE;
    private volatile Duration connectTimeout = Duration.ofSeconds(10);

    public DeliveryService(Endpoint.Directory embedded, int maxInFlight) {
        this.embedded = embedded;
        this.inFlight = new InFlightGate(maxInFlight);
    }

    /** The embedded gateways' endpoints this service was built with (null when it serves Apple's hosts only). */
    public Endpoint.Directory embeddedDirectory() {
        return embedded;
    }

    public int maxInFlight() {
        return inFlight.max();
    }

    /** Pushy clients alive: one per credential content and endpoint. */
    public int clientCount() {
        return clients.size();
    }

    /** Every client's connection state, in no particular order. */
    public List<ConnectionStatus> connections() {
        return trackers.values().stream().map(t -> t.status).toList();
    }

    /** The connection state of a credential to an endpoint; CONNECTING when nothing was sent that way yet. */
    public ConnectionStatus connection(Credential credential, Endpoint endpoint) {
        Tracker t = trackers.get(ClientKey.of(credential, endpoint));
        return t != null ? t.status : new ConnectionStatus(credential.label(), endpoint.label(),
                ConnectionStatus.State.CONNECTING, null, 0, Instant.now());
    }

    /** Listeners are called on Netty threads (and on the sending thread for credential failures). */
    public void addConnectionListener(ConnectionStatus.Listener listener) {
        connectionListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public void removeConnectionListener(ConnectionStatus.Listener listener) {
        connectionListeners.remove(listener);
    }

    /** Pushes in flight right now (sent, not yet answered). */
    public int inFlight() {
        return inFlight.inFlight();
    }

    /** Whether host:port is one of our embedded gateways (never proxied: they are on this machine). */
    private boolean isEmbedded(String host, int port) {
        if (embedded == null) {
            return false;
        }
        for (dev.pushflow.apns.ApnsEnvironment env : dev.pushflow.apns.ApnsEnvironment.values()) {
            try {
                Endpoint e = embedded.embedded(env);
                if (e != null && e.port() == port && e.host().equals(host)) {
                    return true;
                }
            } catch (RuntimeException notRunning) {
                // no embedded gateway for this environment
            }
        }
        return false;
    }

    public ProxySettings proxy() {
        return proxy;
    }

    /** Proxy for every host but the embedded gateways. Existing clients to other hosts are rebuilt. */
    public void setProxy(ProxySettings settings) {
        this.proxy = settings == null ? ProxySettings.NONE : settings;
        fastClients.clear();
        trackers.keySet().removeIf(k -> !isEmbedded(k.host(), k.port()));
        clients.entrySet().removeIf(e -> {
            if (!isEmbedded(e.getKey().host(), e.getKey().port())) {
                e.getValue().thenAccept(ApnsClient::close);
                return true;
            }
            return false;
        });
    }

    public void setConnectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
    }

    /** Where a certificate ID's pushes go. */
    public Endpoint endpointFor(CertificateEntry entry) {
        if (entry.gateway() == GatewayTarget.EMBEDDED) {
            return embedded.embedded(entry.environment());
        }
        String host = entry.environment().appleHost();
        return new Endpoint(host, entry.applePort(), null, host + ":" + entry.applePort());
    }

    /**
     * Sends one push. Never throws: every problem ends as a FAILED outcome with a plain explanation.
     * Blocks only while {@link #maxInFlight()} pushes are already in flight.
     */
    public CompletableFuture<PushOutcome> send(CertificateEntry entry, PushRequest request) {
        Endpoint endpoint;
        try {
            endpoint = endpointFor(entry);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(request, "?", "no gateway for certificate ID "
                    + entry.certificateId() + ": " + e.getMessage(), 0));
        }
        return send(entry.credential(), endpoint, request);
    }

    public CompletableFuture<PushOutcome> send(Credential credential, Endpoint endpoint, PushRequest request) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(failed(request, endpoint.label(), "interrupted before sending", 0));
        }
        long start = System.nanoTime();
        CompletableFuture<ApnsClient> client = clientFor(credential, endpoint);
        // Headers Pushy 0.15.4 cannot express (newer push types, priority 1, no expiration): the frame hook writes them.
        String announced = pushTypeHeaders.announce(request, PUSHY_TYPES.get(request.pushType()) == null);
        // One future and one callback per push (this runs for every push of the engine): no stage chain.
        CompletableFuture<PushOutcome> result = new CompletableFuture<>();
        client.whenComplete((c, buildFailure) -> {
            if (buildFailure != null) {
                finish(result, failure(buildFailure, credential, endpoint, request, start), announced);
                return;
            }
            try {
                c.sendNotification(notification(request)).whenComplete((response, t) -> finish(result,
                        t == null ? outcome(response, endpoint, start) : failure(t, credential, endpoint, request, start),
                        announced));
            } catch (RuntimeException e) {
                finish(result, failure(e, credential, endpoint, request, start), announced);
            }
        });
        return result;
    }

    private void finish(CompletableFuture<PushOutcome> result, PushOutcome outcome, String announced) {
        inFlight.release();
        if (announced != null) {
            pushTypeHeaders.forget(announced);
        }
        result.complete(outcome);
    }

    /** A push that got no answer: the cause in words, also the connection's state when none is up. */
    private PushOutcome failure(Throwable t, Credential credential, Endpoint endpoint, PushRequest request, long start) {
        String why = explainFailure(t);
        if (why.startsWith("connection") && proxy.kind() != ProxySettings.Kind.NONE
                && !isEmbedded(endpoint.host(), endpoint.port())) {
            // Through a proxy, the connection that failed is the one to the proxy.
            why = "proxy: cannot reach " + proxy.resolveFor(endpoint.host()) + ": " + why
                    + " (is the proxy running, and is its address right?)";
        }
        Tracker tracker = trackers.get(ClientKey.of(credential, endpoint));
        if (tracker != null) {
            tracker.pushFailed(why);
        }
        return failed(request, endpoint.label(), why, micros(start));
    }

    private static SimpleApnsPushNotification notification(PushRequest r) {
        // null sends no apns-priority header (APNs then uses 10, and 5 for background pushes), as ApnsHeaders shows;
        // Pushy has no priority 1: PushTypeHeaders writes it over CONSERVE_POWER
        DeliveryPriority priority = r.priority() == null ? null
                : r.priority() == 1 ? DeliveryPriority.CONSERVE_POWER
                : DeliveryPriority.getFromCode(r.priority());
        // By header value, not enum name: Pushy spells LIVE_ACTIVITY / PUSH_TO_TALK where we spell LIVEACTIVITY /
        // PUSHTOTALK. Pushy 0.15.4 has no widgets/controls: null here, and PushTypeHeaders adds the header.
        com.eatthepath.pushy.apns.PushType type = PUSHY_TYPES.get(r.pushType());
        return new SimpleApnsPushNotification(r.token(), r.topic(), r.payload(), r.expiration(), priority, type,
                r.collapseId(), r.apnsId());
    }

    /** Pushy's push type of the same header value; null for the types Pushy 0.15.4 predates (widgets, controls). */
    static com.eatthepath.pushy.apns.PushType pushyPushType(dev.pushflow.apns.PushType type) {
        for (com.eatthepath.pushy.apns.PushType p : com.eatthepath.pushy.apns.PushType.values()) {
            if (p.getHeaderValue().equals(type.headerValue())) {
                return p;
            }
        }
        return null;
    }

    /** Ours to Pushy's, looked up once (null for the types Pushy 0.15.4 predates). */
    private static final Map<dev.pushflow.apns.PushType, com.eatthepath.pushy.apns.PushType> PUSHY_TYPES =
            pushyTypes();

    private static Map<dev.pushflow.apns.PushType, com.eatthepath.pushy.apns.PushType> pushyTypes() {
        Map<dev.pushflow.apns.PushType, com.eatthepath.pushy.apns.PushType> m =
                new java.util.EnumMap<>(dev.pushflow.apns.PushType.class);
        for (dev.pushflow.apns.PushType t : dev.pushflow.apns.PushType.values()) {
            m.put(t, pushyPushType(t));
        }
        return m;
    }

    /** Announced push types waiting for their request's HEADERS frame (see {@link PushTypeHeaders}). */
    int pendingPushTypeHeaders() {
        return pushTypeHeaders.pendingCount();
    }

    private static PushOutcome outcome(PushNotificationResponse<SimpleApnsPushNotification> response,
                                       Endpoint endpoint, long start) {
        String apnsId = response.getApnsId() == null ? null : response.getApnsId().toString();
        String uniqueId = response.getApnsUniqueId().map(Object::toString).orElse(null);
        Instant invalidation = response.getTokenInvalidationTimestamp().orElse(null);
        if (response.isAccepted()) {
            return new PushOutcome(DeliveryStatus.ACCEPTED, response.getStatusCode(), apnsId, uniqueId, null, null,
                    micros(start), endpoint.label(), null);
        }
        return new PushOutcome(DeliveryStatus.REJECTED, response.getStatusCode(), apnsId, uniqueId,
                response.getRejectionReason().orElse("(no reason)"), invalidation, micros(start), endpoint.label(),
                null);
    }

    private static PushOutcome failed(PushRequest request, String gateway, String why, long latency) {
        return new PushOutcome(DeliveryStatus.FAILED, 0, request.apnsId() == null ? null : request.apnsId().toString(),
                null, null, null, latency,
                gateway, why);
    }

    private static long micros(long start) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    }

    /**
     * The client of a credential object and endpoint, without hashing the credential's bytes: records with array
     * components compare arrays by identity, so this lookup is cheap on the per-push path. Misses fall back to
     * the content-keyed map, which decides sharing.
     */
    private record FastKey(Credential credential, Endpoint endpoint) {
    }

    private final Map<FastKey, CompletableFuture<ApnsClient>> fastClients = new ConcurrentHashMap<>();

    private CompletableFuture<ApnsClient> clientFor(Credential credential, Endpoint endpoint) {
        FastKey fast = new FastKey(credential, endpoint);
        CompletableFuture<ApnsClient> known = fastClients.get(fast);
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        CompletableFuture<ApnsClient> client = clientByContent(credential, endpoint);
        if (fastClients.size() > 256) {
            fastClients.clear(); // many short-lived credential objects (reloads): start the cache afresh
        }
        fastClients.put(fast, client);
        return client;
    }

    private CompletableFuture<ApnsClient> clientByContent(Credential credential, Endpoint endpoint) {
        ClientKey key = ClientKey.of(credential, endpoint);
        CompletableFuture<ApnsClient> existing = clients.get(key);
        if (existing != null && !existing.isCompletedExceptionally()) {
            return existing;
        }
        CompletableFuture<ApnsClient> built = new CompletableFuture<>();
        Tracker tracker = trackers.computeIfAbsent(key, k -> new Tracker(credential.label(), endpoint.label()));
        try {
            built.complete(build(credential, endpoint, tracker));
        } catch (CredentialException | IOException | RuntimeException e) {
            built.completeExceptionally(e);
        }
        // A failed build is not cached for good: the next push tries again (the user may have fixed the file).
        clients.put(key, built);
        return built;
    }

    private ApnsClient build(Credential credential, Endpoint endpoint, Tracker tracker)
            throws CredentialException, IOException {
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(endpoint.host(), endpoint.port())
                .setMetricsListener(tracker)
                .setFrameLogger(pushTypeHeaders)
                .setEventLoopGroup(eventLoopGroup)
                .setConnectionTimeout(connectTimeout);
        if (endpoint.trustedCaPem() != null) {
            builder.setTrustedServerCertificateChain(new ByteArrayInputStream(endpoint.trustedCaPem()));
        }
        if (!isEmbedded(endpoint.host(), endpoint.port())) {
            proxy.apply(builder, endpoint.host());
        }
        credential.configure(builder);
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** Turns a failed future into a sentence: DNS, refused connection, TLS, credential. */
    static String explainFailure(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        Throwable root = c;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof UnknownHostException || root instanceof ConnectException || root instanceof SSLException) {
                break;
            }
            root = root.getCause();
        }
        if (c instanceof CredentialException) {
            return c.getMessage();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (c instanceof io.netty.handler.proxy.ProxyConnectException || root instanceof io.netty.handler.proxy.ProxyConnectException) {
            Throwable p = c instanceof io.netty.handler.proxy.ProxyConnectException ? c : root;
            String m = String.valueOf(p.getMessage());
            String hint = m.contains("407") || m.toLowerCase(java.util.Locale.ROOT).contains("auth")
                    ? " (check the proxy user name and password)" : " (check the proxy address, and that it allows"
                    + " CONNECT to port 443 or 2197)";
            return "proxy: the proxy refused the tunnel: " + m + hint;
        }
        if (root instanceof UnknownHostException) {
            return "DNS: cannot resolve " + msg + " (no network, or a proxy is needed)";
        }
        if (root instanceof ConnectException) {
            return "connection refused or timed out: " + msg;
        }
        if (root instanceof SSLException) {
            return "TLS: " + msg + " (the gateway rejected the client certificate, or its certificate is not trusted)";
        }
        if (root instanceof io.netty.channel.ConnectTimeoutException) {
            return "connection timed out: " + msg;
        }
        return root.getClass().getSimpleName() + ": " + msg;
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (CompletableFuture<ApnsClient> f : clients.values()) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                closing.add(f.join().close());
            }
        }
        clients.clear();
        fastClients.clear();
        trackers.clear();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing is best effort; the event loop shutdown below ends what is left
        }
        eventLoopGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
