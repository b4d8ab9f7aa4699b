package dev.pushflow.scenario;

import dev.pushflow.delivery.DeliveryRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A scenario run as lines for people: a header, a line per step (pass or fail), the records behind each push. */
public final class TextReport {
    private TextReport() {
    }

    public static String header(Scenario scenario) {
        return "Scenario: " + scenario.name() + " (" + scenario.source() + ")";
    }

    /**
     * "  PASS  3. send ...: message", then one indented line per delivery record for a send, or for an
     * expectation that failed (a passing expectation's record was already shown under its send).
     */
    public static List<String> stepLines(Step step, StepResult r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %s %2d. %s%s", r.passed() ? "PASS" : "FAIL", r.number(),
                r.description(), r.message().isEmpty() ? "" : ": " + r.message()));
        if (!step.isExpectation() || !r.passed()) {
            for (DeliveryRecord record : r.records()) {
                lines.add("          -> " + RecordLine.of(record));
            }
        }
        return lines;
    }

    /** Every line of a run, ending with a verdict that names the failed step. */
    public static List<String> lines(ScenarioResult result) {
        List<String> lines = new ArrayList<>();
        lines.add(header(result.scenario()));
        result.steps().forEach(s -> lines.addAll(stepLines(result.scenario().steps().get(s.index()), s)));
        lines.add(verdict(result));
        return lines;
    }

    public static String verdict(ScenarioResult result) {
        if (result.passed()) {
            return String.format(Locale.ROOT, "  passed: %d steps in %.2f s", result.steps().size(),
                    result.duration().toMillis() / 1000.0);
        }
        return "  FAILED: " + result.failureMessage();
    }
}
