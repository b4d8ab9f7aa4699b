package dev.pushflow.ui.load;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.ImUser;
import dev.pushflow.ui.PushFlowApp;
import dev.pushflow.ui.testsupport.AppFixture;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Load panel in the window, driven headlessly on the window's engine and embedded gateways. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LoadPanelTest extends FxRobot {
    private PushFlowApp app;
    private PushFlowEngine engine;

    @BeforeEach
    void start() throws Exception {
        app = AppFixture.start();
        engine = app.engine();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** Waits for a condition read on the FX thread (the charts change the scene graph while the run goes on). */
    private static void waitUntil(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    private void type(String id, String text) {
        interact(() -> lookup(id).queryAs(TextField.class).setText(text));
    }

    private String text(String id) throws Exception {
        return fx(() -> lookup(id).queryAs(Label.class).getText());
    }

    private List<DeliveryRecord> loadAttempts() throws Exception {
        return engine.log().snapshot().stream().filter(r -> DeliveryRecord.SOURCE_LOAD.equals(r.source())
                && r.status() != null && r.status().isPushAttempt()).toList();
    }

    @Test
    void a_small_run_completes_balances_against_the_log_and_leaves_the_workspace_alone() throws Exception {
        List<String> usersBefore = engine.users().stream().map(ImUser::userID).toList();
        List<String> devicesBefore = engine.devices().stream().map(DeviceSnapshot::deviceId).toList();
        clickOn("#nav-load");
        waitUntil(30, () -> lookup("#load-start").tryQuery().isPresent());
        assertThat(text("#load-note")).contains("throw-away users");

        type("#load-faults", "429=3%,bogus");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#load-start").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(text("#load-faults-error")).contains("bogus");
        type("#load-faults", "");
        type("#load-users", "20");
        type("#load-messages", "200");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#load-start").queryAs(Button.class).isDisabled()).isFalse();

        clickOn("#load-start");
        waitUntil(120, () -> !lookup("#load-summary-json").queryAs(TextInputControl.class).getText().isEmpty());

        LoadViewModel vm = ((LoadView) lookup("#load-view").query()).viewModel();
        var s = vm.summaryProperty().get();
        List<DeliveryRecord> finals = loadAttempts().stream().filter(DeliveryRecord::finalAttempt).toList();
        assertThat(s.lost()).isZero();
        assertThat(finals).hasSize((int) s.pushes());
        assertThat(text("#load-accepted")).isEqualTo(String.format("%,d",
                finals.stream().filter(r -> r.status() == DeliveryStatus.ACCEPTED).count()));
        assertThat(text("#load-rejected")).isEqualTo(String.format("%,d",
                finals.stream().filter(r -> r.status() == DeliveryStatus.REJECTED).count()));
        assertThat(text("#load-failed")).isEqualTo(String.format("%,d",
                finals.stream().filter(r -> r.status() == DeliveryStatus.FAILED).count()));
        assertThat(text("#load-attempts")).isEqualTo(String.format("%,d", loadAttempts().size()));
        assertThat(lookup("#load-summary-json").queryAs(TextInputControl.class).getText()).isEqualTo(s.toJsonLine());
        assertThat(text("#load-status")).isEqualTo("Finished");
        XYChart<?, ?> rate = lookup("#load-chart-rate").queryAs(XYChart.class);
        assertThat(rate.getData().get(0).getData()).isNotEmpty();
        assertThat(lookup("#load-chart-outcomes").queryAs(XYChart.class).getData()).isNotEmpty();

        clickOn("#load-copy");
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(10, TimeUnit.SECONDS);
        assertThat(copied).isEqualTo(s.toJsonLine());

        assertThat(engine.users().stream().map(ImUser::userID).toList()).isEqualTo(usersBefore);
        assertThat(engine.devices().stream().map(DeviceSnapshot::deviceId).toList()).isEqualTo(devicesBefore);
    }

    @Test
    void cancel_mid_run_stops_cleanly_and_no_push_is_left_without_its_final_record() throws Exception {
        clickOn("#nav-load");
        waitUntil(30, () -> lookup("#load-start").tryQuery().isPresent());
        type("#load-users", "10");
        type("#load-messages", "100000");
        type("#load-rate", "200");
        clickOn("#load-start");
        waitUntil(60, () -> !"0".equals(text("#load-attempts")));
        clickOn(fx(() -> lookup("#load-cancel").queryAs(Button.class))); // looked up on the FX thread: the charts grow
        waitUntil(120, () -> !lookup("#load-summary-json").queryAs(TextInputControl.class).getText().isEmpty());

        assertThat(text("#load-status")).startsWith("Cancelled after ").contains(" of 100,000 messages");
        assertThat(lookup("#load-summary-text").queryAs(Label.class).getText()).startsWith("Cancelled after ");
        List<DeliveryRecord> load = loadAttempts();
        Set<String> sent = load.stream().map(DeliveryRecord::apnsId).collect(Collectors.toSet());
        Map<String, Long> finals = load.stream().filter(DeliveryRecord::finalAttempt)
                .collect(Collectors.groupingBy(DeliveryRecord::apnsId, Collectors.counting()));
        assertThat(finals.keySet()).isEqualTo(sent);
        assertThat(finals.values()).allMatch(n -> n == 1);
        assertThat(lookup("#load-start").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(lookup("#load-cancel").queryAs(Button.class).isDisabled()).isTrue();
    }
}
