package dev.pushflow.im;

import java.util.Locale;

/** The app's state on a simulated iPhone. Only a foreground app holds the IM connection. */
public enum AppState {
    FOREGROUND, BACKGROUND, LOCKED, KILLED;

    /** Background, screen locked or process killed (without logout): messages arrive as APNs pushes. */
    public boolean getsOfflinePush() {
        return this != FOREGROUND;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return switch (this) {
            case FOREGROUND -> "Foreground";
            case BACKGROUND -> "Background";
            case LOCKED -> "Screen locked";
            case KILLED -> "Killed";
        };
    }

    public static AppState parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (AppState s : values()) {
            if (s.wireName().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown app state '" + text + "': use foreground, background, locked or killed");
    }
}
