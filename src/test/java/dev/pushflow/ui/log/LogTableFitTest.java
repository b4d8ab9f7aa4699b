package dev.pushflow.ui.log;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import dev.pushflow.ui.PushFlowApp;
import dev.pushflow.ui.testsupport.AppFixture;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery log fits the window: no scrolling sideways at 1280x720 or at the 1024x600 minimum, every header whole. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LogTableFitTest extends FxRobot {
    private PushFlowApp app;

    @BeforeEach
    void start() throws Exception {
        app = AppFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        // TestFX keeps one primary stage for the whole run: give the next test the size the window opens at
        Stage stage = (Stage) app.scene().getWindow();
        interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void resize(double w, double h) throws Exception {
        Stage stage = (Stage) app.scene().getWindow();
        interact(() -> {
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setWidth(w);
            stage.setHeight(h);
        });
        waitUntil(() -> Math.abs(app.scene().getWidth() - w) < 1 && app.scene().getHeight() <= h);
    }

    @Test
    void at_1280x720_and_1024x600_the_log_fits_without_scrolling_sideways_and_every_header_is_whole() throws Exception {
        PushFlowEngine e = app.engine();
        e.login(DefaultWorkspace.DEBUG_PHONE, "alice");
        e.setAppState(DefaultWorkspace.DEBUG_PHONE, AppState.BACKGROUND);
        // More rows than the table shows at 720 px, so its vertical scroll bar takes its share of the width too.
        for (int i = 0; i < 16; i++) {
            e.send(ImMessage.text("bob", "alice", "message " + i));
        }
        clickOn("#nav-log");
        waitUntil(() -> lookup("#log-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<DeliveryRecord> table = lookup("#log-table").queryAs(TableView.class);
        // Every record the engine logged is in the table (a loaded machine takes its time: a long bound, no sleeps).
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> e.log().snapshot().size() >= 16
                && table.getItems().size() == e.log().snapshot().size());
        for (double[] size : new double[][]{{1280, 720}, {1024, 600}}) {
            resize(size[0], size[1]);
            waitUntil(() -> table.getWidth() < size[0] - 150);
            String at = " at " + (int) size[0] + "x" + (int) size[1];
            double sum = 0;
            List<String> shown = new ArrayList<>();
            StringBuilder widths = new StringBuilder();
            for (TableColumn<DeliveryRecord, ?> c : table.getVisibleLeafColumns()) {
                sum += c.getWidth();
                shown.add(c.getText());
                widths.append(c.getText()).append('=').append(Math.round(c.getWidth())).append('/').append(Math.round(c.getMinWidth())).append(' ');
            }
            assertTrue(sum <= table.getWidth() + 0.5, "columns " + sum + " px in a " + table.getWidth() + " px table" + at + ": " + widths);
            assertTrue(shown.containsAll(List.of("Time", "Device", "User", "Cert. ID", "Status", "After 200", "Reason",
                    "Source", "Latency (ms)")), shown + at);
            for (Node n : table.lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL) {
                    assertFalse(bar.isVisible(), "the log scrolls sideways" + at);
                }
            }
            int headers = 0;
            for (Node n : table.lookupAll(".column-header .label")) {
                if (n instanceof Label l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()
                        && l.lookup(".text") instanceof Text shownText) {
                    assertEquals(l.getText(), shownText.getText(), "the header is shown whole" + at + ": " + widths
                            + "in " + table.getWidth());
                    headers++;
                }
            }
            assertTrue(headers >= shown.size(), headers + " headers checked of " + shown + at);
        }
    }

    @Test
    void the_hidden_columns_are_in_the_column_menu_and_a_cut_cell_has_its_whole_text_as_tooltip() throws Exception {
        clickOn("#nav-log");
        waitUntil(() -> lookup("#log-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<DeliveryRecord> table = lookup("#log-table").queryAs(TableView.class);
        assertTrue(table.isTableMenuButtonVisible());
        List<String> hidden = table.getColumns().stream().filter(c -> !c.isVisible()).map(TableColumn::getText).toList();
        assertEquals(List.of("Message", "apns-id", "apns-unique-id"), hidden);
        PushFlowEngine e = app.engine();
        e.send(ImMessage.text("bob", "carol", "hello"));
        waitUntil(() -> !table.getItems().isEmpty());
        waitUntil(() -> lookup("#log-table .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && c.getText() != null && !c.getText().isEmpty() && c.getTooltip() != null
                && c.getText().equals(c.getTooltip().getText())).tryQuery().isPresent());
    }
}
