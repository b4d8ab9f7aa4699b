package dev.pushflow.ui.testsupport;

import dev.pushflow.engine.Engines;
import dev.pushflow.ui.EngineFactory;
import dev.pushflow.ui.PushFlowApp;
import javafx.application.Application;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts the real window on a fresh engine with the embedded gateways on 127.0.0.1 and the default workspace, in a
 * throwaway config folder. Every wait has a timeout.
 */
public final class AppFixture {
    private AppFixture() {
    }

    /** The engine used by GUI tests: the embedded gateways, an in-memory log, the default workspace. */
    public static final EngineFactory TEST_ENGINE = configDir -> Engines.startDefault();

    public static PushFlowApp start() throws Exception {
        return start(Files.createTempDirectory("pushflow-gui-test"));
    }

    /** The window on a config folder the test prepared (a saved workspace, stored passwords ...). */
    public static PushFlowApp start(Path config) throws Exception {
        FxToolkit.registerPrimaryStage();
        Application app = FxToolkit.setupApplication(() -> new PushFlowApp(TEST_ENGINE, config));
        PushFlowApp pf = (PushFlowApp) app;
        pf.ready().get(30, TimeUnit.SECONDS);
        return pf;
    }
}
