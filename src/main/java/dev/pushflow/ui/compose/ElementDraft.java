package dev.pushflow.ui.compose;

import dev.pushflow.im.MessageElement;

/** A message element as typed in the compose panel. */
public record ElementDraft(Kind kind, String value) {
    public enum Kind {
        TEXT("Text"), IMAGE("Image"), AUDIO("Audio"), FILE("File"), LOCATION("Location"), FACE("Face"), CUSTOM("Custom");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public MessageElement toElement() {
        String v = value == null ? "" : value;
        return switch (kind) {
            case TEXT -> new MessageElement.Text(v);
            case IMAGE -> new MessageElement.Image(v.isBlank() ? "https://example.com/photo.jpg" : v);
            case AUDIO -> new MessageElement.Audio(parseInt(v, 5));
            case FILE -> new MessageElement.File(v.isBlank() ? "report.pdf" : v);
            case LOCATION -> new MessageElement.Location(v);
            case FACE -> new MessageElement.Face(parseInt(v, 0));
            case CUSTOM -> new MessageElement.Custom(v);
        };
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public String toString() {
        String summary = toElement().summary();
        return kind + ": " + (kind == Kind.TEXT ? value : value == null || value.isBlank() ? summary : value + "  " + summary);
    }
}
