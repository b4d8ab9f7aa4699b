package dev.pushflow.engine;

/** Where a simulated iPhone's device token stands: what the Devices panel shows. */
public enum TokenState {
    /** Requested, but APNs has not answered (yet): neither delegate method was called. */
    NONE_YET("none yet"),
    /** The app got didFailToRegisterForRemoteNotificationsWithError. */
    FAILED("failed"),
    /** The app got didRegisterForRemoteNotificationsWithDeviceToken. */
    REGISTERED("registered");

    private final String displayName;

    TokenState(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
