package dev.pushflow.ui.load;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.ImUser;
import dev.pushflow.load.LoadSummary;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Load panel's view model on a real engine and its embedded gateways, without a toolkit. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LoadViewModelTest {
    private PushFlowEngine engine;
    private ExecutorService ui;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (ui != null) {
            ui.shutdownNow();
        }
    }

    /** Reads view-model state on its "UI thread", where it is written. */
    private <T> T onUi(java.util.concurrent.Callable<T> read) throws Exception {
        return ui.submit(read).get(30, TimeUnit.SECONDS);
    }

    private static List<DeliveryRecord> finals(PushFlowEngine engine) {
        return engine.log().snapshot().stream()
                .filter(r -> DeliveryRecord.SOURCE_LOAD.equals(r.source()) && r.status() != null
                        && r.status().isPushAttempt() && r.finalAttempt())
                .toList();
    }

    @Test
    void a_bad_faults_spec_disables_start_and_names_the_bad_part() {
        LoadViewModel vm = new LoadViewModel(Contexts.offline());
        assertThat(vm.canStartProperty().get()).isTrue();

        vm.faultsProperty().set("429=3%,oops=2%");
        assertThat(vm.faultsErrorProperty().get()).contains("oops=2%").contains("unknown kind 'oops'");
        assertThat(vm.canStartProperty().get()).isFalse();
        vm.start();
        assertThat(vm.runningProperty().get()).isFalse();

        vm.faultsProperty().set("429=3%,500=2%");
        assertThat(vm.faultsErrorProperty().get()).isEmpty();
        assertThat(vm.canStartProperty().get()).isTrue();
    }

    @Test
    void bad_numbers_say_which_field_and_disable_start() {
        LoadViewModel vm = new LoadViewModel(Contexts.offline());
        vm.usersProperty().set("1");
        assertThat(vm.formErrorProperty().get()).startsWith("Users must be 2 to");
        assertThat(vm.canStartProperty().get()).isFalse();
        vm.usersProperty().set("20");
        vm.groupShareProperty().set("lots");
        assertThat(vm.formErrorProperty().get()).isEqualTo("Group share must be a number such as 0.2, not 'lots'");
        vm.groupShareProperty().set("1.5");
        assertThat(vm.formErrorProperty().get()).startsWith("Group share must be between 0 and 1");
        vm.groupShareProperty().set("0.2");
        assertThat(vm.formErrorProperty().get()).isEmpty();
    }

    @Test
    void without_embedded_gateways_start_says_so() {
        LoadViewModel vm = new LoadViewModel(Contexts.offline());
        vm.start();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).contains("Load runs need the embedded gateways");
    }

    @Test
    void a_small_run_balances_against_the_log_and_leaves_the_workspace_as_it_was() {
        engine = Engines.startDefault();
        AppContext ctx = Contexts.wrap(engine);
        List<String> usersBefore = engine.users().stream().map(ImUser::userID).toList();
        List<DeviceSnapshot> devicesBefore = engine.devices();
        LoadViewModel vm = new LoadViewModel(ctx);
        vm.usersProperty().set("20");
        vm.messagesProperty().set("200");
        vm.groupShareProperty().set("0.2");
        vm.faultsProperty().set("500=5%");

        vm.start(); // synchronous task runner: returns when the run is over

        LoadSummary s = vm.summaryProperty().get();
        assertThat(s).isNotNull();
        assertThat(s.messages()).isEqualTo(200);
        assertThat(s.lost()).isZero();
        assertThat(s.duplicated()).isZero();
        List<DeliveryRecord> finals = finals(engine);
        assertThat(finals).hasSize((int) s.pushes());
        assertThat(vm.acceptedProperty().get()).isEqualTo(s.accepted())
                .isEqualTo(finals.stream().filter(r -> r.status() == DeliveryStatus.ACCEPTED).count());
        assertThat(vm.rejectedProperty().get()).isEqualTo(s.rejectedTotal())
                .isEqualTo(finals.stream().filter(r -> r.status() == DeliveryStatus.REJECTED).count());
        assertThat(vm.failedProperty().get()).isEqualTo(s.failed())
                .isEqualTo(finals.stream().filter(r -> r.status() == DeliveryStatus.FAILED).count());
        assertThat(vm.attemptsProperty().get()).isEqualTo(s.attempts());
        assertThat(s.accepted() + s.rejectedTotal() + s.failed()).isEqualTo(s.pushes());
        assertThat(vm.summaryJsonProperty().get()).isEqualTo(s.toJsonLine()).contains("\"messages\":200");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        // the charts got at least the last sample, and outcomes add up to the pushes that ended
        assertThat(vm.pushesPerSecond()).isNotEmpty();
        assertThat(vm.latencyP99()).isNotEmpty();
        assertThat(vm.outcomes()).isNotEmpty();

        assertThat(engine.users().stream().map(ImUser::userID).toList()).isEqualTo(usersBefore);
        assertThat(engine.devices()).isEqualTo(devicesBefore);
        assertThat(engine.users()).noneMatch(u -> u.userID().startsWith("load-"));
        // the run's weather was for the run only
        assertThat(engine.embeddedGateways().orElseThrow().sandbox().weather().isClear()).isTrue();
    }

    @Test
    void cancel_mid_run_stops_sending_and_every_push_sent_has_its_final_record() throws Exception {
        engine = Engines.startDefault();
        ui = Executors.newSingleThreadExecutor(); // the "UI thread": callbacks in order, off the test thread
        UiEventQueue events = new UiEventQueue(ui);
        engine.addListener(events);
        AppContext ctx = new AppContext(engine, events, TaskRunner.background(ui), Path.of("target", "test-config"));
        LoadViewModel vm = new LoadViewModel(ctx);
        vm.usersProperty().set("10");
        vm.messagesProperty().set("100000");
        vm.rateProperty().set("200");
        vm.groupShareProperty().set("0");

        ui.submit(vm::start);
        await().atMost(Duration.ofSeconds(60)).until(() -> onUi(() -> vm.attemptsProperty().get() > 0));
        ui.submit(vm::cancel);
        await().atMost(Duration.ofSeconds(90)).until(() -> onUi(() -> vm.summaryProperty().get() != null));

        LoadSummary s = onUi(() -> vm.summaryProperty().get());
        String text = onUi(() -> vm.summaryTextProperty().get());
        boolean running = onUi(() -> vm.runningProperty().get());
        assertThat(s.cancelled()).isTrue();
        assertThat(s.messages()).isLessThan(100_000);
        assertThat(s.lost()).isZero();
        assertThat(text).startsWith(String.format("Cancelled after %,d of 100,000 messages",
                s.messages()));
        assertThat(running).isFalse();
        List<DeliveryRecord> load = engine.log().snapshot().stream()
                .filter(r -> DeliveryRecord.SOURCE_LOAD.equals(r.source()) && r.status() != null
                        && r.status().isPushAttempt()).toList();
        Set<String> sent = load.stream().map(DeliveryRecord::apnsId).collect(Collectors.toSet());
        Map<String, Long> finalsById = load.stream().filter(DeliveryRecord::finalAttempt)
                .collect(Collectors.groupingBy(DeliveryRecord::apnsId, Collectors.counting()));
        assertThat(finalsById.keySet()).isEqualTo(sent);
        assertThat(finalsById.values()).allMatch(n -> n == 1);
        assertThat(load.stream().filter(r -> r.status() == DeliveryStatus.SENDING)).isEmpty();
        assertThat(sent).hasSize((int) s.pushes());
    }
}
