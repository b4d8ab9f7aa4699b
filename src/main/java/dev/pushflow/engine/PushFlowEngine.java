package dev.pushflow.engine;

import dev.pushflow.afterapns.AfterApns;
import dev.pushflow.afterapns.BackgroundPushes;
import dev.pushflow.afterapns.DeliveryState;
import dev.pushflow.afterapns.SimulatedClock;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.Console;
import dev.pushflow.gateway.GatewayNotification;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryPolicy;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.delivery.PushOutcome;
import dev.pushflow.delivery.PushRequest;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.ImUser;
import dev.pushflow.payload.BuiltPayload;
import dev.pushflow.payload.VendorPayload;
import dev.pushflow.tap.OfflinePushHook;
import dev.pushflow.tap.RedirectKind;
import dev.pushflow.tap.RedirectParser;
import dev.pushflow.tap.RedirectTarget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The flow engine: console, app build settings, simulated iPhones, users and groups, the IM backend's push
 * decisions, delivery, and taps. A plain Java library; the GUI and the CLI are thin clients of it.
 *
 * <p>State changes run under one lock and are quick; pushes are sent outside it, so Netty threads that
 * deliver notifications to the simulated iPhones never wait for a sender.
 */
public final class PushFlowEngine implements AutoCloseable {
    /** How long a send waits for an accepted notification to reach its simulated iPhone. */
    private static final int MAX_ACTIVITY = 2_000;

    private final Console console = new Console();
    private final DeliveryService delivery;
    private final DeliveryLog log;
    private final DeviceTokenAuthority tokens;
    private final SimulatedClock clock;
    /** What APNs does after the 200 (storage, expiry, Low Power, budgets): the embedded gateways' second stage. */
    private final AfterApns afterApns;
    /** apns-id -> the log line of a push APNs still holds, so a later state appends a line keeping its answer. */
    private final Map<String, DeliveryRecord> storedRecords = new HashMap<>();
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();

    private AppSettings appSettings = AppSettings.defaults();
    private final Map<String, ImUser> users = new LinkedHashMap<>();
    private final Map<String, ImGroup> groups = new LinkedHashMap<>();
    private final Map<String, SimulatedIPhone> devices = new LinkedHashMap<>();
    private final Map<String, Integer> unread = new HashMap<>();
    private final List<ActivityEvent> activity = new ArrayList<>();
    /** token -> device, read on Netty threads when a gateway delivers. */
    private final Map<String, String> deviceByToken = new ConcurrentHashMap<>();
    private final List<TapOutcome> taps = new ArrayList<>();
    private final TokenRegistrar registrar = new TokenRegistrar();

    public PushFlowEngine(DeliveryService delivery, DeliveryLog log, DeviceTokenAuthority tokens, Clock clock) {
        this.delivery = delivery;
        this.log = log;
        this.tokens = tokens == null ? DeviceTokenAuthority.NONE : tokens;
        this.clock = clock instanceof SimulatedClock sc ? sc : new SimulatedClock(clock);
        this.afterApns = new AfterApns(this.clock, this::deliverToPhone, this::deliveryStateChanged);
        log.addListener(logListener);
        List<DeliveryRecord> last = log.since(log.size() - 1);
        this.logSeqAtStart = last.isEmpty() ? 0 : last.get(last.size() - 1).seq();
    }

    private final long logSeqAtStart;
    private final java.util.function.Consumer<DeliveryRecord> logListener = r -> listeners.forEach(l -> l.recordAppended(r));
    /** Set for an engine that writes into another engine's log (a load run beside the window's engine). */
    private volatile boolean sharesLog;

    /** {@link #close} leaves the log open (and stops listening to it): the log belongs to another engine. */
    void shareLog() {
        sharesLog = true;
    }

    /**
     * The log's highest sequence number when this engine started: records up to it come from earlier runs (a
     * SENDING record among them with no answer is one the app stopped before, see UnansweredPushes).
     */
    public long logSeqAtStart() {
        return logSeqAtStart;
    }

    private volatile dev.pushflow.gateway.EmbeddedGateways gateways;

    void attachGateways(dev.pushflow.gateway.EmbeddedGateways gateways) {
        this.gateways = gateways;
    }

    /** The embedded gateways this engine runs on, when it started them. */
    public Optional<dev.pushflow.gateway.EmbeddedGateways> embeddedGateways() {
        return Optional.ofNullable(gateways);
    }

    /** Resources closed with the engine, in reverse order (gateways, for instance). */
    public void own(AutoCloseable resource) {
        owned.add(resource);
    }

    // ---------------------------------------------------------------- workspace

    public Console console() {
        return console;
    }

    public DeliveryLog log() {
        return log;
    }

    public DeliveryService delivery() {
        return delivery;
    }

    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    public synchronized AppSettings appSettings() {
        return appSettings;
    }

    public void setAppSettings(AppSettings settings) {
        synchronized (this) {
            this.appSettings = settings;
        }
        listeners.forEach(EngineListener::workspaceChanged);
    }

    /** Console entries changed (the console is thread-safe on its own; this tells the views). */
    public void consoleChanged() {
        listeners.forEach(EngineListener::workspaceChanged);
    }

    public void putUser(ImUser user) {
        synchronized (this) {
            users.put(user.userID(), user);
        }
        listeners.forEach(EngineListener::workspaceChanged);
    }

    public synchronized List<ImUser> users() {
        return List.copyOf(users.values());
    }

    public synchronized Optional<ImUser> user(String userID) {
        return Optional.ofNullable(users.get(userID));
    }

    public void putGroup(ImGroup group) {
        synchronized (this) {
            groups.put(group.groupID(), group);
        }
        listeners.forEach(EngineListener::workspaceChanged);
    }

    public void removeGroup(String groupID) {
        synchronized (this) {
            groups.remove(groupID);
        }
        listeners.forEach(EngineListener::workspaceChanged);
    }

    public synchronized List<ImGroup> groups() {
        return List.copyOf(groups.values());
    }

    public synchronized Optional<ImGroup> group(String groupID) {
        return Optional.ofNullable(groups.get(groupID));
    }

    // ---------------------------------------------------------------- devices

    /** A simulated iPhone whose token comes from the gateway of its build's environment. */
    public DeviceSnapshot addDevice(String deviceId, String name, BuildConfiguration build) {
        return addDevice(deviceId, name, build, TokenRegistration.OK, null);
    }

    /**
     * A simulated iPhone whose first token request does what {@code firstRequest} says: the token comes from the
     * gateway of its build's environment, or the request fails, or it is never answered.
     */
    public DeviceSnapshot addDevice(String deviceId, String name, BuildConfiguration build,
                                    TokenRegistration firstRequest) {
        return addDevice(deviceId, name, build, firstRequest, null);
    }

    /**
     * A simulated iPhone as {@link #addDevice(String, String, BuildConfiguration, TokenRegistration)}, that keeps the
     * token it was issued before ({@code issuedToken}, from a saved workspace): the gateway of its build's environment
     * accepts it again, so saved curl commands and tokens stay valid across restarts. With {@code issuedToken} null
     * (or already taken) the first token request runs as {@code firstRequest} says.
     */
    public DeviceSnapshot addDevice(String deviceId, String name, BuildConfiguration build,
                                    TokenRegistration firstRequest, String issuedToken) {
        DeviceSnapshot s;
        synchronized (this) {
            requireNewDevice(deviceId);
            ApnsEnvironment env = build.tokenEnvironment();
            SimulatedIPhone d = new SimulatedIPhone(deviceId, name == null || name.isBlank() ? deviceId : name, build,
                    null, env, false, afterApns);
            d.firstTokenRequest = firstRequest == null ? TokenRegistration.OK : firstRequest;
            devices.put(deviceId, d);
            if (issuedToken != null && !deviceByToken.containsKey(issuedToken)) {
                tokens.register(env, appSettings.bundleId(), issuedToken);
                d.token = issuedToken; // the token iOS handed over before the restart
                deviceByToken.put(issuedToken, deviceId);
            } else {
                requestToken(d);
            }
            d.appState = AppState.FOREGROUND;
            s = d.snapshot();
            event(deviceId, d.token == null ? ActivityEvent.Kind.WARNING : ActivityEvent.Kind.INSTALL, "App installed ("
                    + build.displayName() + " build): " + TokenRegistrar.describe(d));
        }
        fireDevice(s);
        return s;
    }

    /**
     * A real iPhone, known only by the token pasted from its log. Pushes to it go through whatever gateway
     * its certificate ID names; nothing appears on a simulated screen.
     */
    public DeviceSnapshot addRealDevice(String deviceId, String name, BuildConfiguration build, String rawToken) {
        DeviceTokens.Parsed parsed = DeviceTokens.parse(rawToken);
        if (!parsed.valid()) {
            throw new IllegalArgumentException(parsed.problem());
        }
        DeviceSnapshot s;
        synchronized (this) {
            requireNewDevice(deviceId);
            SimulatedIPhone d = new SimulatedIPhone(deviceId, name == null || name.isBlank() ? deviceId : name, build,
                    parsed.hex(), build.tokenEnvironment(), true, afterApns);
            d.appState = AppState.BACKGROUND;
            devices.put(deviceId, d);
            s = d.snapshot();
            event(deviceId, ActivityEvent.Kind.INSTALL, "Real device added with token " + DeviceTokens.abbreviate(parsed.hex())
                    + (parsed.notes().isEmpty() ? "" : " (" + String.join("; ", parsed.notes()) + ")"));
        }
        fireDevice(s);
        return s;
    }

    private void requireNewDevice(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("a device needs an id, like phone1");
        }
        if (devices.containsKey(deviceId)) {
            throw new IllegalArgumentException("there is already a device '" + deviceId + "'");
        }
    }

    public void removeDevice(String deviceId) {
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            devices.remove(deviceId);
            if (d.token != null) {
                deviceByToken.remove(d.token, deviceId);
            }
        }
        listeners.forEach(l -> l.deviceRemoved(deviceId));
    }

    public synchronized List<DeviceSnapshot> devices() {
        return devices.values().stream().map(SimulatedIPhone::snapshot).toList();
    }

    public synchronized DeviceSnapshot device(String deviceId) {
        return device0(deviceId).snapshot();
    }

    /** What the lock screen shows (and a tap can open), oldest first; silent pushes are not among them. */
    public synchronized List<DeliveredNotification> notifications(String deviceId) {
        return device0(deviceId).notificationList();
    }

    /** The silent (background) pushes that reached the phone, oldest first: iOS shows nothing for them. */
    public synchronized List<DeliveredNotification> silentPushes(String deviceId) {
        return device0(deviceId).silentPushList();
    }

    /** How many silent pushes reached the phone since it was added (or the app was reinstalled). */
    public synchronized int silentPushCount(String deviceId) {
        return device0(deviceId).silentPushCount;
    }

    public synchronized List<ActivityEvent> activity() {
        return List.copyOf(activity);
    }

    public synchronized List<TapOutcome> taps() {
        return List.copyOf(taps);
    }

    private SimulatedIPhone device0(String deviceId) {
        SimulatedIPhone d = devices.get(deviceId);
        if (d == null) {
            throw new NoSuchElementException("no device '" + deviceId + "'; devices: " + devices.keySet());
        }
        return d;
    }

    // ---------------------------------------------------------------- login, logout, kick-off

    /**
     * Logs a user in on a device, then runs registerService: the token and the build's certificate ID are
     * reported with setAPNS. The same user on another device is kicked off (it gets no offline push).
     */
    public DeviceSnapshot login(String deviceId, String userID) {
        List<DeviceSnapshot> changed = new ArrayList<>();
        RedirectTarget cached;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            if (!users.containsKey(userID)) {
                throw new IllegalArgumentException("no user '" + userID + "'; users: " + users.keySet());
            }
            if (!d.installed) {
                throw new IllegalStateException(d.name + " has no app installed: install it first");
            }
            if (d.loggedInUser != null && !d.loggedInUser.equals(userID)) {
                logout0(d);
            }
            for (SimulatedIPhone other : devices.values()) {
                if (other != d && userID.equals(other.loggedInUser) && !other.kickedOff) {
                    // Multi-device policy: the newer login wins; the component on the old device does not
                    // unregister, but the backend treats it as offline.
                    other.kickedOff = true;
                    other.kickedOffBy = d.name;
                    event(other.deviceId, ActivityEvent.Kind.KICK_OFF, userID + " was kicked off: logged in on "
                            + d.name + ". This device gets no offline push until it logs in again.");
                    changed.add(other.snapshot());
                }
            }
            d.loggedInUser = userID;
            d.lastUser = userID;
            d.kickedOff = false;
            d.kickedOffBy = null;
            event(deviceId, ActivityEvent.Kind.LOGIN, userID + " logged in on " + d.name);
            registerService(d);
            cached = d.cachedTap;
            d.cachedTap = null;
            changed.add(d.snapshot());
        }
        changed.forEach(this::fireDevice);
        if (cached != null) {
            handOver(deviceId, cached, null, TapOutcome.Delivery.DELIVERED_AFTER_LOGIN,
                    "the tap that launched the app was cached until login");
        }
        return device(deviceId);
    }

    private void registerService(SimulatedIPhone d) {
        d.serviceRegistered = true;
        long certificateId = appSettings.certificateIdFor(d.build);
        d.reportedCertificateId = certificateId;
        event(d.deviceId, ActivityEvent.Kind.REGISTER_SERVICE, "registerService: requested the device token from iOS");
        if (!d.pushEnabled) {
            event(d.deviceId, ActivityEvent.Kind.SET_APNS, "Offline push stays off: the app still tells the IM backend to keep no token for this device");
            return;
        }
        setApns(d, certificateId);
    }

    private void setApns(SimulatedIPhone d, long certificateId) {
        if (d.token == null) {
            reportNoToken(d, certificateId);
            return;
        }
        d.reportedNoToken = false;
        d.boundToken = d.token;
        d.tokenDropped = false;
        d.boundCertificateId = certificateId;
        event(d.deviceId, ActivityEvent.Kind.SET_APNS, "setAPNS: businessID " + certificateId + ", token "
                + DeviceTokens.abbreviate(d.token) + " (" + d.tokenEnvironment.appleName() + ", " + d.build.displayName()
                + " build)");
        String warning = configurationWarning(d, certificateId);
        if (warning != null) {
            event(d.deviceId, ActivityEvent.Kind.WARNING, warning);
        }
    }

    /** The seed's FAQ, said at login time: certificate ID missing, unknown, or of the other environment. */
    private String configurationWarning(SimulatedIPhone d, long certificateId) {
        if (certificateId == 0) {
            return "The app defines no certificate ID for " + d.build.displayName()
                    + " builds (TUIOfflinePushCertificateIDForAPNS absent): the backend will not push";
        }
        Optional<CertificateEntry> entry = console.find(certificateId);
        if (entry.isEmpty()) {
            return "Certificate ID " + certificateId + " is not in the console: the backend cannot push";
        }
        if (entry.get().environment() != d.tokenEnvironment) {
            return d.build.displayName() + " build reports a " + d.tokenEnvironment.appleName()
                    + " token with certificate ID " + certificateId + ", which is " + entry.get().environment().appleName()
                    + ": APNs will answer BadDeviceToken";
        }
        return null;
    }

    /** Logs out: unregisterService runs and the backend unbinds the token. */
    public DeviceSnapshot logout(String deviceId) {
        DeviceSnapshot s;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            if (d.loggedInUser == null) {
                throw new IllegalStateException("nobody is logged in on " + d.name);
            }
            logout0(d);
            s = d.snapshot();
        }
        fireDevice(s);
        return s;
    }

    private void logout0(SimulatedIPhone d) {
        String user = d.loggedInUser;
        d.loggedInUser = null;
        d.kickedOff = false;
        d.kickedOffBy = null;
        d.serviceRegistered = false;
        d.boundToken = null;
        event(d.deviceId, ActivityEvent.Kind.LOGOUT, user + " logged out of " + d.name);
        event(d.deviceId, ActivityEvent.Kind.UNREGISTER_SERVICE,
                "unregisterService: the backend unbound the token; no offline push until the next login");
    }

    public DeviceSnapshot setAppState(String deviceId, AppState state) {
        DeviceSnapshot s;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            if (!d.installed && state != AppState.KILLED) {
                throw new IllegalStateException(d.name + " has no app installed");
            }
            AppState before = d.appState;
            d.appState = state;
            if (state == AppState.KILLED && d.serviceRegistered) {
                // The process is gone, and the component's state with it; the backend keeps the session and the
                // token binding, so offline pushes go on. The next launch needs a login to register again.
                d.serviceRegistered = false;
                event(deviceId, ActivityEvent.Kind.INFO, "Process killed: the backend keeps " + d.loggedInUser
                        + "'s session and token, so offline pushes still arrive; log in again after the next launch");
            }
            String user = d.loggedInUser;
            if (state == AppState.FOREGROUND && user != null && !d.kickedOff) {
                // Opening the app reads the conversations: unread and badge go back to zero.
                unread.put(user, 0);
                d.badge = 0;
            } else if (before == AppState.FOREGROUND && state.getsOfflinePush() && user != null) {
                // Going to the background the SDK reports the unread total as the badge baseline.
                d.badge = unread.getOrDefault(user, 0);
            }
            event(deviceId, ActivityEvent.Kind.APP_STATE, "App state: " + state.displayName()
                    + (state.getsOfflinePush() ? " (messages now arrive as offline pushes)" : ""));
            s = d.snapshot();
        }
        fireDevice(s);
        return s;
    }

    /** setAPNS(nil) turns offline push off; enabling reports the token again when logged in. */
    public DeviceSnapshot setPushEnabled(String deviceId, boolean enabled) {
        DeviceSnapshot s;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            d.pushEnabled = enabled;
            if (!enabled) {
                d.boundToken = null;
                event(deviceId, ActivityEvent.Kind.SET_APNS, "Offline push turned off for this device: the app told the IM backend to forget its token (setAPNS with none)");
            } else if (d.serviceRegistered) {
                setApns(d, appSettings.certificateIdFor(d.build));
            } else {
                event(deviceId, ActivityEvent.Kind.SET_APNS, "Offline push allowed again; the token is reported at the next login");
            }
            s = d.snapshot();
        }
        fireDevice(s);
        return s;
    }

    /** Uninstalling kills the app and makes APNs answer 410 Unregistered for its token. */
    public DeviceSnapshot uninstall(String deviceId) {
        DeviceSnapshot s;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            d.installed = false;
            d.appState = AppState.KILLED;
            d.clearNotifications();
            if (d.token != null) {
                tokens.uninstall(d.tokenEnvironment, d.token, clock.instant());
            }
            // The backend is not told: it keeps the binding, and APNs' 410 is how it finds out.
            event(deviceId, ActivityEvent.Kind.INSTALL, d.token == null ? "App uninstalled (it never got a device token)"
                    : "App uninstalled: APNs now answers 410 Unregistered for token " + DeviceTokens.abbreviate(d.token));
            s = d.snapshot();
        }
        fireDevice(s);
        return s;
    }

    /** A fresh install gets a new token and starts logged out. */
    public DeviceSnapshot install(String deviceId) {
        DeviceSnapshot s;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            if (d.installed) {
                throw new IllegalStateException("the app is already installed on " + d.name);
            }
            reissueToken(d);
            d.installed = true;
            d.appState = AppState.FOREGROUND;
            d.loggedInUser = null;
            d.serviceRegistered = false;
            d.kickedOff = false;
            event(deviceId, d.token == null ? ActivityEvent.Kind.WARNING : ActivityEvent.Kind.INSTALL,
                    "App installed again: " + TokenRegistrar.describe(d) + "; log in to report it");
            s = d.snapshot();
        }
        fireDevice(s);
        return s;
    }

    /** Installs a build of the other configuration: a new token of that build's environment. */
    public DeviceSnapshot setBuild(String deviceId, BuildConfiguration build) {
        DeviceSnapshot s;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            if (d.real) {
                throw new IllegalStateException(d.name + " is a real device: its token comes from its own build");
            }
            d.build = build;
            reissueToken(d);
            event(deviceId, d.token == null ? ActivityEvent.Kind.WARNING : ActivityEvent.Kind.INSTALL,
                    build.displayName() + " build installed: " + TokenRegistrar.describe(d));
            if (d.serviceRegistered && d.pushEnabled) {
                registerService(d);
            }
            s = d.snapshot();
        }
        fireDevice(s);
        return s;
    }

    private void reissueToken(SimulatedIPhone d) {
        AfterApns.DeviceKey before = d.apnsKey(); // network and power state move with the phone to its new token
        if (d.token != null) {
            deviceByToken.remove(d.token, d.deviceId);
        }
        d.token = null;
        d.tokenEnvironment = d.build.tokenEnvironment();
        requestToken(d);
        afterApns.carryOver(before, d.apnsKey());
    }

    /** The app's processTUIOfflinePushNotification: null = not implemented, true = takes over, false = lets the component go on. */
    public DeviceSnapshot setOfflinePushHook(String deviceId, Boolean takesOver) {
        DeviceSnapshot s;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            d.hookTakesOver = takesOver;
            s = d.snapshot();
        }
        fireDevice(s);
        return s;
    }

    // ---------------------------------------------------------------- token registration (the seed's token FAQ)

    /**
     * iOS asks APNs for the device token (the app called registerForRemoteNotifications at launch): a token from the
     * gateway of the build's environment, an error, or no answer, as {@link TokenRegistrar} decides.
     */
    private void requestToken(SimulatedIPhone d) {
        if (registrar.request(d) == TokenRegistration.OK) {
            d.token = tokens.issueToken(d.tokenEnvironment, appSettings.bundleId());
            deviceByToken.put(d.token, d.deviceId);
        } else {
            d.token = null;
        }
    }

    /** setAPNS with no token: the component has nothing to report, so the backend binds none. */
    private void reportNoToken(SimulatedIPhone d, long certificateId) {
        d.boundToken = null;
        d.boundCertificateId = certificateId;
        d.reportedNoToken = true;
        event(d.deviceId, ActivityEvent.Kind.SET_APNS, "setAPNS: businessID " + certificateId + ", no device token to"
                + " report (token " + d.tokenStatus().describe() + ")");
        event(d.deviceId, ActivityEvent.Kind.WARNING, "No device token: the backend will not push to " + d.name
                + ". The guide's remedies: " + TokenRemedy.GUIDE + ".");
    }

    private static String noTokenDetail(SimulatedIPhone d) {
        if (d.token != null) {
            return "iOS has handed over a token since, but the app has not reported it yet (setAPNS reported none):"
                    + " open the app and log in again";
        }
        String token = d.tokenState == TokenState.FAILED
                ? "didFailToRegisterForRemoteNotificationsWithError: " + d.tokenError
                : "token " + d.tokenStatus().describe();
        return NoPushReason.NO_TOKEN.explanation() + "; " + token;
    }

    /** The seed's flaky development registration: applies to every token request from now on. */
    public void setFlakyRegistration(FlakyRegistration flaky) {
        registrar.setFlaky(flaky);
        listeners.forEach(EngineListener::workspaceChanged);
    }

    public FlakyRegistration flakyRegistration() {
        return registrar.flaky();
    }

    public synchronized TokenStatus tokenStatus(String deviceId) {
        return device0(deviceId).tokenStatus();
    }

    /** One of the guide's remedies; each makes iOS request the token again. */
    public DeviceSnapshot applyRemedy(String deviceId, TokenRemedy remedy) {
        return switch (remedy) {
            case RETRY -> retryRegistration(deviceId);
            case CELLULAR -> setNetwork(deviceId, Network.CELLULAR);
            case REINSTALL -> reinstall(deviceId);
            case RESTART_APP -> restartApp(deviceId, false);
            case RESTART_PHONE -> restartApp(deviceId, true);
            case PRODUCTION_BUILD -> setBuild(deviceId, BuildConfiguration.RELEASE);
        };
    }

    /**
     * The app calls registerForRemoteNotifications again. A device that has a token gets the same one back; one
     * without makes a new request, and a token it gets is reported with setAPNS when the service is registered.
     */
    public DeviceSnapshot retryRegistration(String deviceId) {
        return tokenAction(deviceId, d -> {
            if (d.appState == AppState.KILLED) {
                throw new IllegalStateException("the app is not running on " + d.name + ": open it, or restart it");
            }
            retry(d, "registerForRemoteNotifications again");
        });
    }

    /** The phone changes network: iOS connects to APNs again, and a pending token request is made again. */
    public DeviceSnapshot setNetwork(String deviceId, Network network) {
        return tokenAction(deviceId, d -> {
            d.network = network;
            retry(d, "Network: " + network.displayName() + ", iOS connects to APNs again");
        });
    }

    /** Uninstall and install again: a new token request; the user logs in again to report it. */
    public DeviceSnapshot reinstall(String deviceId) {
        synchronized (this) {
            requireSimulated(device0(deviceId));
        }
        uninstall(deviceId);
        return install(deviceId);
    }

    /**
     * The app (or the whole phone) restarts and the app is opened: its process starts again, requests the token, and
     * logs the saved user back in (registerService and setAPNS run again) unless the user was kicked off.
     */
    public DeviceSnapshot restartApp(String deviceId, boolean wholePhone) {
        return tokenAction(deviceId, d -> {
            d.appState = AppState.FOREGROUND;
            d.serviceRegistered = false;
            event(d.deviceId, ActivityEvent.Kind.APP_STATE, (wholePhone ? "Phone restarted and the app opened"
                    : "App restarted") + ": " + (d.token == null ? "the token is requested again" : "iOS hands back token "
                    + DeviceTokens.abbreviate(d.token)));
            if (d.token == null) {
                requestToken(d);
                event(d.deviceId, d.token == null ? ActivityEvent.Kind.WARNING : ActivityEvent.Kind.INFO,
                        capitalize(TokenRegistrar.describe(d)));
            }
            if (d.loggedInUser != null && !d.kickedOff) {
                unread.put(d.loggedInUser, 0);
                d.badge = 0;
                event(d.deviceId, ActivityEvent.Kind.LOGIN, d.loggedInUser + " logged in again at launch");
                registerService(d);
            }
        });
    }

    private void retry(SimulatedIPhone d, String what) {
        if (d.token != null) {
            event(d.deviceId, ActivityEvent.Kind.INFO, what + ": iOS hands back the same token "
                    + DeviceTokens.abbreviate(d.token));
            return;
        }
        requestToken(d);
        event(d.deviceId, d.token == null ? ActivityEvent.Kind.WARNING : ActivityEvent.Kind.INFO, what + ": "
                + TokenRegistrar.describe(d));
        if (d.token != null && d.serviceRegistered && d.pushEnabled) {
            setApns(d, appSettings.certificateIdFor(d.build));
        }
    }

    private interface TokenChange {
        void apply(SimulatedIPhone d);
    }

    private DeviceSnapshot tokenAction(String deviceId, TokenChange change) {
        DeviceSnapshot s;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            requireSimulated(d);
            if (!d.installed) {
                throw new IllegalStateException(d.name + " has no app installed: install it first");
            }
            change.apply(d);
            s = d.snapshot();
        }
        fireDevice(s);
        return s;
    }

    private static void requireSimulated(SimulatedIPhone d) {
        if (d.real) {
            throw new IllegalStateException(d.name + " is a real device: its token comes from the phone itself");
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---------------------------------------------------------------- messages

    /** What the backend would do with this message, device by device, without sending anything. */
    public synchronized List<PlannedDelivery> preview(ImMessage message) {
        return plan(message, false);
    }

    /**
     * Sends a message: decides per recipient device (push, online, or no push and why), records every
     * decision, and pushes through the console's credentials. Blocks only while too many pushes are in flight.
     */
    public SendReport send(ImMessage message) {
        return send(message, DeliveryRecord.SOURCE_FLOW);
    }

    /** {@link #send(ImMessage)}, its records marked with what sent it ({@link DeliveryRecord#SOURCE_LOAD}, ...). */
    public SendReport send(ImMessage message, String source) {
        List<PlannedDelivery> plan;
        synchronized (this) {
            plan = plan(message, true);
        }
        List<CompletableFuture<DeliveryRecord>> futures = new ArrayList<>(plan.size());
        for (PlannedDelivery p : plan) {
            if (!p.isPush()) {
                DeliveryStatus status = p.noPushReason() == NoPushReason.ONLINE ? DeliveryStatus.ONLINE : DeliveryStatus.NO_PUSH;
                DeliveryRecord decision = DeliveryRecord.decision(clock.instant(), message.msgID(), p.deviceId(),
                        p.deviceName(), p.userID(), p.certificateId(), status, p.noPushReason().code(), p.detail());
                futures.add(CompletableFuture.completedFuture(log.append(
                        DeliveryRecord.SOURCE_FLOW.equals(source) ? decision : decision.withSource(source))));
            } else {
                futures.add(push(message, p, source));
            }
        }
        CompletableFuture<List<DeliveryRecord>> all = futures.size() == 1
                ? futures.get(0).thenApply(List::of) // the common one-to-one case: one stage, not allOf + a stream
                : CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
        return new SendReport(message, plan, all);
    }

    private volatile DeliveryPolicy deliveryPolicy = DeliveryPolicy.DEFAULT;

    /** How the backend retries pushes APNs did not take ({@link DeliveryPolicy#DEFAULT} unless set). */
    public DeliveryPolicy deliveryPolicy() {
        return deliveryPolicy;
    }

    public void setDeliveryPolicy(DeliveryPolicy policy) {
        this.deliveryPolicy = java.util.Objects.requireNonNull(policy, "policy");
    }

    /**
     * Sends one planned push under the delivery policy; the future completes with its final record. Every attempt
     * is one record; a file-backed log also gets a SENDING line before the attempt goes out (so a crash leaves a
     * trace of a push the gateway may have taken; see DeliveryLog.journal and UnansweredPushes). No wait for the phone is needed: an embedded gateway hands an accepted notification to
     * {@link #notificationArrived} before it writes the 200, so by the time the answer is here the simulated iPhone
     * already shows it.
     */
    private CompletableFuture<DeliveryRecord> push(ImMessage message, PlannedDelivery p, String source) {
        PushAttempts attempts = new PushAttempts(message, p, source);
        delivery.send(p.entry(), p.request(), deliveryPolicy, attempts);
        return attempts;
    }

    /** One push's records, attempt by attempt; completes with the final one. */
    private final class PushAttempts extends CompletableFuture<DeliveryRecord> implements DeliveryService.AttemptListener {
        private final ImMessage message;
        private final PlannedDelivery p;
        private final String source;
        private volatile Instant sentAt;
        /** The seq of the last SENDING line journaled (0: none, an in-memory log). */
        private volatile long journaled;

        PushAttempts(ImMessage message, PlannedDelivery p, String source) {
            this.message = message;
            this.p = p;
            this.source = source;
        }

        @Override
        public void sending(int attempt) {
            Instant now = clock.instant();
            sentAt = now;
            if (log.file() != null) { // only a file needs the line: an in-memory log dies with the app anyway
                journaled = log.journal(sendingRecord(message, p, now, source, attempt));
            }
        }

        @Override
        public void whenRecorded(int attempt, Runnable send) {
            long line = journaled;
            // The first attempt waits until its SENDING line is on disk, so every push the gateway may accept has a
            // line with its apns-id. Retries do not wait: that push has its lines already, and holding retries for
            // the writer released them in bursts that APNs weather (goaway, reset) then broke together again
            // (LoadCommandTest's weather run lost most pushes that way).
            if (line == 0 || attempt > 1) {
                send.run();
            } else {
                log.whenWritten(line, send); // the SENDING line on disk before the request is written
            }
        }

        @Override
        public void answered(int attempt, PushOutcome outcome, boolean finalAttempt) {
            try {
                if (finalAttempt && outcome.statusCode() == 410) {
                    dropToken(p.deviceId(), p.request().token(), outcome);
                }
                Instant at = sentAt == null ? clock.instant() : sentAt;
                DeliveryRecord r = appendWithDeliveryState(message, p, outcome, at, source, attempt, finalAttempt);
                if (finalAttempt) {
                    complete(r);
                }
            } catch (RuntimeException e) {
                if (finalAttempt) {
                    completeExceptionally(e);
                }
            }
        }
    }

    /**
     * What a real IM backend does on APNs' 410 Unregistered: it forgets the token (the app was uninstalled or
     * turned push off), so later messages are not pushed to it until the app registers again.
     */
    private void dropToken(String deviceId, String token, PushOutcome outcome) {
        DeviceSnapshot s = null;
        synchronized (this) {
            SimulatedIPhone d = devices.get(deviceId);
            if (d != null && token.equals(d.boundToken) && !d.tokenDropped) {
                d.tokenDropped = true;
                event(deviceId, ActivityEvent.Kind.UNREGISTER_SERVICE, "APNs answered 410 Unregistered"
                        + (outcome.invalidationTimestamp() == null ? "" : " (token invalid since "
                        + outcome.invalidationTimestamp() + ")") + ": the backend dropped token "
                        + DeviceTokens.abbreviate(token) + "; no more pushes until the app registers again");
                s = d.snapshot();
            }
        }
        if (s != null) {
            fireDevice(s);
        }
    }

    private static DeliveryRecord record(long seq, ImMessage m, PlannedDelivery p, PushOutcome o, Instant time,
                                         String source, int attempt, boolean finalAttempt, String deliveryState) {
        CertificateEntry e = p.entry();
        PushRequest r = p.request();
        return new DeliveryRecord(seq, time, m.msgID(), p.deviceId(), p.deviceName(), p.userID(), e.certificateId(),
                e.environment(), o.gateway(), r.topic(), r.pushType().headerValue(),
                r.priority() == null ? 10 : r.priority(), r.token(), o.apnsId(), o.apnsUniqueId(), o.status(),
                o.statusCode(), o.reason(), o.failure(), o.invalidationTimestamp(), o.latencyMicros(), r.payload(),
                source, attempt, finalAttempt, deliveryState);
    }

    /**
     * The line written before an attempt goes out: no answer yet, not final, and no payload (the outcome line has
     * it; leaving it out halves what the log writer encodes per attempt).
     */
    private static DeliveryRecord sendingRecord(ImMessage m, PlannedDelivery p, Instant time, String source,
                                                int attempt) {
        CertificateEntry e = p.entry();
        PushRequest r = p.request();
        return new DeliveryRecord(0, time, m.msgID(), p.deviceId(), p.deviceName(), p.userID(), e.certificateId(),
                e.environment(), null, r.topic(), r.pushType().headerValue(),
                r.priority() == null ? 10 : r.priority(), r.token(), r.apnsIdText(), null, DeliveryStatus.SENDING,
                0, null, null, null, 0, null, source, attempt, false, null);
    }

    /** The backend's routing: every device of every recipient (group: every member but the sender). */
    private List<PlannedDelivery> plan(ImMessage message, boolean commit) {
        ImUser sender = users.get(message.sender());
        if (sender == null) {
            throw new IllegalArgumentException("no user '" + message.sender() + "' to send from; users: " + users.keySet());
        }
        ImGroup group = null;
        List<String> recipients;
        if (message.isGroup()) {
            group = groups.get(message.groupID());
            if (group == null) {
                throw new IllegalArgumentException("no group '" + message.groupID() + "'; groups: " + groups.keySet());
            }
            if (!group.members().contains(sender.userID())) {
                throw new IllegalArgumentException(sender.userID() + " is not a member of " + group.groupID());
            }
            recipients = group.members().stream().filter(u -> !u.equals(sender.userID())).toList();
        } else {
            if (!users.containsKey(message.receiver())) {
                throw new IllegalArgumentException("no user '" + message.receiver() + "' to send to; users: " + users.keySet());
            }
            recipients = List.of(message.receiver());
        }
        List<PlannedDelivery> plan = new ArrayList<>();
        for (String recipient : recipients) {
            List<SimulatedIPhone> theirs = new ArrayList<>(2); // a loop, not a stream: this runs for every message
            for (SimulatedIPhone d : devices.values()) {
                if (recipient.equals(d.lastUser)) {
                    theirs.add(d);
                }
            }
            if (theirs.isEmpty()) {
                plan.add(new PlannedDelivery(null, null, recipient, 0, NoPushReason.NO_DEVICE,
                        recipient + " has no device that ever logged in", null, null, null));
            }
            for (SimulatedIPhone d : theirs) {
                plan.add(decide(message, sender, group, recipient, d, commit));
            }
            if (commit) {
                unread.merge(recipient, 1, Integer::sum);
            }
        }
        return plan;
    }

    private PlannedDelivery decide(ImMessage m, ImUser sender, ImGroup group, String recipient, SimulatedIPhone d,
                                   boolean commit) {
        long certificateId = d.boundToken != null ? d.boundCertificateId : d.reportedCertificateId;
        NoPushReason reason = null;
        String detail = null;
        if (d.kickedOff) {
            reason = NoPushReason.KICKED_OFF;
            detail = "kicked off by " + recipient + "'s login on " + d.kickedOffBy + ": this device is offline and gets no offline push";
        } else if (d.loggedInUser == null) {
            reason = NoPushReason.LOGGED_OUT;
        } else if (d.installed && d.appState == AppState.FOREGROUND && d.serviceRegistered) {
            reason = NoPushReason.ONLINE;
        } else if (d.tokenDropped) {
            reason = NoPushReason.TOKEN_UNREGISTERED;
        } else if (d.pushEnabled && d.boundToken == null && d.reportedNoToken) {
            reason = NoPushReason.NO_TOKEN;
            detail = noTokenDetail(d);
        } else if (!d.pushEnabled || d.boundToken == null) {
            reason = NoPushReason.PUSH_DISABLED;
        } else if (m.offlinePushInfo().disablePush()) {
            reason = NoPushReason.DISABLE_PUSH;
        } else if (m.isCustom() && (m.offlinePushInfo().desc() == null || m.offlinePushInfo().desc().isEmpty())) {
            reason = NoPushReason.CUSTOM_WITHOUT_DESC;
        } else if (certificateId == 0) {
            reason = NoPushReason.NO_CERTIFICATE_ID;
        } else if (console.find(certificateId).isEmpty()) {
            reason = NoPushReason.UNKNOWN_CERTIFICATE_ID;
            detail = "certificate ID " + certificateId + " (reported by the " + d.build.displayName()
                    + " build) is not in the console: upload the certificate or fix the app's macro";
        }
        if (reason != null) {
            return new PlannedDelivery(d.deviceId, d.name, recipient, certificateId, reason,
                    detail == null ? reason.explanation() : detail, null, null, null);
        }
        CertificateEntry entry = console.find(certificateId).orElseThrow();
        boolean countsBadge = !m.offlinePushInfo().ignoreIOSBadge() && m.apnsOptions().pushType() != PushType.BACKGROUND;
        int badge = d.badge + (countsBadge ? 1 : 0);
        if (commit && countsBadge) {
            d.badge = badge;
        }
        BuiltPayload payload = VendorPayload.build(m, sender, group, badge);
        PushRequest request = pushRequest(m, d.boundToken, entry, payload);
        return new PlannedDelivery(d.deviceId, d.name, recipient, certificateId, null, null, entry, request, payload);
    }

    // ---------------------------------------------------------------- gateway arrivals

    /**
     * A notification reached the phone that owns the token: the simulated iPhone shows it. Called on Netty threads
     * (through {@link #afterApns()}, which decides first whether it reaches the phone); quick and non-blocking.
     */
    public void notificationArrived(ApnsEnvironment environment, String token, String apnsId, String topic,
                                    String pushType, String payload) {
        arrive(environment, token, apnsId, topic, pushType, payload, null, false);
    }

    private void arrive(ApnsEnvironment environment, String token, String apnsId, String topic, String pushType,
                        String payload, String collapseId, boolean fromStorage) {
        String deviceId = deviceByToken.get(token);
        if (deviceId != null) {
            DeliveredNotification n = new DeliveredNotification(apnsId, clock.instant(), environment, topic, pushType,
                    payload, collapseId);
            boolean shown = false;
            synchronized (this) {
                SimulatedIPhone d = devices.get(deviceId);
                if (d == null || !token.equals(d.token)) {
                    deviceId = null;
                } else if (n.isSilent() && d.appState == AppState.KILLED) {
                    // iOS does not launch an app the user force-quit for a background push
                    event(deviceId, ActivityEvent.Kind.INFO, "Silent push (" + describeSilent(n) + ") not handed to"
                            + " the app: the user killed it, and iOS does not wake a force-quit app");
                    deviceId = null;
                } else {
                    shown = d.deliver(n);
                    if (!shown) {
                        event(deviceId, ActivityEvent.Kind.INFO, "Silent push received (" + describeSilent(n)
                                + "): nothing is shown; iOS may wake the app in the background");
                    } else if (fromStorage) {
                        event(deviceId, ActivityEvent.Kind.INFO, "Delivered from storage: APNs had kept this"
                                + " notification and delivered it now");
                    }
                }
            }
            if (deviceId != null) {
                String id = deviceId;
                listeners.forEach(l -> l.notificationDelivered(id, n));
            }
        }
    }

    private static String describeSilent(DeliveredNotification n) {
        return "background".equals(n.pushType()) ? "apns-push-type background"
                : "no alert, sound or badge";
    }

    // ---------------------------------------------------------------- after the 200 (dev.pushflow.afterapns)

    /** The embedded gateways' second stage: the one place a push's delivery state lives. */
    public AfterApns afterApns() {
        return afterApns;
    }

    /** The engine's clock: the log's times, the taps, and what expiry and the background budget count with. */
    public SimulatedClock clock() {
        return clock;
    }

    /** Moves the simulated clock forward (expiry, the background budget's hour); returns the new now. */
    public Instant advanceClock(Duration by) {
        return clock.advance(by);
    }

    /** What APNs did with an accepted push after the 200; empty for a push the embedded gateways never accepted. */
    public Optional<DeliveryState> deliveryState(String apnsId) {
        return afterApns.stateOf(apnsId);
    }

    /** Airplane mode: an offline phone gets nothing; APNs stores one notification per app until it is back. */
    public DeviceSnapshot setNetwork(String deviceId, boolean online) {
        AfterApns.DeviceKey key = apnsKeyOf(deviceId, online ? "Network back online: APNs delivers what it stored"
                : "Network offline (airplane mode): APNs stores one notification per app until the phone is back");
        afterApns.setOnline(key, online); // outside the engine lock: it may deliver to this phone
        DeviceSnapshot s = device(deviceId);
        fireDevice(s);
        return s;
    }

    /** Low Power Mode: priority 5 and 1 pushes are held until it is turned off; priority 10 goes at once. */
    public DeviceSnapshot setLowPower(String deviceId, boolean on) {
        AfterApns.DeviceKey key = apnsKeyOf(deviceId, on ? "Low Power Mode on: priority 5 and 1 pushes are held"
                : "Low Power Mode off: held pushes are delivered");
        afterApns.setLowPower(key, on);
        DeviceSnapshot s = device(deviceId);
        fireDevice(s);
        return s;
    }

    private synchronized AfterApns.DeviceKey apnsKeyOf(String deviceId, String activity) {
        SimulatedIPhone d = device0(deviceId);
        if (d.real) {
            throw new IllegalStateException(d.name + " is a real device: its network and power are its own");
        }
        event(deviceId, ActivityEvent.Kind.INFO, activity);
        return d.apnsKey();
    }

    /** The stage's hand-over: the notification reached the phone now or from storage. */
    private void deliverToPhone(GatewayNotification n, DeliveryState state) {
        arrive(n.environment(), n.token(), n.apnsId(), n.topic(), n.pushType(), n.payload(), n.collapseId(),
                state == DeliveryState.DELIVERED_FROM_STORAGE);
    }

    /**
     * Appends an accepted push's record with the state the stage decided at acceptance; a push APNs still holds is
     * remembered so that its later state appends a new line (the log stays append-only).
     */
    private DeliveryRecord appendWithDeliveryState(ImMessage m, PlannedDelivery p, PushOutcome o, Instant time,
                                                   String source, int attempt, boolean finalAttempt) {
        if (o.apnsId() == null || o.status() != DeliveryStatus.ACCEPTED) {
            return log.append(seq -> record(seq, m, p, o, time, source, attempt, finalAttempt, null));
        }
        // The common case without the lock: a state that never changes (delivered, discarded, throttled) has no
        // later line to follow up. The stage decided it before the 200 was written, so it is there by now. The
        // record is built once, with its state (it is on the per-push path: no copy per field set).
        DeliveryState settled = afterApns.stateOf(o.apnsId()).orElse(null);
        if (settled != null && !settled.isStored()) {
            return log.append(seq -> record(seq, m, p, o, time, source, attempt, finalAttempt, settled.code()));
        }
        synchronized (storedRecords) {
            DeliveryState state = afterApns.stateOf(o.apnsId()).orElse(null);
            DeliveryRecord out = log.append(seq -> record(seq, m, p, o, time, source, attempt, finalAttempt,
                    state == null ? null : state.code()));
            if (state != null && state.isStored()) {
                storedRecords.put(key(o.apnsId()), out);
            }
            return out;
        }
    }

    /** A later state of a stored push: a new log line for the same apns-id, with APNs' answer kept. */
    private void deliveryStateChanged(GatewayNotification n, DeliveryState state) {
        // delivered and discarded-not-stored are only ever a push's first state: nothing logged yet to follow up
        boolean first = state == DeliveryState.DELIVERED || state == DeliveryState.DISCARDED_NOT_STORED;
        if (n.apnsId() != null && !first) {
            synchronized (storedRecords) {
                DeliveryRecord before = storedRecords.get(key(n.apnsId()));
                if (before != null && !state.code().equals(before.deliveryState())) {
                    DeliveryRecord later = log.append(laterState(before, state, clock.instant()));
                    if (state.isStored()) {
                        storedRecords.put(key(n.apnsId()), later);
                    } else {
                        storedRecords.remove(key(n.apnsId()));
                    }
                }
            }
        }
        if (state != DeliveryState.DELIVERED && state != DeliveryState.THROTTLED) {
            String deviceId = deviceByToken.get(n.token());
            if (deviceId != null) { // what APNs holds for the phone changed: its card shows it
                try {
                    fireDevice(device(deviceId));
                } catch (NoSuchElementException removed) {
                    // removed meanwhile
                }
            }
        }
    }

    private static String key(String apnsId) {
        return apnsId.toLowerCase(java.util.Locale.ROOT);
    }

    private static DeliveryRecord laterState(DeliveryRecord r, DeliveryState state, Instant when) {
        return r.laterState(when, state.code());
    }

    /** The request for a planned push; the sender's APNs options may make it a background push. */
    private static PushRequest pushRequest(ImMessage m, String token, CertificateEntry entry, BuiltPayload payload) {
        var o = m.apnsOptions();
        if (o.pushType() == PushType.BACKGROUND) {
            return new PushRequest(token, PushType.BACKGROUND.topicFor(entry.bundleId()), PushType.BACKGROUND,
                    BackgroundPushes.payload(payload.json()), o.priority() == null ? 5 : o.priority(), o.expiration(),
                    o.collapseId(), null);
        }
        return new PushRequest(token, payload.pushType().topicFor(entry.bundleId()), payload.pushType(),
                payload.json(), o.priority(), o.expiration(), o.collapseId(), null);
    }

    // ---------------------------------------------------------------- taps

    /**
     * Taps a delivered notification (index into the device's list; negative = the newest) and runs the
     * component's parse rules, the app's hook, and its login-dependent caching.
     */
    public TapOutcome tap(String deviceId, int index) {
        DeliveredNotification n;
        Boolean hook;
        boolean coldLaunch;
        boolean registered;
        boolean loggedIn;
        synchronized (this) {
            SimulatedIPhone d = device0(deviceId);
            List<DeliveredNotification> list = d.notificationList();
            if (list.isEmpty()) {
                throw new IllegalStateException(d.name + " shows no notification to tap");
            }
            int i = index < 0 ? list.size() - 1 : index;
            if (i >= list.size()) {
                throw new IllegalArgumentException("notification " + index + " does not exist on " + d.name
                        + " (it shows " + list.size() + ")");
            }
            n = list.get(i);
            hook = d.hookTakesOver;
            coldLaunch = d.appState == AppState.KILLED;
            registered = d.serviceRegistered;
            loggedIn = d.loggedInUser != null && !d.kickedOff;
            d.appState = AppState.FOREGROUND;
            if (loggedIn) {
                unread.put(d.loggedInUser, 0);
                d.badge = 0;
            }
        }
        fireDevice(device(deviceId));
        if (!coldLaunch && !registered) {
            RedirectTarget ignored = new RedirectTarget(RedirectKind.NONE, "", "", "tap ignored after logout", null);
            return handOver(deviceId, ignored, n, TapOutcome.Delivery.IGNORED_AFTER_LOGOUT,
                    "the service is unregistered after logout, so the component ignores the tap");
        }
        OfflinePushHook appHook = hook == null ? null : entity -> hook;
        RedirectTarget target = RedirectParser.parse(n.userInfo(), appHook);
        if (target.kind() == RedirectKind.CUSTOM) {
            return handOver(deviceId, target, n, TapOutcome.Delivery.TAKEN_OVER, null);
        }
        if (target.kind() == RedirectKind.NONE) {
            return handOver(deviceId, target, n, TapOutcome.Delivery.NO_REDIRECT, null);
        }
        if (coldLaunch || !loggedIn) {
            // The tap launched a killed app: the IM SDK is not logged in yet, so the IDs wait for the login.
            synchronized (this) {
                device0(deviceId).cachedTap = target;
            }
            return handOver(deviceId, target, n, TapOutcome.Delivery.CACHED_UNTIL_LOGIN,
                    "the tap launched the killed app before login");
        }
        return handOver(deviceId, target, n, TapOutcome.Delivery.NAVIGATED, null);
    }

    private TapOutcome handOver(String deviceId, RedirectTarget target, DeliveredNotification n,
                                TapOutcome.Delivery delivery, String note) {
        TapOutcome outcome = new TapOutcome(deviceId, n == null ? null : n.apnsId(), target, delivery, note,
                n == null ? null : n.payload(), clock.instant());
        synchronized (this) {
            taps.add(outcome);
            event(deviceId, ActivityEvent.Kind.TAP, outcome.describe());
        }
        listeners.forEach(l -> l.tapped(outcome));
        return outcome;
    }

    /** The newest tap outcome on a device, if any. */
    public synchronized Optional<TapOutcome> lastTap(String deviceId) {
        for (int i = taps.size() - 1; i >= 0; i--) {
            if (taps.get(i).deviceId().equals(deviceId)) {
                return Optional.of(taps.get(i));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- plumbing

    private void event(String deviceId, ActivityEvent.Kind kind, String text) {
        ActivityEvent e = new ActivityEvent(clock.instant(), deviceId, kind, text);
        activity.add(e);
        if (activity.size() > MAX_ACTIVITY) {
            activity.subList(0, activity.size() - MAX_ACTIVITY).clear();
        }
        listeners.forEach(l -> l.activity(e));
    }

    private void fireDevice(DeviceSnapshot s) {
        listeners.forEach(l -> l.deviceChanged(s));
    }

    /** Removes devices, users and groups (the console and the log stay). */
    public void clearWorld() {
        synchronized (this) {
            devices.clear();
            deviceByToken.clear();
            users.clear();
            groups.clear();
            unread.clear();
            taps.clear();
        }
        afterApns.reset();
        synchronized (storedRecords) {
            storedRecords.clear();
        }
        listeners.forEach(EngineListener::workspaceChanged);
    }

    @Override
    public void close() {
        delivery.close();
        log.removeListener(logListener);
        try {
            if (!sharesLog) {
                log.close();
            }
        } catch (Exception ignored) {
            // the log flushes on close; a failure here has nowhere better to go
        }
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception ignored) {
                // best effort on shutdown
            }
        }
    }
}
