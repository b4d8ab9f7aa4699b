package dev.pushflow.ui.scenarios;

import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.ConfigDir;
import dev.pushflow.ui.Navigator;
import dev.pushflow.ui.WorkspaceStore;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScenariosViewModelTest {
    private final PushFlowEngine engine = Engines.startDefault();
    private final ScenariosViewModel vm = new ScenariosViewModel(Contexts.wrap(engine));

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void a_scenario_file_plays_step_by_step_with_the_current_step_highlighted() {
        vm.open(Path.of("scenarios", "debug-c2c-push-redirects-to-sender.json"));
        assertTrue(vm.steps().size() > 1, vm.messageProperty().get());
        vm.step();
        assertEquals(0, vm.currentProperty().get());
        assertEquals(ScenariosViewModel.StepState.PASSED, vm.steps().getFirst().state(), vm.steps().getFirst().result());
        vm.runAll();
        assertTrue(vm.steps().stream().allMatch(s -> s.state() == ScenariosViewModel.StepState.PASSED),
                vm.steps().toString());
    }

    @Test
    void a_scenario_runs_in_a_workspace_of_its_own_and_the_users_is_back_when_it_closes(@TempDir Path config)
            throws Exception {
        engine.addDevice("my-phone", "My phone", dev.pushflow.im.BuildConfiguration.RELEASE);
        WorkspaceStore store = new WorkspaceStore(config, Map.of());
        AppContext base = Contexts.wrap(engine);
        ScenariosViewModel s = new ScenariosViewModel(new AppContext(engine, base.events(), base.tasks(), config,
                Navigator.NONE, store), java.time.Duration.ZERO);
        BundledScenarios.Example example = s.examples().stream()
                .filter(e -> e.file().equals("debug-c2c-push-redirects-to-sender.json")).findFirst().orElseThrow();
        assertTrue(example.purpose().startsWith("Seed, step 3"), "each example says what it is for");

        s.playExample(example);
        assertTrue(s.messageProperty().get().startsWith("Scenario finished"), s.messageProperty().get());
        assertTrue(s.sandboxedProperty().get());
        assertTrue(engine.devices().stream().noneMatch(d -> d.deviceId().equals("my-phone")),
                "the scenario's own devices, not the user's");
        assertTrue(Files.readString(ConfigDir.workspace(config)).contains("my-phone"),
                "the user's workspace is saved before the scenario replaces it");
        store.save(engine); // what the autosave does meanwhile: nothing of the scenario's world is written
        assertTrue(Files.readString(ConfigDir.workspace(config)).contains("my-phone"));

        s.close();
        assertEquals("Scenario closed: your workspace is back", s.messageProperty().get());
        assertTrue(engine.devices().stream().anyMatch(d -> d.deviceId().equals("my-phone")), "the user's is back");
        assertTrue(engine.devices().stream().noneMatch(d -> d.deviceId().equals("phone1")));
        assertTrue(s.steps().isEmpty());
    }

    @Test
    void closing_a_scenario_clears_the_apns_weather_it_set_and_gives_the_windows_back() {
        var gateways = engine.embeddedGateways().orElseThrow();
        gateways.production().setWeather(dev.pushflow.gateway.WeatherPreset.SLOW.spec(), 3); // the window's weather card, say
        vm.open(Path.of("scenarios", "weather-429-storm-backend-retries.json"));
        for (int i = 0; i < 4; i++) { // login, background, deliveryPolicy, weather
            vm.step();
        }
        assertEquals(ScenariosViewModel.StepState.PASSED, vm.steps().get(3).state(), vm.steps().get(3).result());
        assertEquals("429=60% on sandbox", dev.pushflow.gateway.WeatherPreset.describe(gateways));
        vm.close();
        assertEquals("slow on production", dev.pushflow.gateway.WeatherPreset.describe(gateways));
        assertEquals(dev.pushflow.delivery.DeliveryPolicy.DEFAULT, engine.deliveryPolicy());
    }

    @Test
    void the_bundled_examples_are_listed_with_their_purpose() {
        assertTrue(vm.examples().size() >= 20, vm.examples().toString());
        assertTrue(vm.examples().stream().allMatch(e -> !e.purpose().isBlank()), "every example has its one line");
    }

    @Test
    void the_workspace_is_saved_and_reopened() throws Exception {
        Path file = Files.createTempFile("pushflow-ws", ".json");
        vm.saveWorkspace(file);
        assertTrue(Files.size(file) > 0, vm.messageProperty().get());
        vm.openWorkspace(file);
        assertTrue(vm.messageProperty().get().startsWith("Workspace opened"), vm.messageProperty().get());
    }

    @Test
    void opening_a_workspace_keeps_what_loads_and_names_the_certificate_ID_that_does_not(@TempDir Path dir)
            throws Exception {
        dev.pushflow.credentials.OwnCertificates.p12(dir.resolve("push.p12"), "own-secret-2");
        Path file = dir.resolve("ws.json");
        Files.writeString(file, """
                {"console": {"certificates": [
                  {"id": 31287, "environment": "sandbox", "credential": "sample"},
                  {"id": 41234, "environment": "sandbox", "credential": {"p12": "push.p12", "passwordEnv": "PW"}}]},
                 "devices": [{"id": "dave-phone", "build": "debug"}]}
                """);
        AppContext base = Contexts.offline();
        Path config = dir.resolve("config");
        AppContext ctx = new AppContext(base.engine(), base.events(), base.tasks(), config, Navigator.NONE,
                new WorkspaceStore(config, Map.of()));
        ScenariosViewModel s = new ScenariosViewModel(ctx);
        s.openWorkspace(file);
        assertEquals("Workspace opened from " + file + ", but certificate ID 41234 was not restored: the Console says"
                + " why and how to fix it", s.messageProperty().get());
        assertEquals(List.of("dave-phone"), ctx.engine().devices().stream().map(d -> d.deviceId()).toList());

        Path saved = dir.resolve("saved.json");
        s.saveWorkspace(saved);
        assertTrue(Files.readString(saved).contains("\"id\" : 41234"), "its definition is saved again");
    }
}
