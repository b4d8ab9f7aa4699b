package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.im.AppState;
import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real window headlessly through the seed's main flows. */
class PushFlowWindowTest extends WindowTestBase {
    @SuppressWarnings("unchecked")
    private void choose(String comboId, String value) {
        ComboBox<String> combo = lookup(comboId).queryAs(ComboBox.class);
        interact(() -> combo.setValue(value));
    }

    /** Devices panel: log alice in on the Debug phone and background the app, by clicking. */
    private void loginAliceOnDebugAndBackground() throws Exception {
        clickOn("#nav-devices");
        waitUntil(() -> lookup("#login-button").tryQuery().isPresent());
        choose("#login-user", "alice");
        clickOn("#login-button");
        waitUntil(() -> "alice".equals(engine.device(DefaultWorkspace.DEBUG_PHONE).loggedInUser()));
        clickOn("#state-background");
        waitUntil(() -> engine.device(DefaultWorkspace.DEBUG_PHONE).appState() == AppState.BACKGROUND);
    }

    private void sendFromCompose() throws Exception {
        clickOn("#nav-compose");
        waitUntil(() -> lookup("#send-button").tryQuery().isPresent());
        choose("#compose-sender", "bob");
        choose("#compose-receiver", "alice");
        int before = engine.log().size();
        clickOn("#send-button");
        waitUntil(() -> engine.log().size() > before);
    }

    private DeliveryRecord selectLastLogRowOf(DeliveryStatus status) throws Exception {
        clickOn("#nav-log");
        waitUntil(() -> lookup("#log-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<DeliveryRecord> table = lookup("#log-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream().anyMatch(r -> r.status() == status));
        DeliveryRecord row = table.getItems().stream().filter(r -> r.status() == status).reduce((a, b) -> b).orElseThrow();
        interact(() -> {
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        });
        return row;
    }

    @Test
    void log_in_background_send_see_the_notification_tap_it_and_read_the_redirect_target() throws Exception {
        loginAliceOnDebugAndBackground();
        sendFromCompose();
        waitUntil(() -> !engine.notifications(DefaultWorkspace.DEBUG_PHONE).isEmpty());

        clickOn("#nav-phones");
        waitUntil(() -> lookup("#notification-iphone-debug-0").tryQuery().isPresent());
        Node banner = lookup("#notification-iphone-debug-0").query();
        assertTrue(lookup("#phone-iphone-debug .banner-body").queryAs(Label.class).getText().startsWith("Bob: "));
        clickOn(banner);
        waitUntil(() -> text("#tap-target").equals("Open one-to-one chat with userID bob"));
        assertTrue(lookup("#tap-entity").queryTextInputControl().getText().contains("\"sender\" : \"bob\""));
        assertTrue(lookup("#tap-userinfo").queryTextInputControl().getText().contains("\"aps\""));
    }

    @Test
    void a_logged_out_user_gets_no_push_and_the_log_says_why() throws Exception {
        loginAliceOnDebugAndBackground();
        clickOn("#nav-devices");
        clickOn("#logout-button");
        waitUntil(() -> engine.device(DefaultWorkspace.DEBUG_PHONE).loggedInUser() == null);
        sendFromCompose();

        DeliveryRecord row = selectLastLogRowOf(DeliveryStatus.NO_PUSH);
        assertEquals("logged-out", row.reason());
        waitUntil(() -> text("#log-explanation-title").contains("logged-out"));
        assertTrue(text("#log-explanation").contains("unregisterService"));
        assertTrue(engine.notifications(DefaultWorkspace.DEBUG_PHONE).isEmpty());
    }

    @Test
    void swapped_certificate_IDs_give_BadDeviceToken_with_the_explanation() throws Exception {
        clickOn("#nav-console");
        waitUntil(() -> lookup("#macro-debug").tryQuery().isPresent());
        TextField debug = lookup("#macro-debug").queryAs(TextField.class);
        doubleClickOn(debug);
        interact(debug::selectAll);
        write("31288");
        waitUntil(() -> text("#macro-debug-warning").contains("BadDeviceToken"));
        clickOn("#macro-apply");
        waitUntil(() -> engine.appSettings().certificateIdFor(dev.pushflow.im.BuildConfiguration.DEBUG) == 31288);

        loginAliceOnDebugAndBackground();
        sendFromCompose();

        DeliveryRecord row = selectLastLogRowOf(DeliveryStatus.REJECTED);
        assertEquals("BadDeviceToken", row.reason());
        assertEquals(31288, row.certificateId());
        waitUntil(() -> text("#log-explanation-title").startsWith("BadDeviceToken"));
        assertTrue(text("#log-explanation").contains("Debug build"));
        assertTrue(text("#log-fix").contains("TUIOfflinePushCertificateIDForAPNS for Debug builds"));
    }

    @Test
    void a_BadDeviceToken_row_opens_in_the_Doctor_filled_from_the_record() throws Exception {
        engine.setAppSettings(engine.appSettings().withCertificateId(dev.pushflow.im.BuildConfiguration.RELEASE,
                DefaultWorkspace.DEVELOPMENT_ID));
        engine.login(DefaultWorkspace.RELEASE_PHONE, "carol");
        engine.setAppState(DefaultWorkspace.RELEASE_PHONE, AppState.LOCKED);
        engine.send(dev.pushflow.im.ImMessage.text("bob", "carol", "Did the build go out?")).records()
                .get(15, TimeUnit.SECONDS);

        DeliveryRecord row = selectLastLogRowOf(DeliveryStatus.REJECTED);
        assertEquals("BadDeviceToken", row.reason());
        waitUntil(() -> lookup("#log-open-doctor").query().isVisible());
        clickOn("#log-open-doctor");

        waitUntil(() -> lookup("#doctor-token").tryQuery().isPresent() && lookup("#doctor-token").query().isVisible());
        assertEquals(dev.pushflow.ui.shell.MainViewModel.Panel.DOCTOR, app.viewModel().panelProperty().get());
        assertEquals(engine.device(DefaultWorkspace.RELEASE_PHONE).token(),
                lookup("#doctor-token").queryTextInputControl().getText());
        assertEquals(DefaultWorkspace.DEVELOPMENT_ID,
                lookup("#doctor-certificate-id").queryAs(javafx.scene.control.ChoiceBox.class).getValue());
        assertTrue(lookup("#doctor-build-release").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
                "the Release phone's build");
    }
}
