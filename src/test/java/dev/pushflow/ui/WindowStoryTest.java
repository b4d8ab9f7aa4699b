package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.doctor.DoctorRequest;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.log.DeliveryLogViewModel.SourceFilter;
import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real window: what fits on a small screen, and every push attempt in the log with what sent it. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WindowStoryTest extends WindowTestBase {
    private void resize(double w, double h) throws Exception {
        Stage stage = (Stage) app.scene().getWindow();
        interact(() -> {
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setWidth(w);
            stage.setHeight(h);
        });
        waitUntil(() -> app.scene().getHeight() <= h && app.scene().getWidth() <= w);
    }

    /** The node is laid out inside the scene: not cut off at the bottom or the right. */
    private void assertInSight(String query) {
        Node n = lookup(query).query();
        Bounds b = n.localToScene(n.getLayoutBounds());
        assertTrue(n.isVisible(), query + " is visible");
        assertTrue(b.getMaxY() <= app.scene().getHeight() + 0.5 && b.getMaxX() <= app.scene().getWidth() + 0.5,
                query + " at " + b + " is inside the " + app.scene().getWidth() + "x" + app.scene().getHeight() + " scene");
    }

    @Test
    void at_1280x720_the_status_bar_and_each_phones_controls_are_in_sight() throws Exception {
        // Monocle's headless screen is 1280x800: larger sizes are WindowSizeTest's (the window never exceeds the screen).
        for (double[] size : new double[][]{{1280, 720}}) {
            resize(size[0], size[1]);
            clickOn("#nav-phones");
            waitUntil(() -> lookup("#phone-login-" + DefaultWorkspace.DEBUG_PHONE).tryQuery().isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            assertInSight("#status-log-count");
            assertInSight("#phone-login-" + DefaultWorkspace.DEBUG_PHONE);
            assertInSight("#phone-state-" + DefaultWorkspace.RELEASE_PHONE);
        }
    }

    @Test
    void raw_pushes_and_doctor_probes_are_in_the_delivery_log_with_their_source() throws Exception {
        PushFlowEngine e = app.engine();
        String token = e.device(DefaultWorkspace.DEBUG_PHONE).token();
        // The Doctor's probe, as the panel runs it (with the user's consent): one silent push to each environment.
        app.context().doctor().diagnose(DoctorRequest.forCertificateId(token, DefaultWorkspace.DEVELOPMENT_ID,
                BuildConfiguration.DEBUG, e.appSettings(), true));
        // A raw push from the panel: the Debug phone's token, Ctrl+Enter.
        clickOn("#nav-raw_push");
        waitUntil(() -> lookup("#raw-tokens").tryQuery().isPresent());
        clickOn("#raw-tokens");
        write(token);
        waitUntil(() -> !lookup("#raw-send").queryButton().isDisabled());
        clickOn("#raw-send");
        waitUntil(() -> e.log().snapshot().stream().anyMatch(r -> r.source().equals(DeliveryRecord.SOURCE_RAW_PUSH)));
        assertTrue(e.log().snapshot().stream().filter(r -> r.source().equals(DeliveryRecord.SOURCE_DOCTOR)).count() >= 2,
                "one probe per environment: " + e.log().snapshot());

        clickOn("#nav-log");
        waitUntil(() -> lookup("#log-source-filter").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ChoiceBox<SourceFilter> source = lookup("#log-source-filter").queryAs(ChoiceBox.class);
        @SuppressWarnings("unchecked")
        TableView<DeliveryRecord> table = lookup("#log-table").queryAs(TableView.class);
        interact(() -> source.setValue(SourceFilter.RAW_PUSH));
        waitUntil(() -> table.getItems().size() == 1);
        assertEquals(200, table.getItems().getFirst().statusCode());
        interact(() -> source.setValue(SourceFilter.DOCTOR));
        waitUntil(() -> table.getItems().size() >= 2);
        assertTrue(table.getItems().stream().allMatch(r -> r.source().equals(DeliveryRecord.SOURCE_DOCTOR)));
        interact(() -> source.setValue(SourceFilter.FLOW));
        waitUntil(table.getItems()::isEmpty);
        String empty = lookup("#log-empty").queryAs(Label.class).getText();
        assertTrue(empty.startsWith("None of the ") && empty.endsWith(" records matches the filter"), empty);
    }

    @Test
    void after_send_each_device_has_its_result_and_devices_show_the_certificate_ID_the_backend_holds()
            throws Exception {
        PushFlowEngine e = app.engine();
        e.login(DefaultWorkspace.DEBUG_PHONE, "alice");
        e.setAppState(DefaultWorkspace.DEBUG_PHONE, dev.pushflow.im.AppState.BACKGROUND);
        // The macro changes after the login: the backend still holds what setAPNS reported then.
        e.setAppSettings(e.appSettings().withCertificateId(BuildConfiguration.DEBUG, DefaultWorkspace.PRODUCTION_ID));

        clickOn("#nav-devices");
        waitUntil(() -> lookup("#device-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<dev.pushflow.engine.DeviceSnapshot> devices = lookup("#device-table").queryAs(TableView.class);
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableColumn<dev.pushflow.engine.DeviceSnapshot, String> held =
                (javafx.scene.control.TableColumn<dev.pushflow.engine.DeviceSnapshot, String>) devices.getColumns()
                        .stream().filter(c -> "device-backend-id".equals(c.getId())).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableColumn<dev.pushflow.engine.DeviceSnapshot, String> macro =
                (javafx.scene.control.TableColumn<dev.pushflow.engine.DeviceSnapshot, String>) devices.getColumns()
                        .stream().filter(c -> "device-macro-id".equals(c.getId())).findFirst().orElseThrow();
        waitUntil(() -> devices.getItems().stream().anyMatch(d -> d.deviceId().equals(DefaultWorkspace.DEBUG_PHONE)
                && "31288".equals(macro.getCellData(d))));
        dev.pushflow.engine.DeviceSnapshot debug = devices.getItems().stream()
                .filter(d -> d.deviceId().equals(DefaultWorkspace.DEBUG_PHONE)).findFirst().orElseThrow();
        assertEquals("31287", held.getCellData(debug), "what setAPNS reported at the login");
        interact(() -> devices.getSelectionModel().select(debug));
        waitUntil(() -> lookup(".device-title").queryAs(Label.class).getText().equals(debug.name()));
        assertTrue(lookup(".muted").match(n -> n instanceof Label l && l.getText().contains("log in again to report the new ID"))
                .tryQuery().isPresent(), "the selected device says what to do");

        clickOn("#nav-compose");
        waitUntil(() -> lookup("#send-button").tryQuery().isPresent());
        clickOn("#send-button");
        waitUntil(() -> !lookup("#send-results").queryAs(javafx.scene.layout.VBox.class).getChildren().isEmpty());
        var lines = lookup("#send-results").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("(alice): pushed: accepted by APNs (200)")), lines.toString());
        String result = lookup("#send-result").queryAs(Label.class).getText();
        assertTrue(result.startsWith("Sent."), result);
    }
}
