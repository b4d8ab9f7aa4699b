package dev.pushflow.engine;

import dev.pushflow.afterapns.AfterApns;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.tap.RedirectTarget;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A simulated iPhone with the chat app. Mutable; guarded by the engine's lock. */
final class SimulatedIPhone {
    /** iOS keeps a bounded notification centre; so do we, which bounds memory in bulk runs. */
    static final int MAX_NOTIFICATIONS = 500;

    final String deviceId;
    String name;
    BuildConfiguration build;
    String token;
    ApnsEnvironment tokenEnvironment;
    final boolean real;
    AppState appState = AppState.FOREGROUND;
    boolean installed = true;
    boolean pushEnabled = true;
    String loggedInUser;
    String lastUser;
    boolean serviceRegistered;
    boolean kickedOff;
    /** The backend dropped this device's token after APNs answered 410 Unregistered (until setAPNS binds one). */
    boolean tokenDropped;
    String kickedOffBy;
    /** What the backend holds for this device: the token and businessID reported by setAPNS, or null. */
    String boundToken;
    long boundCertificateId;
    long reportedCertificateId;
    int badge;
    Boolean hookTakesOver;
    RedirectTarget cachedTap;
    final Deque<DeliveredNotification> notifications = new ArrayDeque<>();
    /** Silent pushes never reach the notification centre: kept apart (bounded too), with a running count. */
    final Deque<DeliveredNotification> silentPushes = new ArrayDeque<>();
    int silentPushCount;
    // The token request (see TokenRegistrar): token is null until iOS hands one out.
    TokenRegistration firstTokenRequest = TokenRegistration.OK;
    TokenState tokenState = TokenState.REGISTERED;
    String tokenError;
    int tokenRequests;
    Network network = Network.WIFI;
    /** setAPNS ran with no token to report: the backend holds none for this device (the no-token reason). */
    boolean reportedNoToken;
    /** What APNs holds for this phone and its network and power state live there (one source of truth). */
    private final AfterApns afterApns;

    SimulatedIPhone(String deviceId, String name, BuildConfiguration build, String token,
                    ApnsEnvironment tokenEnvironment, boolean real, AfterApns afterApns) {
        this.afterApns = afterApns;
        this.deviceId = deviceId;
        this.name = name;
        this.build = build;
        this.token = token;
        this.tokenEnvironment = tokenEnvironment;
        this.real = real;
    }

    /**
     * Shows a notification on the lock screen, or takes a silent push in the background (nothing shown).
     *
     * @return false for a silent push
     */
    boolean deliver(DeliveredNotification n) {
        boolean silent = n.isSilent();
        Deque<DeliveredNotification> into = notifications;
        if (silent) {
            into = silentPushes;
            silentPushCount++;
        }
        if (!silent && n.collapseId() != null) {
            // apns-collapse-id: the newest replaces the banner with the same ID (one banner, the newest text)
            into.removeIf(old -> n.collapseId().equals(old.collapseId()));
        }
        into.addLast(n);
        while (into.size() > MAX_NOTIFICATIONS) {
            into.removeFirst();
        }
        return !silent;
    }

    void clearNotifications() {
        notifications.clear();
        silentPushes.clear();
        silentPushCount = 0;
    }

    List<DeliveredNotification> notificationList() {
        return new ArrayList<>(notifications);
    }

    List<DeliveredNotification> silentPushList() {
        return new ArrayList<>(silentPushes);
    }

    AfterApns.DeviceKey apnsKey() {
        return new AfterApns.DeviceKey(tokenEnvironment, token);
    }

    DeviceSnapshot snapshot() {
        AfterApns.DeviceView apns = real ? AfterApns.DeviceView.DEFAULT : afterApns.view(apnsKey());
        return new DeviceSnapshot(deviceId, name, build, token, tokenEnvironment, real, appState, installed,
                pushEnabled, loggedInUser, lastUser, serviceRegistered, kickedOff, kickedOffBy, reportedCertificateId,
                badge, notifications.size(), hookTakesOver, tokenStatus(), apns.online(), apns.lowPower(),
                apns.storedOffline(), apns.storedPower());
    }

    TokenStatus tokenStatus() {
        return real ? TokenStatus.REGISTERED
                : new TokenStatus(tokenState, tokenError, tokenRequests, firstTokenRequest, network);
    }
}
