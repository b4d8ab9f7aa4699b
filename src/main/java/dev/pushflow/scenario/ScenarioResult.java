package dev.pushflow.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A scenario run: the results of the steps that ran (up to and including the first failure). */
public record ScenarioResult(Scenario scenario, List<StepResult> steps, Duration duration) {
    public ScenarioResult {
        steps = List.copyOf(steps);
    }

    public boolean passed() {
        return steps.size() == scenario.steps().size() && steps.stream().allMatch(StepResult::passed);
    }

    /** The step that failed, if one did. */
    public Optional<StepResult> failure() {
        return steps.stream().filter(s -> !s.passed()).findFirst();
    }

    /** "Scenario 'X' (scenarios/x.json) failed at step 4 (steps[3]) expect ...: what differed". */
    public String failureMessage() {
        return failure().map(f -> "Scenario '" + scenario.name() + "' (" + scenario.source() + ") failed at step "
                + f.number() + " (steps[" + f.index() + "]) " + f.description() + ": " + f.message()).orElse("");
    }
}
