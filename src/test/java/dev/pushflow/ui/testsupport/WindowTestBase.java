package dev.pushflow.ui.testsupport;

import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.PushFlowApp;
import dev.pushflow.ui.Ui;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The base of a test that drives the real window headlessly (TestFX + Monocle). Before each test it starts
 * {@link PushFlowApp} on a fresh engine (embedded gateways on 127.0.0.1, the default workspace) in a throwaway config
 * folder and waits for {@code ready()}; after each it gives TestFX's shared primary stage back at 1280x800 (the size the
 * window opens at: the next test must not inherit a resized window) and closes the app and its engine.
 *
 * <p>Every wait has a timeout: the class-level {@code @Timeout} (inherited; a subclass may declare its own) bounds a
 * test, {@link #waitUntil} bounds one wait ({@link #waitTimeout()}, overridable). Conditions are polled with
 * Awaitility, exceptions while the node is not there yet count as "not yet" (as TestFX's own waitFor).</p>
 *
 * <pre>{@code
 * class MyPanelTest extends WindowTestBase {
 *     @Test
 *     void the_panel_shows_its_title() throws Exception {
 *         clickOn("#nav-my_panel");
 *         waitUntil(() -> lookup("#my-title").tryQuery().isPresent());
 *         assertEquals("Mine", text("#my-title"));
 *     }
 * }
 * }</pre>
 *
 * A test that prepares the config folder first overrides {@link #startsWindowBeforeEach()} to return false and calls
 * {@link #startWindow(Path)} itself.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class WindowTestBase extends FxRobot {
    /** The size the window opens at on Monocle's 1280x800 headless screen. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    protected PushFlowApp app;
    protected PushFlowEngine engine;

    /** False: the test starts the window itself with {@link #startWindow(Path)} (a prepared config folder). */
    protected boolean startsWindowBeforeEach() {
        return true;
    }

    /** How long one {@link #waitUntil} waits before the test fails. */
    protected Duration waitTimeout() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    final void startWindowBeforeEach() throws Exception {
        if (startsWindowBeforeEach()) {
            app = AppFixture.start();
            engine = app.engine();
        }
    }

    /** Starts the window on a config folder the test prepared (a saved workspace, stored passwords ...). */
    protected PushFlowApp startWindow(Path config) throws Exception {
        app = AppFixture.start(config);
        engine = app.engine();
        return app;
    }

    @AfterEach
    final void stopWindow() throws Exception {
        if (app != null) {
            if (app.scene() != null && app.scene().getWindow() instanceof Stage stage) {
                // TestFX keeps one primary stage for the whole run: give the next test the size the window opens at
                interact(() -> {
                    stage.setWidth(WIDTH);
                    stage.setHeight(HEIGHT);
                });
            }
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    /** Waits (at most {@link #waitTimeout()}) until {@code condition} holds, then until the FX thread is idle. */
    protected void waitUntil(Callable<Boolean> condition) {
        Awaitility.await().atMost(waitTimeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .ignoreExceptions().until(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * As FxRobot's, but on a node the user can see. The window keeps the panels it built in its scene, hidden while
     * another is shown, and TestFX (on JDK 9+) looks only at a node's own visible flag: a text query could otherwise
     * click where a label of a hidden panel would be (the Doctor's phone menu item has the same text as a phone card).
     */
    @Override
    public FxRobot clickOn(String query, Motion motion, MouseButton... buttons) {
        Optional<Node> shown = lookup(query).match(Ui::isShown).tryQuery();
        return shown.isPresent() ? clickOn(shown.get(), motion, buttons) : super.clickOn(query, motion, buttons);
    }

    /** The text of the label {@code query} finds. */
    protected String text(String query) {
        return lookup(query).queryAs(Label.class).getText();
    }

    /** Opens a panel by its navigation button ({@code "devices"}, {@code "raw_push"} ...) and waits for a node of it. */
    protected void openPanel(String panel, String nodeOfIt) {
        clickOn("#nav-" + panel);
        waitUntil(() -> lookup(nodeOfIt).tryQuery().isPresent());
    }
}
