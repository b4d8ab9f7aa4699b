package dev.pushflow.engine;

import dev.pushflow.tap.RedirectTarget;

import java.time.Instant;

/** What tapping a notification did: the parsed redirect target and what the component did with it. */
public record TapOutcome(String deviceId, String apnsId, RedirectTarget target, Delivery delivery, String note,
                         String userInfo, Instant time) {

    public enum Delivery {
        /** navigateToTUIChatViewController:groupID: was called right away. */
        NAVIGATED,
        /** The tap launched the app before login: the IDs wait for the next login. */
        CACHED_UNTIL_LOGIN,
        /** A cached tap handed over right after login. */
        DELIVERED_AFTER_LOGIN,
        /** The service is unregistered (after logout): the component ignores taps. */
        IGNORED_AFTER_LOGOUT,
        /** processTUIOfflinePushNotification returned YES: the app took over. */
        TAKEN_OVER,
        /** Parsed, but nothing to open (the target says why). */
        NO_REDIRECT
    }

    /** One line for people: what the user sees happen. */
    public String describe() {
        return switch (delivery) {
            case NAVIGATED, DELIVERED_AFTER_LOGIN, NO_REDIRECT, TAKEN_OVER -> target.describe()
                    + (note == null || note.isEmpty() ? "" : " (" + note + ")");
            case CACHED_UNTIL_LOGIN -> target.describe() + " after the next login (" + note + ")";
            case IGNORED_AFTER_LOGOUT -> "Ignored: " + note;
        };
    }
}
