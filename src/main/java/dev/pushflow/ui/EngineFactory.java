package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts the engine the window drives. Runs off the UI thread; may take a second (gateways, TLS). */
@FunctionalInterface
public interface EngineFactory {

    PushFlowEngine start(Path configDir) throws Exception;

    /**
     * The embedded gateways ({@link Engines#startEmbedded(DeliveryLog)}) with the delivery log file in the config
     * folder. The window then reopens the workspace saved at the last exit ({@link WorkspaceStore#openOrDefault}),
     * else applies the default workspace.
     */
    EngineFactory DEFAULT = configDir -> {
        var log = DeliveryLog.open(ConfigDir.deliveryLog(configDir));
        StartupTrace.mark("log open");
        return Engines.startEmbedded(log);
    };

    /** How long the window waits for an engine started by {@link #startingNow} (its gateways time out sooner). */
    long EARLY_START_TIMEOUT_SECONDS = 120;

    /**
     * Starts {@code factory} for {@code configDir} at once, on its own thread, and returns a factory that hands
     * that engine over: the app calls it at launch so that the engine starts while JavaFX and the window do. For
     * another folder the returned factory starts a new engine.
     */
    static EngineFactory startingNow(EngineFactory factory, Path configDir) {
        CompletableFuture<PushFlowEngine> early = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                PushFlowEngine started = factory.start(configDir);
                StartupTrace.mark("engine started (gateways up)");
                early.complete(started);
            } catch (Throwable t) {
                early.completeExceptionally(t);
            }
        }, "pushflow-engine-start");
        starter.setDaemon(true);
        starter.start();
        return dir -> {
            if (!dir.equals(configDir)) {
                return factory.start(dir);
            }
            try {
                return early.get(EARLY_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            } catch (TimeoutException e) {
                throw new IllegalStateException("the embedded gateways did not start within "
                        + EARLY_START_TIMEOUT_SECONDS + " s (is the machine overloaded?)", e);
            }
        };
    }

    /** Applies the default workspace when the engine starts empty. */
    static void ensureWorkspace(PushFlowEngine engine) {
        if (engine.devices().isEmpty() && engine.users().isEmpty()) {
            DefaultWorkspace.apply(engine);
        }
    }
}
