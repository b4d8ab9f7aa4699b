package dev.pushflow.engine;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;

/** A read-only view of a simulated iPhone at one moment. */
public record DeviceSnapshot(String deviceId, String name, BuildConfiguration build, String token,
                             ApnsEnvironment tokenEnvironment, boolean real, AppState appState, boolean installed,
                             boolean pushEnabled, String loggedInUser, String lastUser, boolean serviceRegistered,
                             boolean kickedOff, String kickedOffBy, long reportedCertificateId, int badge,
                             int notificationCount, Boolean hookTakesOver, TokenStatus tokenStatus,
                             boolean networkOnline, boolean lowPower, int storedOffline, int storedPower) {

    /** A snapshot whose token is there, online, out of Low Power Mode, nothing stored at APNs (real devices, tests). */
    public DeviceSnapshot(String deviceId, String name, BuildConfiguration build, String token,
                          ApnsEnvironment tokenEnvironment, boolean real, AppState appState, boolean installed,
                          boolean pushEnabled, String loggedInUser, String lastUser, boolean serviceRegistered,
                          boolean kickedOff, String kickedOffBy, long reportedCertificateId, int badge,
                          int notificationCount, Boolean hookTakesOver) {
        this(deviceId, name, build, token, tokenEnvironment, real, appState, installed, pushEnabled, loggedInUser,
                lastUser, serviceRegistered, kickedOff, kickedOffBy, reportedCertificateId, badge, notificationCount,
                hookTakesOver, TokenStatus.REGISTERED, true, false, 0, 0);
    }

    public DeviceSnapshot {
        tokenStatus = tokenStatus == null ? TokenStatus.REGISTERED : tokenStatus;
    }

    /** How many notifications APNs holds for this phone (offline store and Low Power Mode together). */
    public int storedAtApns() {
        return storedOffline + storedPower;
    }

    /** Online means logged in and not kicked off. */
    public boolean online() {
        return loggedInUser != null && !kickedOff;
    }

    public String status() {
        if (!installed) {
            return "App not installed";
        }
        if (kickedOff) {
            return "Kicked off (" + lastUser + " logged in on " + kickedOffBy + ")";
        }
        if (loggedInUser == null) {
            return "Logged out";
        }
        return loggedInUser + " logged in";
    }
}
