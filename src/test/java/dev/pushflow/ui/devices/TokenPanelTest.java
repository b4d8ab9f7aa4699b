package dev.pushflow.ui.devices;

import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.TokenRegistration;
import dev.pushflow.engine.TokenState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Devices panel, driven headlessly: a token that never came, shown, and a remedy clicked. */
class TokenPanelTest extends WindowTestBase {
    @SuppressWarnings("unchecked")
    private TableView<DeviceSnapshot> table() {
        return lookup("#device-table").queryAs(TableView.class);
    }

    /** The table's Token column for a device, as shown. */
    private String tokenCell(String deviceId) {
        TableView<DeviceSnapshot> t = table();
        var column = t.getColumns().stream().filter(c -> c.getText().equals("Token")).findFirst().orElseThrow();
        DeviceSnapshot row = t.getItems().stream().filter(d -> d.deviceId().equals(deviceId)).findFirst().orElseThrow();
        return String.valueOf(column.getCellData(row));
    }

    @Test
    void a_device_added_with_a_failing_token_request_shows_the_error_and_cellular_brings_the_token() throws Exception {
        clickOn("#nav-devices");
        waitUntil(() -> lookup("#token-card").tryQuery().isPresent());
        clickOn("#new-device-id").write("dev3");
        @SuppressWarnings("unchecked")
        ComboBox<TokenRegistration> registration = lookup("#new-token-registration").queryAs(ComboBox.class);
        interact(() -> registration.setValue(TokenRegistration.FAILS));
        clickOn("#add-device-button");
        waitUntil(() -> engine.devices().stream().anyMatch(d -> d.deviceId().equals("dev3")));
        assertEquals(TokenState.FAILED, engine.tokenStatus("dev3").state());

        interact(() -> table().getSelectionModel().select(
                table().getItems().stream().filter(d -> d.deviceId().equals("dev3")).findFirst().orElseThrow()));
        waitUntil(() -> text("#token-state").startsWith("Token failed: Error Domain="));
        assertEquals("failed", tokenCell("dev3"));
        assertEquals("registered", tokenCell("iphone-debug"));
        assertTrue(text("#token-state").contains("(didFailToRegisterForRemoteNotificationsWithError)"),
                text("#token-state"));
        assertTrue(lookup("#token-state").query().getStyleClass().contains("warning-text"));

        clickOn("#network-cellular");
        waitUntil(() -> engine.tokenStatus("dev3").hasToken());
        waitUntil(() -> text("#token-state").startsWith("Token registered"));
        assertTrue(text("#token-state").contains("Cellular (4G) · 2 requests"), text("#token-state"));
        assertEquals("registered", tokenCell("dev3"));
        assertTrue(!lookup("#token-state").query().getStyleClass().contains("warning-text"));
    }

    @Test
    void retry_registration_on_an_unanswered_request_and_a_bad_flaky_chance_is_refused() throws Exception {
        engine.addDevice("dev4", "Dev 4", BuildConfiguration.DEBUG, TokenRegistration.NO_ANSWER);
        clickOn("#nav-devices");
        waitUntil(() -> lookup("#token-card").tryQuery().isPresent());
        interact(() -> table().getSelectionModel().select(
                table().getItems().stream().filter(d -> d.deviceId().equals("dev4")).findFirst().orElseThrow()));
        waitUntil(() -> text("#token-state").startsWith("No token yet"));
        assertEquals("none yet", tokenCell("dev4"));

        clickOn("#nav-phones");
        waitUntil(() -> lookup(".phone-state-note").queryAll().stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t != null && t.startsWith("No device token (none yet): no offline push")));
        clickOn("#nav-devices");
        waitUntil(() -> lookup("#remedy-retry").tryQuery().isPresent());

        clickOn("#remedy-retry");
        waitUntil(() -> engine.tokenStatus("dev4").hasToken());
        waitUntil(() -> tokenCell("dev4").equals("registered"));

        interact(() -> lookup("#flaky-percent").queryAs(TextField.class).setText("150"));
        clickOn("#flaky-apply");
        waitUntil(() -> lookup(".status-line").queryAll().stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t.startsWith("The failure chance is a percentage from 0 to 100")));
        assertTrue(engine.flakyRegistration().isOff());
    }
}
