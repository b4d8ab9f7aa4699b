package dev.pushflow.ui.phones;

import dev.pushflow.afterapns.DeliveryState;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Phones panel's airplane-mode and Low Power toggles, the "stored at APNs" line and the clock, in the window. */
class AfterTheTwoHundredWindowTest extends WindowTestBase {
    private static final String DEBUG = DefaultWorkspace.DEBUG_PHONE;

    @BeforeEach
    void prepare() throws Exception {
        engine.login(DEBUG, "alice");
        engine.setAppState(DEBUG, AppState.BACKGROUND);
        clickOn("#nav-phones");
        waitUntil(() -> lookup("#phone-airplane-" + DEBUG).tryQuery().isPresent());
    }

    private DeliveryRecord send(String text) throws Exception {
        return engine.send(ImMessage.text("bob", "alice", text)).records().get(15, TimeUnit.SECONDS).getFirst();
    }

    @Test
    void airplane_mode_stores_the_push_at_apns_and_turning_it_off_delivers_it() throws Exception {
        clickOn("#phone-airplane-" + DEBUG);
        waitUntil(() -> !engine.device(DEBUG).networkOnline());
        DeliveryRecord r = send("while flying");
        waitUntil(() -> lookup("#phone-stored-" + DEBUG).queryAs(Label.class).isVisible());
        assertEquals("Stored at APNs: 1 (offline)", text("#phone-stored-" + DEBUG));
        assertTrue(lookup("#notification-" + DEBUG + "-0").tryQuery().isEmpty(), "nothing on the lock screen");

        clickOn("#phone-airplane-" + DEBUG);
        waitUntil(() -> engine.device(DEBUG).networkOnline());
        waitUntil(() -> lookup("#notification-" + DEBUG + "-0").tryQuery().isPresent());
        assertEquals("Bob: while flying", lookup("#phone-" + DEBUG + " .banner-body").queryAs(Label.class).getText());
        waitUntil(() -> !lookup("#phone-stored-" + DEBUG).queryAs(Label.class).isVisible());
        assertEquals(DeliveryState.DELIVERED_FROM_STORAGE, engine.deliveryState(r.apnsId()).orElseThrow());
    }

    @Test
    void low_power_toggle_holds_priority_5_pushes() throws Exception {
        clickOn("#phone-lowpower-" + DEBUG);
        waitUntil(() -> engine.device(DEBUG).lowPower());
        assertTrue(lookup("#phone-lowpower-" + DEBUG).queryAs(ToggleButton.class).isSelected());
        engine.send(ImMessage.text("bob", "alice", "later").withApnsOptions(new dev.pushflow.im.ApnsOptions(5, null, null)))
                .records().get(15, TimeUnit.SECONDS);
        waitUntil(() -> lookup("#phone-stored-" + DEBUG).queryAs(Label.class).isVisible());
        assertEquals("Stored at APNs: 1 (Low Power)", text("#phone-stored-" + DEBUG));
        clickOn("#phone-lowpower-" + DEBUG);
        waitUntil(() -> lookup("#notification-" + DEBUG + "-0").tryQuery().isPresent());
    }

    @Test
    void a_toggle_follows_the_engine_when_a_scenario_changes_it() throws Exception {
        engine.setNetwork(DEBUG, false);
        waitUntil(() -> lookup("#phone-airplane-" + DEBUG).queryAs(ToggleButton.class).isSelected());
        engine.setNetwork(DEBUG, true);
        waitUntil(() -> !lookup("#phone-airplane-" + DEBUG).queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void the_clock_buttons_move_the_simulated_clock() throws Exception {
        assertEquals("Clock: real time", text("#phones-clock"));
        clickOn("#phones-clock-h");
        waitUntil(() -> engine.clock().offset().equals(Duration.ofHours(1)));
        waitUntil(() -> "Clock: +1 h".equals(text("#phones-clock")));
        clickOn("#phones-clock-day");
        waitUntil(() -> "Clock: +1 d 1 h".equals(text("#phones-clock")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_delivery_log_shows_the_state_beside_apns_answer_with_an_explanation() throws Exception {
        engine.setNetwork(DEBUG, false);
        DeliveryRecord r = send("offline");
        clickOn("#nav-log");
        waitUntil(() -> lookup("#log-table").tryQuery().isPresent());
        TableView<DeliveryRecord> table = lookup("#log-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream().anyMatch(x -> r.apnsId().equals(x.apnsId())));
        DeliveryRecord row = table.getItems().stream().filter(x -> r.apnsId().equals(x.apnsId())).findFirst().orElseThrow();
        assertEquals("stored-offline", row.deliveryState());
        interact(() -> table.getSelectionModel().select(row));
        waitUntil(() -> text("#log-delivery-explanation").startsWith("After the 200 (stored-offline): Stored - device offline"));
    }
}
