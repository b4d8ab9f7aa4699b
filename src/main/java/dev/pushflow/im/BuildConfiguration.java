package dev.pushflow.im;

import dev.pushflow.apns.ApnsEnvironment;

import java.util.Locale;

/** The Xcode build configuration: it decides which environment's device token iOS hands out. */
public enum BuildConfiguration {
    DEBUG(ApnsEnvironment.SANDBOX), RELEASE(ApnsEnvironment.PRODUCTION);

    private final ApnsEnvironment tokenEnvironment;

    BuildConfiguration(ApnsEnvironment tokenEnvironment) {
        this.tokenEnvironment = tokenEnvironment;
    }

    /** A Debug build gets a development (sandbox) token, a Release build a production token. */
    public ApnsEnvironment tokenEnvironment() {
        return tokenEnvironment;
    }

    public String displayName() {
        return this == DEBUG ? "Debug" : "Release";
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BuildConfiguration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "debug" -> DEBUG;
            case "release", "testflight", "appstore" -> RELEASE;
            default -> throw new IllegalArgumentException("unknown build configuration '" + text + "': use debug or release");
        };
    }
}
