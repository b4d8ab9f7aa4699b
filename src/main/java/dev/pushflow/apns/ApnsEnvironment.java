package dev.pushflow.apns;

/** Apple's two push environments. A Debug build's token belongs to SANDBOX, a Release build's to PRODUCTION. */
public enum ApnsEnvironment {
    SANDBOX("api.sandbox.push.apple.com", "development"),
    PRODUCTION("api.push.apple.com", "production");

    private final String appleHost;
    private final String appleName;

    ApnsEnvironment(String appleHost, String appleName) {
        this.appleHost = appleHost;
        this.appleName = appleName;
    }

    /** Apple's real gateway host for this environment (port 443 or 2197). */
    public String appleHost() {
        return appleHost;
    }

    /** The word Apple's documents use: "development" or "production". */
    public String appleName() {
        return appleName;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public ApnsEnvironment other() {
        return this == SANDBOX ? PRODUCTION : SANDBOX;
    }

    /** Accepts "sandbox", "development", "dev", "production", "prod" (any case). */
    public static ApnsEnvironment parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "sandbox", "development", "dev" -> SANDBOX;
            case "production", "prod" -> PRODUCTION;
            default -> throw new IllegalArgumentException(
                    "unknown APNs environment '" + text + "': use sandbox (development) or production");
        };
    }
}
