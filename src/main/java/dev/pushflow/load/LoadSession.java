package dev.pushflow.load;

import dev.pushflow.delivery.DeliveryPolicy;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.gateway.EmbeddedGateway;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.gateway.Weather;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * A load run beside a workspace (the window's Load panel): its throw-away users, phones and groups live on an engine
 * of their own ({@link Engines#alongside}) that shares the host engine's embedded gateways and delivery log, so the
 * records are in the host's log with source {@code load} while the host's users and devices are never touched (and
 * never saved). The faults SPEC is the gateways' weather for the run only; the weather before comes back after.
 * {@link #cancel} may be called from any thread.
 */
public final class LoadSession {
    private final PushFlowEngine host;
    private final LoadOptions options;
    private final DeliveryPolicy policy;
    private final String faults;
    private volatile LoadRun run;
    private volatile boolean cancelled;

    /** @param faults APNs weather as for {@code pushflow load --faults}; null or blank for none */
    public LoadSession(PushFlowEngine host, LoadOptions options, DeliveryPolicy policy, String faults) {
        this.host = host;
        this.options = options;
        this.policy = policy;
        this.faults = faults == null || faults.isBlank() ? null : faults.strip();
        if (this.faults != null) {
            Weather.parse(this.faults); // a bad SPEC is told before anything starts
        }
        if (host.embeddedGateways().isEmpty()) {
            throw new IllegalStateException("Load runs need the embedded gateways, and this engine has none");
        }
    }

    /** Stops sending; the pushes already sent still end and are counted. */
    public void cancel() {
        cancelled = true;
        LoadRun r = run;
        if (r != null) {
            r.cancel();
        }
    }

    /**
     * Prepares the throw-away world, sends, waits for every push sent to end, and returns the summary.
     * {@code progress} gets the progress and a {@link LoadSample} about every {@code progressMillis}, on this thread.
     */
    public LoadSummary run(BiConsumer<LoadProgress, LoadSample> progress, long progressMillis) {
        EmbeddedGateways gateways = host.embeddedGateways().orElseThrow();
        Weather sandboxBefore = gateways.sandbox().weather();
        Weather productionBefore = gateways.production().weather();
        long sandboxSeed = gateways.sandbox().weatherSeed(); // put back with the weather: the same faults again
        long productionSeed = gateways.production().weatherSeed();
        try (PushFlowEngine engine = Engines.alongside(host, DeliveryService.DEFAULT_MAX_IN_FLIGHT)) {
            engine.setDeliveryPolicy(policy);
            LoadRun r = new LoadRun(engine, options);
            run = r;
            if (cancelled) {
                r.cancel();
            }
            r.prepare();
            if (faults != null) {
                gateways.sandbox().setWeather(faults, options.seed());
                gateways.production().setWeather(faults, options.seed() + 1);
            }
            Duration waitForEnd = policy.pushTimeout().plus(policy.maxBackoff()).multipliedBy(policy.maxAttempts())
                    .plusSeconds(30);
            return r.run(p -> progress.accept(p, r.sample()), progressMillis, waitForEnd);
        } finally {
            if (faults != null) {
                restore(gateways.sandbox(), sandboxBefore, sandboxSeed);
                restore(gateways.production(), productionBefore, productionSeed);
            }
        }
    }

    private static void restore(EmbeddedGateway gateway, Weather before, long seed) {
        if (before.isClear()) {
            gateway.clearWeather();
        } else {
            gateway.setWeather(before.toString(), seed);
        }
    }
}
