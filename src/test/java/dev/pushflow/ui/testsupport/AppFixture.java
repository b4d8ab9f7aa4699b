package dev.pushflow.ui.testsupport;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.EngineFactory;
import dev.pushflow.ui.PushFlowApp;
import javafx.application.Application;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts the real window on a fresh engine with gateways on 127.0.0.1 and the default workspace, in a
 * throwaway config folder. Every wait has a timeout.
 */
public final class AppFixture {
    private AppFixture() {
    }

    /** The engine used by GUI tests: Engines.startEmbedded when it is on main, else the interim gateways. */
    public static final EngineFactory TEST_ENGINE = configDir -> {
        PushFlowEngine engine;
        try {
            Class<?> engines = Class.forName("dev.pushflow.engine.Engines");
            engine = (PushFlowEngine) engines.getMethod("startEmbedded", DeliveryLog.class).invoke(null, DeliveryLog.inMemory());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            engine = InterimGateways.startEngine(DeliveryLog.inMemory());
        }
        if (engine.devices().isEmpty()) {
            DefaultWorkspace.apply(engine);
        }
        return engine;
    };

    public static PushFlowApp start() throws Exception {
        Path config = Files.createTempDirectory("pushflow-gui-test");
        FxToolkit.registerPrimaryStage();
        Application app = FxToolkit.setupApplication(() -> new PushFlowApp(TEST_ENGINE, config));
        PushFlowApp pf = (PushFlowApp) app;
        pf.ready().get(30, TimeUnit.SECONDS);
        return pf;
    }
}
