package dev.pushflow.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded scenario file: its name, where it came from (the source name when parsed from text), the
 * workspace it starts from, and its steps in order.
 */
public record Scenario(String name, Path file, WorkspaceSpec workspace, List<Step> steps) {
    public Scenario {
        steps = List.copyOf(steps);
    }

    /** The file name for messages, or the name when there is no file. */
    public String source() {
        return file == null ? name : file.toString();
    }
}
