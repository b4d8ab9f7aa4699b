package dev.pushflow.rawsend;

import java.util.List;

/** A raw push that cannot be sent as given; each problem is one plain sentence with its fix. */
public final class InvalidRawPushException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidRawPushException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
