package dev.pushflow.ui.scenarios;

import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.scenario.Scenario;
import dev.pushflow.scenario.ScenarioLoader;
import dev.pushflow.scenario.ScenarioRunner;
import dev.pushflow.scenario.StepResult;

import java.nio.file.Path;
import java.util.List;

/** The panel's view of the scenario library (the same loader and runner as `pushflow scenario run`). */
final class ScenarioPort {
    /** A loaded scenario and its steps' descriptions. */
    record Loaded(Scenario scenario, String name, List<String> steps) {
    }

    /** One step's result: passed or not, and what it says. */
    record Step(boolean passed, String text) {
    }

    private final PushFlowEngine engine;
    private ScenarioRunner runner;

    ScenarioPort(PushFlowEngine engine) {
        this.engine = engine;
    }

    /** The scenario library ships with the app; kept for the view model's "available" state. */
    static boolean available() {
        return true;
    }

    Loaded load(Path file) throws Exception {
        Scenario scenario = ScenarioLoader.load(file);
        List<String> steps = scenario.steps().stream().map(dev.pushflow.scenario.Step::describe).toList();
        String name = scenario.name() == null || scenario.name().isBlank() ? file.getFileName().toString()
                : scenario.name();
        return new Loaded(scenario, name, steps);
    }

    /** A bundled example, from its text. */
    Loaded parse(BundledScenarios.Example example) throws Exception {
        Scenario scenario = ScenarioLoader.parse(example.json(), "scenarios/" + example.file());
        List<String> steps = scenario.steps().stream().map(dev.pushflow.scenario.Step::describe).toList();
        return new Loaded(scenario, example.name(), steps);
    }

    void prepare(Scenario scenario) throws Exception {
        runner = new ScenarioRunner(engine);
        runner.prepare(scenario);
    }

    /** The scenario is closed: the APNs weather and delivery policy it set are cleared (see ScenarioRunner.finish). */
    void finish() {
        if (runner != null) {
            runner.finish();
            runner = null;
        }
    }

    Step runStep(Scenario scenario, int index) throws Exception {
        if (runner == null) {
            prepare(scenario);
        }
        StepResult result = runner.runStep(scenario, index);
        return new Step(result.passed(), result.message());
    }
}
