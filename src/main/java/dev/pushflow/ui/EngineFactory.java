package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.DeviceTokenAuthority;
import dev.pushflow.engine.PushFlowEngine;

import java.nio.file.Path;

/** Starts the engine the window drives. Runs off the UI thread; may take a second (gateways, TLS). */
@FunctionalInterface
public interface EngineFactory {

    PushFlowEngine start(Path configDir) throws Exception;

    /**
     * The embedded gateways through {@code dev.pushflow.engine.Engines.startEmbedded(DeliveryLog)} with the
     * log file in the config folder; the default workspace on first launch. Looked up by name while the
     * gateways are being merged; without them the engine runs, and pushes fail with a plain reason.
     */
    EngineFactory DEFAULT = configDir -> {
        DeliveryLog log = DeliveryLog.open(ConfigDir.deliveryLog(configDir));
        PushFlowEngine engine;
        try {
            Class<?> engines = Class.forName("dev.pushflow.engine.Engines");
            engine = (PushFlowEngine) engines.getMethod("startEmbedded", DeliveryLog.class).invoke(null, log);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            engine = new PushFlowEngine(new DeliveryService(env -> {
                throw new IllegalStateException("this build has no embedded " + env.appleName() + " gateway");
            }, 100), log, DeviceTokenAuthority.NONE, null);
        }
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
