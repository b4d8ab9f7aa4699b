package dev.pushflow.console;

/** Where a certificate ID's pushes go: the embedded gateways on 127.0.0.1, or Apple's hosts. */
public enum GatewayTarget {
    EMBEDDED, APPLE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static GatewayTarget parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "", "embedded" -> EMBEDDED;
            case "apple" -> APPLE;
            default -> throw new IllegalArgumentException("unknown gateway '" + text + "': use embedded or apple");
        };
    }
}
