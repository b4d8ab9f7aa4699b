package dev.pushflow.ui.console;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.im.AppState;
import dev.pushflow.ui.PushFlowApp;
import dev.pushflow.ui.testsupport.AppFixture;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Console's APNs weather card in the window: a preset applied makes a push sent from Compose meet the weather and
 * be retried, the status bar says the weather is on, Clear makes it sunny again; a bad spec is named and not applied.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WeatherCardTest extends FxRobot {
    private static final String DEBUG = DefaultWorkspace.DEBUG_PHONE;
    private PushFlowApp app;
    private PushFlowEngine engine;
    private EmbeddedGateways gateways;

    @BeforeEach
    void start() throws Exception {
        app = AppFixture.start();
        engine = app.engine();
        gateways = engine.embeddedGateways().orElseThrow();
        engine.login(DEBUG, "alice");
        engine.setAppState(DEBUG, AppState.BACKGROUND);
        openCard();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openCard() throws Exception {
        clickOn("#nav-console");
        waitUntil(() -> lookup("#weather-card").tryQuery().isPresent());
        interact(() -> lookup("#console-right").queryAs(ScrollPane.class).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    /** Sends Compose's message (bob to alice) and returns every record of its push to the Debug phone, in order. */
    private List<DeliveryRecord> sendFromCompose() throws Exception {
        int start = engine.log().size();
        clickOn("#nav-compose");
        waitUntil(() -> lookup("#send-button").tryQuery().isPresent());
        clickOn("#send-button");
        waitUntil(() -> engine.log().since(start).stream().anyMatch(r -> DEBUG.equals(r.deviceId()) && r.finalAttempt()));
        List<DeliveryRecord> mine = engine.log().since(start).stream()
                .filter(r -> DEBUG.equals(r.deviceId()) && r.status().isPushAttempt()).toList();
        openCard();
        return mine;
    }

    @Test
    void outage_preset_on_sandbox_makes_the_push_retried_and_clear_makes_it_sunny() throws Exception {
        clickOn("#weather-preset-outage");
        assertEquals("503=100%", lookup("#weather-spec").queryAs(TextField.class).getText());
        clickOn("#weather-apply");
        waitUntil(() -> !gateways.sandbox().weather().isClear());
        assertTrue(gateways.production().weather().isClear(), "sandbox only");
        waitUntil(() -> lookup("#status-weather").queryAs(Label.class).isVisible());
        assertEquals("APNs weather: outage on sandbox", text("#status-weather"));
        assertEquals("In force: outage on sandbox", text("#weather-in-force"));

        List<DeliveryRecord> attempts = sendFromCompose();
        assertEquals(4, attempts.size(), attempts::toString); // the default policy: up to 4 attempts
        for (int i = 0; i < attempts.size(); i++) {
            DeliveryRecord r = attempts.get(i);
            assertEquals(DeliveryStatus.REJECTED, r.status());
            assertEquals(503, r.statusCode());
            assertEquals("ServiceUnavailable", r.reason());
            assertEquals(i + 1, r.attempt());
            assertEquals(i == 3, r.finalAttempt());
        }

        clickOn("#weather-clear");
        waitUntil(() -> gateways.sandbox().weather().isClear());
        waitUntil(() -> !lookup("#status-weather").queryAs(Label.class).isVisible());
        assertEquals("In force: clear on both gateways", text("#weather-in-force"));
        List<DeliveryRecord> sunny = sendFromCompose();
        assertEquals(1, sunny.size(), sunny::toString);
        assertEquals(DeliveryStatus.ACCEPTED, sunny.getFirst().status());
        assertTrue(sunny.getFirst().finalAttempt());
    }

    @Test
    void a_429_on_both_gateways_is_retried_after_the_429_delay() throws Exception {
        // 429=50% with seed 9: the first request gets 429, the second its answer (the plan is seeded)
        interact(() -> {
            lookup("#weather-spec").queryAs(TextField.class).setText("429=50%");
            lookup("#weather-seed").queryAs(TextField.class).setText("9");
            lookup("#weather-gateway").queryAs(javafx.scene.control.ChoiceBox.class)
                    .setValue(WeatherViewModel.Target.BOTH);
        });
        clickOn("#weather-apply");
        waitUntil(() -> lookup("#status-weather").queryAs(Label.class).isVisible());
        assertEquals("APNs weather: 429=50% on both", text("#status-weather"));
        List<DeliveryRecord> attempts = sendFromCompose();
        assertEquals(2, attempts.size(), attempts::toString);
        assertEquals("TooManyRequests", attempts.get(0).reason());
        assertFalse(attempts.get(0).finalAttempt());
        assertEquals(DeliveryStatus.ACCEPTED, attempts.get(1).status());
        assertEquals(2, attempts.get(1).attempt());
        assertTrue(attempts.get(1).finalAttempt());
    }

    @Test
    void a_bad_spec_is_named_next_to_the_field_and_cannot_be_applied() throws Exception {
        interact(() -> lookup("#weather-spec").queryAs(TextField.class).setText("429=3%,hail=1%"));
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = lookup("#weather-spec-problem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertTrue(problem.getText().startsWith("bad weather part 'hail=1%': unknown kind 'hail'"), problem.getText());
        assertTrue(lookup("#weather-apply").queryAs(Button.class).isDisabled());
        interact(() -> lookup("#weather-spec").queryAs(TextField.class).setText("429=3%"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(problem.isVisible());
        assertFalse(lookup("#weather-apply").queryAs(Button.class).isDisabled());
        assertTrue(gateways.sandbox().weather().isClear(), "nothing applied yet");
    }
}
