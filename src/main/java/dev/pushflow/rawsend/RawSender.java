package dev.pushflow.rawsend;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.Credential;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.delivery.PushOutcome;
import dev.pushflow.delivery.PushRequest;
import dev.pushflow.gateway.EmbeddedGateway;
import dev.pushflow.gateway.EmbeddedGateways;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends raw pushes through a {@link DeliveryService}, so the Pushy client of a credential and gateway is built once
 * and reused across sends (and shared with the engine when it is the engine's service). One result per token.
 * Results complete on Netty threads: callers with a UI hop to their own thread.
 */
public final class RawSender {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final DeliveryService delivery;
    private final Endpoint.Directory embedded;
    private final Consumer<DeliveryRecord> recorder;
    private final String source;

    /** @param embedded the embedded gateways' endpoints; null when only Apple's hosts are used */
    public RawSender(DeliveryService delivery, Endpoint.Directory embedded) {
        this(delivery, embedded, null, null);
    }

    private RawSender(DeliveryService delivery, Endpoint.Directory embedded, Consumer<DeliveryRecord> recorder,
                      String source) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.embedded = embedded;
        this.recorder = recorder;
        this.source = source;
    }

    /**
     * The same sender, and every answer (or failure) also becomes a delivery record handed to {@code log} with
     * {@code source} ({@link DeliveryRecord#SOURCE_RAW_PUSH}, {@link DeliveryRecord#SOURCE_DOCTOR}): every push
     * attempt is in the delivery log, whatever sent it.
     */
    public RawSender recordingTo(Consumer<DeliveryRecord> log, String source) {
        return new RawSender(delivery, embedded, Objects.requireNonNull(log, "log"), Objects.requireNonNull(source));
    }

    /** Endpoints of running embedded gateways, with their CA trusted (nothing else differs from Apple's hosts). */
    public static Endpoint.Directory directory(EmbeddedGateways gateways) {
        Map<ApnsEnvironment, Endpoint> endpoints = new EnumMap<>(ApnsEnvironment.class);
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            EmbeddedGateway g = gateways.get(env);
            endpoints.put(env, new Endpoint(g.host(), g.port(), gateways.trustedServerCaPem(),
                    "embedded " + env.wireName() + " " + g.host() + ":" + g.port()));
        }
        return endpoints::get;
    }

    /** Host, port and trust of a target; Apple's hosts use the JVM's trust store. */
    public Endpoint endpoint(RawTarget target) {
        if (target.gateway() == GatewayTarget.EMBEDDED) {
            if (embedded == null) {
                throw new IllegalStateException("the embedded gateways are not running: choose Apple's hosts");
            }
            return embedded.embedded(target.environment());
        }
        String host = target.environment().appleHost();
        return new Endpoint(host, target.applePort(), null, host + ":" + target.applePort());
    }

    /**
     * The live connection state of a credential to a target, from Pushy's connection events (CONNECTING before
     * the first push). Shared with the engine: the same credential and gateway is the same client.
     */
    public ConnectionState connectionState(Credential credential, RawTarget target) {
        return ConnectionState.of(delivery.connection(credential, endpoint(target)));
    }

    /**
     * Checks the push, then sends it to every token. Throws {@link InvalidRawPushException} (before anything is
     * sent) when the push is not sendable; otherwise never fails: problems on the way end in the results.
     */
    public CompletableFuture<List<RawResult>> sendAsync(RawPush push) {
        RawPush.Checked checked = push.prepare();
        Endpoint endpoint = endpoint(push.target());
        List<CompletableFuture<RawResult>> each = new ArrayList<>();
        for (RawPush.CleanToken token : checked.tokens()) {
            PushRequest request = new PushRequest(token.hex(), checked.topic(), push.pushType(), push.payload(),
                    push.priority(), push.expiration(), push.collapseId(), push.apnsId());
            Instant sentAt = Instant.now();
            each.add(delivery.send(push.credential(), endpoint, request).thenApply(o -> {
                record(push, request, o, sentAt);
                return result(token, o);
            }));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    }

    /** {@link #sendAsync} and wait; tokens without an answer in time get a "no answer" result. */
    public List<RawResult> send(RawPush push, Duration timeout) {
        RawPush.Checked checked = push.check();
        CompletableFuture<List<RawResult>> all = sendAsync(push);
        try {
            return all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered(checked, push, "interrupted while waiting for APNs");
        } catch (TimeoutException e) {
            return unanswered(checked, push, "no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return unanswered(checked, push, String.valueOf(e.getCause()));
        }
    }

    private List<RawResult> unanswered(RawPush.Checked checked, RawPush push, String why) {
        String gateway = endpoint(push.target()).label();
        return checked.tokens().stream().map(t -> new RawResult(t.hex(), t.notes(), 0, null, null, null, null, why,
                ConnectionState.failed(dev.pushflow.delivery.FailureCause.NO_ANSWER, why), gateway, 0)).toList();
    }

    private void record(RawPush push, PushRequest r, PushOutcome o, Instant sentAt) {
        if (recorder == null) {
            return;
        }
        recorder.accept(new DeliveryRecord(0, sentAt, null, null, null, null, 0, push.target().environment(),
                o.gateway(), r.topic(), r.pushType().headerValue(), r.priority() == null ? 10 : r.priority(),
                r.token(), o.apnsId(), o.apnsUniqueId(), o.status(), o.statusCode(), o.reason(), o.failure(),
                o.invalidationTimestamp(), o.latencyMicros(), r.payload(), source, 1, true, null));
    }

    private static RawResult result(RawPush.CleanToken token, PushOutcome o) {
        if (o.status() == DeliveryStatus.FAILED) {
            return new RawResult(token.hex(), token.notes(), 0, null, null, null, null, o.failure(),
                    ConnectionState.failed(o.cause(), o.failure()), o.gateway(), o.latencyMicros());
        }
        return new RawResult(token.hex(), token.notes(), o.statusCode(), o.apnsId(), o.apnsUniqueId(), o.reason(),
                o.invalidationTimestamp(), null, ConnectionState.CONNECTED, o.gateway(), o.latencyMicros());
    }
}
