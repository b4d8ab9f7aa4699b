package dev.pushflow.ui;

import dev.pushflow.ui.testsupport.AppFixture;
import javafx.application.Application;

import java.nio.file.Files;

/**
 * Prints the time from JVM start to the window being shown and to it being interactive (engine and
 * gateways up, panels built), then exits. Run headless by scripts/measure-startup on the test classpath.
 */
public final class MeasureStartup {
    private MeasureStartup() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("pushflow.measureStartup", "true");
        System.setProperty("pushflow.exitAfterStartup", "true");
        var config = Files.createTempDirectory("pushflow-startup");
        FixtureApp.factory = AppFixture.TEST_ENGINE;
        FixtureApp.config = config;
        Application.launch(FixtureApp.class, args);
        System.exit(0);
    }

    /** The real application class with the test engine factory and a throwaway config folder. */
    public static final class FixtureApp extends PushFlowApp {
        static EngineFactory factory;
        static java.nio.file.Path config;

        public FixtureApp() {
            super(factory, config);
        }
    }
}
