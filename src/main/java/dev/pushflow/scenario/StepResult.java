package dev.pushflow.scenario;

import dev.pushflow.delivery.DeliveryRecord;

import java.util.List;

/**
 * What one step did: its index in the file (0-based, as in {@code steps[3]}), its one-line description,
 * whether it passed, a message (what happened, or what differed), and the delivery records behind it
 * (every record of a send; the record an expectation looked at).
 */
public record StepResult(int index, String description, boolean passed, String message, List<DeliveryRecord> records) {
    public StepResult {
        records = records == null ? List.of() : List.copyOf(records);
        message = message == null ? "" : message;
    }

    /** The step number people read: 1-based. */
    public int number() {
        return index + 1;
    }
}
