package dev.pushflow.ui.scenarios;

import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void the_workspace_is_saved_and_reopened() throws Exception {
        Path file = Files.createTempFile("pushflow-ws", ".json");
        vm.saveWorkspace(file);
        assertTrue(Files.size(file) > 0, vm.messageProperty().get());
        vm.openWorkspace(file);
        assertTrue(vm.messageProperty().get().startsWith("Workspace opened"), vm.messageProperty().get());
    }
}
