package dev.pushflow.ui.compose;

/** The engine's prediction for one recipient device, as the preview lists it. */
public record PreviewRow(String device, String user, boolean push, String outcome, String payload, int bytes,
                         int limit, String headers) {
    public boolean tooLarge() {
        return push && bytes > limit;
    }
}
