package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;

import java.nio.file.Path;

/** Starts the engine the window drives. Runs off the UI thread; may take a second (gateways, TLS). */
@FunctionalInterface
public interface EngineFactory {

    PushFlowEngine start(Path configDir) throws Exception;

    /**
     * The embedded gateways ({@link Engines#startEmbedded(DeliveryLog)}) with the delivery log file in the config
     * folder; the workspace saved at the last exit, else the default workspace on first launch.
     */
    EngineFactory DEFAULT = configDir -> {
        PushFlowEngine engine = Engines.startEmbedded(DeliveryLog.open(ConfigDir.deliveryLog(configDir)));
        WorkspaceStore.openOrDefault(engine, configDir);
        return engine;
    };

    /** Applies the default workspace when the engine starts empty. */
    static void ensureWorkspace(PushFlowEngine engine) {
        if (engine.devices().isEmpty() && engine.users().isEmpty()) {
            DefaultWorkspace.apply(engine);
        }
    }
}
