package dev.pushflow.engine;

import java.util.Locale;

/**
 * What APNs does with a simulated iPhone's first token request (when the iPhone is added): hands out a token,
 * fails ({@code didFailToRegisterForRemoteNotificationsWithError}), or never answers (neither delegate method is
 * called, Apple's TN2265 "No Delegate Callbacks"). Later requests, the seed's remedies, follow the
 * {@link FlakyRegistration} setting.
 */
public enum TokenRegistration {
    OK("ok", "token handed out"),
    FAILS("fails", "didFailToRegisterForRemoteNotificationsWithError"),
    NO_ANSWER("no-answer", "no answer: the token never arrives");

    private final String wireName;
    private final String displayName;

    TokenRegistration(String wireName, String displayName) {
        this.wireName = wireName;
        this.displayName = displayName;
    }

    /** The word scenario files use: ok, fails, no-answer. */
    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    public static TokenRegistration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (TokenRegistration r : values()) {
            if (r.wireName.equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown token registration '" + text + "': use ok, fails or no-answer");
    }
}
