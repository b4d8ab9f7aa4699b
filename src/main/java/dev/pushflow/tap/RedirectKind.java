package dev.pushflow.tap;

import java.util.Locale;

/** Where a tapped notification leads. */
public enum RedirectKind {
    /** One-to-one chat: {@code navigateToTUIChatViewController:} with a userID. */
    C2C,
    /** Group chat: {@code navigateToTUIChatViewController:} with a groupID. */
    GROUP,
    /** Nothing is opened. */
    NONE,
    /** The app's {@code processTUIOfflinePushNotification:} hook returned YES and took over. */
    CUSTOM;

    /** The lowercase name used in the CLI's JSON lines: "c2c", "group", "none", "custom". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
