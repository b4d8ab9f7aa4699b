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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
     * The bound on pushes in flight to a gateway on this machine (the embedded ones, on 127.0.0.1). Its round trip
     * is well under a millisecond, so under a flood more pushes in flight only wait in Netty's and the gateway's
     * queues: they add latency (a push's own latency figure included) and live memory, which every young collection
     * copies (measured with the window: pauses of 43-51 ms with 2,000 in flight, 27-37 ms with 500, at the same
     * pushes per second). Apple's gateways are a network round trip away and keep the wider bound.
     */
    public static final int LOOPBACK_MAX_IN_FLIGHT = 500;

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

        private void set(ConnectionStatus.State state, String failure, FailureCause cause) {
            ConnectionStatus next;
            synchronized (this) {
                ConnectionStatus now = status;
                if (now.state() == state && now.open() == open && java.util.Objects.equals(now.failure(), failure)) {
                    return;
                }
                next = new ConnectionStatus(credential, gateway, state, failure, open, Instant.now(), cause);
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
         * cause), so this adds the cause; with a connection up, one failed push says nothing about the connection,
         * unless the connection itself was reset or closed under the push: then it is closing.
         */
        void pushFailed(ConnectionFailure why) {
            ConnectionStatus.State now = status.state();
            if (now != ConnectionStatus.State.CONNECTED) {
                if (now != ConnectionStatus.State.CLOSING || !why.cause().mayHaveArrived()) {
                    set(ConnectionStatus.State.FAILED, why.sentence(), why.cause());
                }
            } else if (why.cause() == FailureCause.RESET || why.cause() == FailureCause.CLOSED_BEFORE_REPLY) {
                set(ConnectionStatus.State.CLOSING, why.sentence(), why.cause());
            }
        }

        /** APNs answered 503 Shutdown: the connection is going away (Apple closes it after the answer). */
        void shuttingDown() {
            if (status.state() == ConnectionStatus.State.CONNECTED) {
                set(ConnectionStatus.State.CLOSING, "APNs is shutting this connection down (503 Shutdown)",
                        FailureCause.CLOSED_BEFORE_REPLY);
            }
        }

        @Override
        public void handleConnectionAdded(ApnsClient client) {
            synchronized (this) {
                open++;
            }
            set(ConnectionStatus.State.CONNECTED, null, null);
        }

        /** Pushy calls this when it discards a dead connection it still knew about (not for every close). */
        @Override
        public void handleConnectionRemoved(ApnsClient client) {
            int left;
            synchronized (this) {
                open = Math.max(0, open - 1);
                left = open;
            }
            set(left == 0 ? ConnectionStatus.State.CLOSED : ConnectionStatus.State.CONNECTED, null, null);
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
            set(ConnectionStatus.State.FAILED, "could not connect to " + gateway, FailureCause.OTHER);
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
    /** Pushes in flight to loopback gateways: at most {@link #LOOPBACK_MAX_IN_FLIGHT} (and within {@link #inFlight}). */
    private final InFlightGate loopbackInFlight;
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
    private volatile Duration pushTimeout = DeliveryPolicy.DEFAULT.pushTimeout();
    private volatile boolean closed;
    /**
     * Per-push timeouts and retry delays: one wheel thread (below normal priority) instead of a scheduled task per
     * push on Pushy's event loop; 20 ms ticks are precise enough for seconds-long timeouts and back-offs (and the
     * idle wheel costs little: it wakes 50 times a second).
     */
    private final io.netty.util.HashedWheelTimer timer = new io.netty.util.HashedWheelTimer(
            new DefaultThreadFactory("pushflow-delivery-timer", true, Thread.MIN_PRIORITY), TICK_MILLIS,
            TimeUnit.MILLISECONDS, 512, false, -1); // no leak tracking: the timer thread is a daemon and close() stops it
    private static final long TICK_MILLIS = 20;
    /**
     * The per-push timeouts: not a timer entry per attempt (armed on the sender, cancelled on the event loop, both
     * through the wheel's shared queues), but one FIFO lane per timeout length that the timer thread scans once a
     * tick; an answered attempt costs the scan one look at the head of its lane.
     */
    private final Deadlines deadlines;
    private final java.util.concurrent.atomic.AtomicBoolean scanning = new java.util.concurrent.atomic.AtomicBoolean();

    public DeliveryService(Endpoint.Directory embedded, int maxInFlight) {
        this.embedded = embedded;
        this.inFlight = new InFlightGate(maxInFlight);
        this.loopbackInFlight = new InFlightGate(inFlightBound(maxInFlight, "127.0.0.1"));
        this.deadlines = new Deadlines(4 * maxInFlight);
    }

    /** The deadline scan, once a tick from the first push on (the wheel thread ticks anyway once started). */
    private void startScanning() {
        if (scanning.compareAndSet(false, true)) {
            try {
                timer.newTimeout(this::scanDeadlines, TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RuntimeException stopped) {
                scanning.set(false); // closed: close() ends what is armed
            }
        }
    }

    private void scanDeadlines(io.netty.util.Timeout self) {
        try {
            deadlines.scan(System.nanoTime());
        } finally {
            if (!closed) {
                try {
                    timer.newTimeout(this::scanDeadlines, TICK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RuntimeException stopped) {
                    // closing
                }
            }
        }
    }

    /** Attempts armed for their timeout, answered ones the scan has not dropped yet included (tests). */
    int armedDeadlines() {
        return deadlines.armed();
    }

    /** The embedded gateways' endpoints this service was built with (null when it serves Apple's hosts only). */
    public Endpoint.Directory embeddedDirectory() {
        return embedded;
    }

    public int maxInFlight() {
        return inFlight.max();
    }

    /** The bound on pushes in flight to {@code host} for a service built with {@code maxInFlight}. */
    public static int inFlightBound(int maxInFlight, String host) {
        return isLoopback(host) ? Math.min(maxInFlight, LOOPBACK_MAX_IN_FLIGHT) : maxInFlight;
    }

    /** 127.0.0.0/8, ::1 or localhost, told from the text (no name lookup on the sending path). */
    static boolean isLoopback(String host) {
        return host != null && (host.startsWith("127.") || host.equals("::1") || host.equals("[::1]")
                || host.equalsIgnoreCase("localhost"));
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

    /** How long a push sent without a policy (raw push, doctor) waits for its answer; default 10 s. */
    public void setPushTimeout(Duration timeout) {
        this.pushTimeout = java.util.Objects.requireNonNull(timeout, "timeout");
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
     * What a push sent with a {@link DeliveryPolicy} reports, attempt by attempt. Called on the sending thread
     * (first attempt), on Pushy's event loop (answers) and on the timer thread (retries, timeouts); never twice for
     * one attempt, and {@link #answered} with {@code finalAttempt} true exactly once per push.
     */
    public interface AttemptListener {
        /** Attempt {@code attempt} (1, 2, ...) is about to go out, with the push's one apns-id. */
        void sending(int attempt);

        /**
         * Runs {@code send} (which puts attempt {@code attempt} on the wire) once what {@link #sending} recorded is
         * durable: a file-backed log's SENDING line is on disk, so a kill -9 cannot leave a push the gateway accepted
         * without a line. Must run it exactly once, soon, on any thread; the default runs it at once.
         */
        default void whenRecorded(int attempt, Runnable send) {
            send.run();
        }

        /** Attempt {@code attempt} ended; {@code finalAttempt}: it is the push's last (its outcome). */
        void answered(int attempt, PushOutcome outcome, boolean finalAttempt);
    }

    /**
     * Sends one push, once (no retry; the service's per-push timeout). Never throws: every problem ends as a FAILED
     * outcome with a plain explanation. Blocks only while {@link #maxInFlight()} pushes are already in flight.
     */
    public CompletableFuture<PushOutcome> send(CertificateEntry entry, PushRequest request) {
        return once(listener -> send(entry, request, singleAttempt(), listener));
    }

    public CompletableFuture<PushOutcome> send(Credential credential, Endpoint endpoint, PushRequest request) {
        return once(listener -> send(credential, endpoint, request, singleAttempt(), listener));
    }

    private static CompletableFuture<PushOutcome> once(java.util.function.Consumer<AttemptListener> sender) {
        CompletableFuture<PushOutcome> result = new CompletableFuture<>();
        sender.accept(new AttemptListener() {
            @Override
            public void sending(int attempt) {
            }

            @Override
            public void answered(int attempt, PushOutcome outcome, boolean finalAttempt) {
                if (finalAttempt) {
                    result.complete(outcome);
                }
            }
        });
        return result;
    }

    private DeliveryPolicy singleAttempt() {
        return DeliveryPolicy.OFF.withPushTimeout(pushTimeout);
    }

    /**
     * Sends one push under a delivery policy: retried as the policy says, each attempt reported to the listener.
     * Never throws. Blocks only while {@link #maxInFlight()} pushes are already in flight; a push keeps its place
     * across its retries (back-pressure on the sender while APNs struggles).
     */
    public void send(CertificateEntry entry, PushRequest request, DeliveryPolicy policy, AttemptListener listener) {
        Endpoint endpoint;
        try {
            endpoint = endpointFor(entry);
        } catch (RuntimeException e) {
            safeAnswered(listener, 1, failed(request, "?", ConnectionFailure.of(FailureCause.NO_GATEWAY,
                    "for certificate ID " + entry.certificateId() + ": " + e.getMessage()), 0), true);
            return;
        }
        send(entry.credential(), endpoint, request, policy, listener);
    }

    public void send(Credential credential, Endpoint endpoint, PushRequest request, DeliveryPolicy policy,
                     AttemptListener listener) {
        boolean local = isLoopback(endpoint.host());
        try {
            if (local) { // the tighter bound first: a push waiting for it holds no place in the wider one
                loopbackInFlight.acquire();
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                if (local) {
                    loopbackInFlight.release();
                }
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            safeAnswered(listener, 1, failed(request, endpoint.label(),
                    ConnectionFailure.of(FailureCause.INTERRUPTED, ""), 0), true);
            return;
        }
        Route route = clientFor(credential, endpoint);
        // Headers Pushy 0.15.4 cannot express (newer push types, priority 1; no expiration is marked in the
        // notification itself): the frame hook writes them.
        String announced = pushTypeHeaders.announce(request, PUSHY_TYPES.get(request.pushType()) == null);
        new Push(route, endpoint, request, policy, listener, announced, local).attempt(1);
    }

    private static void safeAnswered(AttemptListener l, int attempt, PushOutcome o, boolean last) {
        try {
            l.answered(attempt, o, last);
        } catch (RuntimeException e) {
            // a broken listener must not break delivery
        }
    }

    private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<Push> CURRENT =
            java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(Push.class, "current");

    /**
     * One push and its attempts. {@code current} is the attempt in flight (0 when none): the answer and the
     * per-push timeout race for it with a compare-and-set, so an attempt ends once, and a late answer to an attempt
     * that timed out is ignored. One object, one Pushy callback and one timer entry per attempt: no stage chain.
     */
    private final class Push implements Deadlines.Attempts {
        private final Route route;
        private final Endpoint endpoint;
        private final PushRequest request;
        private final DeliveryPolicy policy;
        private final AttemptListener listener;
        private final String announced;
        private final SimpleApnsPushNotification notification;
        volatile int current;
        private long start;
        /** The apns-id as text, made once: the outcome of every attempt carries it (APNs echoes the request's). */
        private final String apnsIdText;
        /** Whether it holds a place in {@link #loopbackInFlight} too. */
        private final boolean local;

        Push(Route route, Endpoint endpoint, PushRequest request, DeliveryPolicy policy, AttemptListener listener,
             String announced, boolean local) {
            this.local = local;
            this.route = route;
            this.endpoint = endpoint;
            this.request = request;
            this.policy = policy;
            this.listener = listener;
            this.announced = announced;
            this.notification = notification(request);
            this.apnsIdText = request.apnsIdText();
        }

        void attempt(int n) {
            if (closed && n > 1) {
                conclude(n, failed(request, endpoint.label(), ConnectionFailure.of(FailureCause.INTERRUPTED,
                        "PushFlow stopped before this retry was sent"), 0), true);
                return;
            }
            try {
                listener.sending(n);
            } catch (RuntimeException e) {
                // a broken listener must not break delivery
            }
            try {
                listener.whenRecorded(n, () -> go(n));
            } catch (RuntimeException e) {
                go(n); // a broken listener must not break delivery
            }
        }

        /** Puts attempt {@code n} on the wire (its SENDING line is on disk by now, when there is a file). */
        private void go(int n) {
            if (closed) {
                conclude(n, failed(request, endpoint.label(), ConnectionFailure.of(FailureCause.INTERRUPTED,
                        "PushFlow stopped before this push was sent"), 0), true);
                return;
            }
            current = n;
            start = System.nanoTime();
            CompletableFuture<ApnsClient> client = route.client();
            ApnsClient ready = client.isDone() && !client.isCompletedExceptionally() ? client.getNow(null) : null;
            if (ready != null) {
                sendOn(ready, n);
            } else {
                client.whenComplete((c, buildFailure) -> {
                    if (buildFailure != null) {
                        ended(n, null, buildFailure);
                    } else {
                        sendOn(c, n);
                    }
                });
            }
        }

        private void sendOn(ApnsClient c, int n) {
            try {
                deadlines.arm(this, n, start, policy.pushTimeout().toNanos());
                startScanning();
                c.sendNotification(notification).whenComplete((response, t) -> ended(n, response, t));
            } catch (RuntimeException e) {
                ended(n, null, e);
            }
        }

        private void ended(int n, PushNotificationResponse<SimpleApnsPushNotification> response, Throwable t) {
            if (!CURRENT.compareAndSet(this, n, 0)) {
                return; // this attempt timed out already: its answer came too late
            }
            PushOutcome o;
            try {
                if (response != null) {
                    o = outcome(response, endpoint, start, request.apnsId(), apnsIdText);
                    if (o.statusCode() == 503 && "Shutdown".equals(o.reason())) {
                        route.tracker().shuttingDown();
                    }
                } else {
                    o = failure(t, route.tracker(), endpoint, request, start);
                }
            } catch (RuntimeException e) {
                o = failed(request, endpoint.label(), ConnectionFailure.of(e), micros(start));
            }
            conclude(n, o, false);
        }

        @Override
        public boolean isOver(int n) {
            return current != n;
        }

        @Override
        public void timedOut(int n) {
            if (!CURRENT.compareAndSet(this, n, 0)) {
                return;
            }
            ConnectionFailure why;
            if (closed) {
                why = ConnectionFailure.of(FailureCause.INTERRUPTED, "PushFlow stopped before APNs answered");
            } else if (route.tracker().status.state() == ConnectionStatus.State.CONNECTED
                    || route.tracker().status.state() == ConnectionStatus.State.CLOSING) {
                why = ConnectionFailure.noAnswer(policy.pushTimeout());
            } else {
                why = ConnectionFailure.of(FailureCause.CONNECT_TIMEOUT, endpoint.label()
                        + " did not complete the connection in " + ConnectionFailure.seconds(policy.pushTimeout()));
                route.tracker().pushFailed(why);
            }
            conclude(n, failed(request, endpoint.label(), why, micros(start)), false);
        }

        private void conclude(int n, PushOutcome o, boolean forceFinal) {
            if (!forceFinal && !closed && policy.retries() && o.status() != DeliveryStatus.ACCEPTED) {
                try {
                    if (retry(n, o)) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // cannot schedule the retry (the timer stopped): this attempt is the last
                }
            }
            finish(n, o);
        }

        /** Schedules the next attempt when the policy says so; false when this outcome is the push's last. */
        private boolean retry(int n, PushOutcome o) {
            {
                RetryDecision d = RetryDecision.decide(policy, n, o, Instant.now(), request.expiration(),
                        java.util.concurrent.ThreadLocalRandom.current());
                if (d.retry()) {
                    safeAnswered(listener, n, o, false);
                    try {
                        timer.newTimeout(t -> attempt(n + 1), Math.max(1, d.delay().toMillis()),
                                TimeUnit.MILLISECONDS);
                    } catch (RuntimeException stopped) {
                        finish(n + 1, failed(request, endpoint.label(), ConnectionFailure.of(FailureCause.INTERRUPTED,
                                "PushFlow stopped before this retry was sent"), 0));
                    }
                    return true;
                }
                if (d.why() != null && o.status() == DeliveryStatus.FAILED) {
                    finish(n, new PushOutcome(o.status(), o.statusCode(), o.apnsId(), o.apnsUniqueId(), o.reason(),
                            o.invalidationTimestamp(), o.latencyMicros(), o.gateway(), o.failure() + "; " + d.why(),
                            o.cause()));
                    return true;
                }
                return false;
            }
        }

        private void finish(int n, PushOutcome o) {
            if (local) {
                loopbackInFlight.release();
            }
            inFlight.release();
            if (announced != null) {
                pushTypeHeaders.forget(announced);
            }
            safeAnswered(listener, n, o, true);
        }
    }

    /** A push that got no answer: the cause in words, also the connection's state when none is up. */
    private PushOutcome failure(Throwable t, Tracker tracker, Endpoint endpoint, PushRequest request, long start) {
        ConnectionFailure why = ConnectionFailure.of(t);
        if ((why.cause() == FailureCause.REFUSED || why.cause() == FailureCause.CONNECT_TIMEOUT)
                && proxy.kind() != ProxySettings.Kind.NONE && !isEmbedded(endpoint.host(), endpoint.port())) {
            // Through a proxy, the connection that failed is the one to the proxy.
            why = ConnectionFailure.of(FailureCause.PROXY, "cannot reach " + proxy.resolveFor(endpoint.host()) + ": "
                    + why.sentence() + " (is the proxy running, and is its address right?)");
        }
        tracker.pushFailed(why);
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
        // No expiration at all: a marker that PushTypeHeaders takes out of the request (Pushy would write 0)
        return new SimpleApnsPushNotification(r.token(), r.topic(), r.payload(),
                r.expiration() == null ? PushTypeHeaders.NO_EXPIRATION : r.expiration(), priority, type,
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
                                       Endpoint endpoint, long start, java.util.UUID sentId, String sentIdText) {
        java.util.UUID answered = response.getApnsId();
        String apnsId = answered == null ? null : answered.equals(sentId) ? sentIdText : answered.toString();
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

    private static PushOutcome failed(PushRequest request, String gateway, ConnectionFailure why, long latency) {
        return new PushOutcome(DeliveryStatus.FAILED, 0, request.apnsId() == null ? null : request.apnsId().toString(),
                null, null, null, latency, gateway, why.sentence(), why.cause());
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

    /** A credential's client to an endpoint and the tracker of its connection state. */
    private record Route(CompletableFuture<ApnsClient> client, Tracker tracker) {
    }

    private final Map<FastKey, Route> fastClients = new ConcurrentHashMap<>();

    private Route clientFor(Credential credential, Endpoint endpoint) {
        FastKey fast = new FastKey(credential, endpoint);
        Route known = fastClients.get(fast);
        if (known != null && !known.client().isCompletedExceptionally()) {
            return known;
        }
        Route route = clientByContent(credential, endpoint);
        if (fastClients.size() > 256) {
            fastClients.clear(); // many short-lived credential objects (reloads): start the cache afresh
        }
        fastClients.put(fast, route);
        return route;
    }

    private Route clientByContent(Credential credential, Endpoint endpoint) {
        ClientKey key = ClientKey.of(credential, endpoint);
        Tracker tracker = trackers.computeIfAbsent(key, k -> new Tracker(credential.label(), endpoint.label()));
        CompletableFuture<ApnsClient> existing = clients.get(key);
        if (existing != null && !existing.isCompletedExceptionally()) {
            return new Route(existing, tracker);
        }
        CompletableFuture<ApnsClient> built = new CompletableFuture<>();
        try {
            built.complete(build(credential, endpoint, tracker));
        } catch (CredentialException | IOException | RuntimeException e) {
            built.completeExceptionally(e);
        }
        // A failed build is not cached for good: the next push tries again (the user may have fixed the file).
        clients.put(key, built);
        return new Route(built, tracker);
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

    /** Turns a failed future into a sentence: DNS, refused connection, TLS, credential (see ConnectionFailure). */
    static String explainFailure(Throwable t) {
        return ConnectionFailure.of(t).sentence();
    }

    /**
     * Stops: answers still coming are waited for a moment; then every push still waiting ends as a final record
     * (an attempt in flight: "stopped before APNs answered"; a retry waiting for its turn: "stopped before this
     * retry"), so every push the service took ends with exactly one final outcome, and only then the clients close.
     * In that order a push on a stalled stream has its outcome at once: closing a connection whose streams never
     * end waits for Netty's graceful shutdown, which took the app's whole five seconds at exit before.
     */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (inFlight.inFlight() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        for (io.netty.util.Timeout left : timer.stop()) {
            try {
                left.task().run(left); // a waiting retry (or the deadline scan): each ends its push (closed is set)
            } catch (Exception ignored) {
                // a push that cannot end here was ended already
            }
        }
        for (Deadlines.Entry left : deadlines.drain()) {
            try {
                left.timedOut(); // an attempt still waiting for its answer ends as stopped (closed is set)
            } catch (Exception ignored) {
                // ended already
            }
        }
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
            // Every push has its outcome by now: this wait is only a courtesy to the gateway. A connection with
            // stalled streams never finishes Pushy's graceful close (measured: the whole wait, 10 s before).
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing is best effort; the event loop shutdown below ends what is left
        }
        eventLoopGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
