package dev.pushflow.im;

/** The elements a message is made of; each non-text element shows as a placeholder in the alert text. */
public sealed interface MessageElement {

    /** What the element contributes to the default alert text. */
    String summary();

    record Text(String text) implements MessageElement {
        public String summary() {
            return text == null ? "" : text;
        }
    }

    record Image(String url) implements MessageElement {
        public String summary() {
            return "[image]";
        }
    }

    record Audio(int seconds) implements MessageElement {
        public String summary() {
            return "[audio]";
        }
    }

    record File(String fileName) implements MessageElement {
        public String summary() {
            return "[file]";
        }
    }

    record Location(String description) implements MessageElement {
        public String summary() {
            return "[Location]";
        }
    }

    record Face(int index) implements MessageElement {
        public String summary() {
            return "[Face]";
        }
    }

    /** Custom data: the backend cannot know what to show, so it is pushed only when desc is set. */
    record Custom(String data) implements MessageElement {
        public String summary() {
            return "";
        }
    }
}
