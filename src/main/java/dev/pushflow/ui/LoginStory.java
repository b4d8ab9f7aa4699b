package dev.pushflow.ui;

import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.im.AppState;

/**
 * One story, told the same way by every panel, of a device's login: in particular after the app was killed. The
 * process is gone, the backend keeps the user's session and token (offline pushes still arrive), and the component
 * delivers a tap that launched the app after the next login. So the device is "logged in on the backend" and the
 * button offers a login, not a logout.
 */
public final class LoginStory {
    private LoginStory() {
    }

    /** The session is kept on the backend but the app has not logged in since it was (re)launched. */
    public static boolean waitingForLogin(DeviceSnapshot s) {
        return s.installed() && s.loggedInUser() != null && !s.kickedOff() && !s.serviceRegistered() && !s.real();
    }

    /** The button offers Log out only when the app is running and logged in. */
    public static boolean canLogOut(DeviceSnapshot s) {
        return s.loggedInUser() != null && !s.kickedOff() && !waitingForLogin(s);
    }

    /** The device's login status in words. */
    public static String status(DeviceSnapshot s) {
        if (!waitingForLogin(s)) {
            return s.status();
        }
        if (s.appState() == AppState.KILLED) {
            return "App not running; " + s.loggedInUser() + " still logged in on the backend";
        }
        return "App launched, not logged in yet; " + s.loggedInUser() + "'s session kept on the backend";
    }

    /** The note on the phone's screen, or null for none. */
    public static String note(DeviceSnapshot s) {
        if (!waitingForLogin(s)) {
            return null;
        }
        return s.appState() == AppState.KILLED
                ? "App not running: pushes still arrive; a tap launches it and waits for the next login"
                : "Log in again: the component hands over the tapped notification after the login";
    }
}
