package dev.pushflow.engine;

import java.util.Locale;

/**
 * The seed's remedies for "deviceToken is not returned for registration occasionally, or APNs' request for token
 * fails in the iOS development environment", as actions on a simulated iPhone. Each makes iOS request the token
 * again (a new request, which may succeed); "try another iPhone" is adding one.
 */
public enum TokenRemedy {
    RETRY("retry", "Retry registration", "the app calls registerForRemoteNotifications again"),
    CELLULAR("cellular", "Network: cellular (4G)", "insert a SIM card and use the 4G network"),
    REINSTALL("reinstall", "Reinstall the app", "uninstall and reinstall the application"),
    RESTART_APP("restart-app", "Restart the app", "restart the application"),
    RESTART_PHONE("restart-phone", "Restart the phone", "shut down and restart the phone"),
    PRODUCTION_BUILD("production-build", "Switch to a Release build", "use a package for the production environment");

    private final String wireName;
    private final String displayName;
    private final String guide;

    TokenRemedy(String wireName, String displayName, String guide) {
        this.wireName = wireName;
        this.displayName = displayName;
        this.guide = guide;
    }

    /** The word scenario files use in {@code retryRegistration.by}. */
    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    /** The guide's words for it. */
    public String guide() {
        return guide;
    }

    public static TokenRemedy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (TokenRemedy r : values()) {
            if (r.wireName.equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown remedy '" + text + "': use retry, cellular, reinstall, restart-app,"
                + " restart-phone or production-build");
    }

    /** The guide's four remedies in its words, for explanations and hints. */
    public static final String GUIDE = "1. insert a SIM card into the phone and use the 4G network (instead of Wi-Fi);"
            + " 2. uninstall and reinstall the application, restart the application, or shut down and restart the phone;"
            + " 3. use a package for the production environment (a Release build); 4. use another iPhone";
}
