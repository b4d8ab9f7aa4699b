package dev.pushflow.scenario;

/**
 * A scenario or workspace file that cannot be used. The message names the file and the offending
 * field or step, e.g. {@code scenarios/x.json: steps[3].send: 'to' or 'group' is required}, and is
 * meant to be shown as it is, without a stack trace.
 */
public class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
