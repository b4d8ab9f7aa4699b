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
     * folder. The window then reopens the workspace saved at the last exit ({@link WorkspaceStore#openOrDefault}),
     * else applies the default workspace.
     */
    EngineFactory DEFAULT = configDir -> Engines.startEmbedded(DeliveryLog.open(ConfigDir.deliveryLog(configDir)));

    /** Applies the default workspace when the engine starts empty. */
    static void ensureWorkspace(PushFlowEngine engine) {
        if (engine.devices().isEmpty() && engine.users().isEmpty()) {
            DefaultWorkspace.apply(engine);
        }
    }
}
