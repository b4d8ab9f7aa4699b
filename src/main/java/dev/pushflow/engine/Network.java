package dev.pushflow.engine;

import java.util.Locale;

/**
 * The network a simulated iPhone is on. iOS keeps one persistent connection to APNs; a change of network makes it
 * connect again, and with it a pending token request (the seed's remedy "insert a SIM card and use 4G").
 */
public enum Network {
    WIFI("wifi", "Wi-Fi"), CELLULAR("cellular", "Cellular (4G)");

    private final String wireName;
    private final String displayName;

    Network(String wireName, String displayName) {
        this.wireName = wireName;
        this.displayName = displayName;
    }

    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    public static Network parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "wifi", "wi-fi" -> WIFI;
            case "cellular", "4g", "5g", "lte" -> CELLULAR;
            default -> throw new IllegalArgumentException("unknown network '" + text + "': use wifi or cellular");
        };
    }
}
