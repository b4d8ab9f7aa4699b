package dev.pushflow.ui;

import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import dev.pushflow.ui.shell.MainViewModel.Panel;
import dev.pushflow.ui.testsupport.AppFixture;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start with no warnings: every panel shown in the light and the dark theme, with a tooltip and the theme switched
 * by its shortcut, and JavaFX's CSS engine says nothing (no value of the wrong type for a property, no looked-up
 * colour that does not resolve, no stylesheet it cannot parse).
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class NoCssWarningsTest extends FxRobot {
    private PushFlowApp app;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final Logger css = Logger.getLogger("javafx.css");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private PrintStream realErr;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        css.addHandler(handler);
        realErr = System.err;
        // What the CSS engine prints by another route lands on stderr: kept (and still shown) to look through.
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                realErr.write(b);
                synchronized (err) {
                    err.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                realErr.write(b, off, len);
                synchronized (err) {
                    err.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
        app = AppFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        css.removeHandler(handler);
        System.setErr(realErr);
        if (app != null) {
            if (app.viewModel().darkProperty().get()) {
                interact(app.viewModel()::toggleTheme); // the next test opens in the light theme
            }
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    private String stderr() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void every_panel_in_both_themes_is_styled_without_a_css_warning() throws Exception {
        PushFlowEngine e = app.engine();
        // Something in every list: a delivered push, a push for a logged-out user, a rejected token.
        e.login(DefaultWorkspace.DEBUG_PHONE, "alice");
        e.setAppState(DefaultWorkspace.DEBUG_PHONE, AppState.BACKGROUND);
        e.send(ImMessage.text("bob", "alice", "hello"));
        e.send(ImMessage.text("bob", "carol", "hello"));
        for (int round = 0; round < 2; round++) {
            boolean dark = app.viewModel().darkProperty().get();
            for (Panel p : Panel.values()) {
                String nav = "#nav-" + p.name().toLowerCase(Locale.ROOT);
                clickOn(nav);
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.viewModel().panelProperty().get() == p);
                WaitForAsyncUtils.waitForFxEvents();
                interact(() -> {
                    app.scene().getRoot().applyCss();
                    app.scene().getRoot().layout();
                    app.scene().snapshot(null);
                });
                showATooltip();
                openEveryPopupAndMarkEveryField();
            }
            // The theme's shortcut, as a user switches it.
            press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.D)
                    .release(javafx.scene.input.KeyCode.D, javafx.scene.input.KeyCode.SHIFT,
                            javafx.scene.input.KeyCode.CONTROL);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.viewModel().darkProperty().get() != dark);
            WaitForAsyncUtils.waitForFxEvents();
        }
        String printed = stderr();
        List<String> lines = printed.lines().filter(l -> l.contains("javafx.css") || l.contains("CSS")
                || l.contains("ClassCastException") || l.contains("Could not resolve")
                || l.contains("while converting value")).toList();
        // (Not "Unsupported JavaFX configuration": the test JVM has JavaFX on the class path; scripts/pushflow and the
        // packaged app put it on the module path.)
        assertEquals(List.of(), warnings, "the CSS engine's warnings");
        assertTrue(lines.isEmpty(), "printed on stderr: " + lines);
    }

    /**
     * The panel's drop-downs opened (a popup's first styling is where AtlantaFX and modena have clashed) and its text
     * fields given bad input, so that the validation marks of ControlsFX and the error lines show, then put back.
     */
    private void openEveryPopupAndMarkEveryField() throws Exception {
        for (Node n : lookup(n -> n instanceof javafx.scene.control.ComboBoxBase<?> || n instanceof javafx.scene.control.ChoiceBox<?>)
                .queryAll()) {
            if (!Ui.isShown(n) || n.getScene() != app.scene() || ((javafx.scene.control.Control) n).isDisabled()) {
                continue;
            }
            interact(() -> {
                if (n instanceof javafx.scene.control.ComboBoxBase<?> c) {
                    c.show();
                } else if (n instanceof javafx.scene.control.ChoiceBox<?> c) {
                    c.show();
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
            interact(() -> {
                if (n instanceof javafx.scene.control.ComboBoxBase<?> c) {
                    c.hide();
                } else if (n instanceof javafx.scene.control.ChoiceBox<?> c) {
                    c.hide();
                }
            });
        }
        for (Node n : lookup(n -> n instanceof javafx.scene.control.TextField).queryAll()) {
            javafx.scene.control.TextField f = (javafx.scene.control.TextField) n;
            if (!Ui.isShown(f) || !f.isEditable() || f.isDisabled() || f.getScene() != app.scene()
                    || f.textProperty().isBound()) {
                continue;
            }
            String was = f.getText();
            interact(() -> f.setText("not valid !"));
            WaitForAsyncUtils.waitForFxEvents();
            interact(() -> {
                app.scene().getRoot().applyCss();
                app.scene().snapshot(null);
                f.setText(was);
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A tooltip shown on the current panel (its own popup scene is styled too). */
    private void showATooltip() throws Exception {
        Node withTip = lookup(n -> n instanceof Control c && c.getTooltip() != null && Ui.isShown(c)
                && c.getScene() == app.scene()).tryQuery().orElse(null);
        if (withTip == null) {
            return;
        }
        Tooltip tip = ((Control) withTip).getTooltip();
        interact(() -> {
            var b = withTip.localToScreen(withTip.getLayoutBounds());
            if (b != null) {
                tip.show(withTip, b.getMinX(), b.getMaxY());
                tip.getScene().getRoot().applyCss();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        interact(tip::hide);
    }
}
