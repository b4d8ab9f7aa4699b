package dev.pushflow.ui.phones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.engine.DeliveredNotification;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.TapOutcome;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImUser;
import dev.pushflow.tap.RedirectKind;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The lock screens and the last tap: what the user sees and where a tap leads. */
public final class PhonesViewModel {
    /** How many notifications a lock screen lists (the engine keeps more). */
    public static final int SHOWN = 4;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final ObservableList<PhoneModel> phones = FXCollections.observableArrayList();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final Set<String> tapped = new HashSet<>();
    private final StringProperty tapTarget = new SimpleStringProperty("Tap a notification on a phone");
    private final StringProperty tapDetail = new SimpleStringProperty(
            "The component reads userInfo[\"ext\"], parses its entity, and calls navigateToTUIChatViewController.");
    private final StringProperty tapEntity = new SimpleStringProperty("");
    private final StringProperty tapUserInfo = new SimpleStringProperty("");
    private final ObjectProperty<RedirectKind> tapKind = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty clock = new SimpleStringProperty("");

    public PhonesViewModel(AppContext ctx) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        reload();
        ctx.events().subscribe(this::apply);
    }

    private void reload() {
        List<PhoneModel> list = new ArrayList<>();
        for (DeviceSnapshot s : engine.devices()) {
            PhoneModel p = new PhoneModel(s);
            refreshNotifications(p);
            list.add(p);
        }
        // Users first: replacing a choice list clears the choices' values, so the cards are built after it.
        List<String> ids = engine.users().stream().map(ImUser::userID).toList();
        if (!ids.equals(users)) {
            users.setAll(ids);
        }
        phones.setAll(list);
        refreshClock();
    }

    public void apply(UiEventQueue.Batch batch) {
        refreshClock(); // a scenario may have moved it
        if (batch.workspaceChanged()) {
            reload();
        }
        Set<String> refresh = new LinkedHashSet<>(batch.notifiedDevices());
        for (DeviceSnapshot s : batch.devices().values()) {
            PhoneModel p = find(s.deviceId());
            if (p == null) {
                p = new PhoneModel(s);
                phones.add(p);
            } else {
                p.snapshotProperty().set(s);
            }
            refresh.add(s.deviceId());
        }
        for (String id : batch.removedDevices()) {
            phones.removeIf(p -> p.deviceId().equals(id));
            refresh.remove(id);
        }
        for (String id : refresh) {
            PhoneModel p = find(id);
            if (p != null) {
                if (batch.notifiedDevices().contains(id)) {
                    // a push raises the badge; the snapshot is read once per batch, not per push
                    p.snapshotProperty().set(engine.device(id));
                }
                refreshNotifications(p);
            }
        }
        if (!batch.taps().isEmpty()) {
            for (TapOutcome t : batch.taps()) {
                if (t.apnsId() != null && tapped.add(t.apnsId())) {
                    PhoneModel p = find(t.deviceId());
                    if (p != null) {
                        refreshNotifications(p);
                    }
                }
            }
            show(batch.taps().getLast());
        }
    }

    private void refreshNotifications(PhoneModel p) {
        List<DeliveredNotification> all;
        List<DeliveredNotification> silent;
        int silentCount;
        try {
            all = engine.notifications(p.deviceId());
            silent = engine.silentPushes(p.deviceId());
            silentCount = engine.silentPushCount(p.deviceId());
        } catch (RuntimeException e) {
            return; // removed meanwhile
        }
        p.silentPushesProperty().set(silentLine(silentCount, silent.isEmpty() ? null : silent.getLast()));
        String appName = engine.appSettings().appName();
        List<NotificationItem> shown = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && shown.size() < SHOWN; i--) {
            DeliveredNotification n = all.get(i);
            if (n.apnsId() != null && tapped.contains(n.apnsId())) {
                continue;
            }
            if (!n.isVoip() && n.title().isBlank() && n.body().isBlank()) {
                continue; // a badge- or sound-only push: iOS updates the badge or plays the sound, shows no banner
            }
            shown.add(new NotificationItem(p.deviceId(), n.apnsId(), appName, n.title(), n.body(),
                    TIME.format(n.receivedAt()), n.badge(), n.isVoip()));
        }
        if (!shown.equals(p.notifications())) {
            p.notifications().setAll(shown);
        }
    }

    /** "2 silent pushes · last 01:07:52": iOS shows nothing for them, so neither does the lock screen. */
    static String silentLine(int count, DeliveredNotification last) {
        if (count == 0 || last == null) {
            return "";
        }
        return (count == 1 ? "1 silent push" : String.format("%,d silent pushes", count)) + " · last "
                + TIME.format(last.receivedAt()) + " · nothing shown";
    }

        private PhoneModel find(String deviceId) {
        for (PhoneModel p : phones) {
            if (p.deviceId().equals(deviceId)) {
                return p;
            }
        }
        return null;
    }

    /** Taps a notification: the engine runs the component's parse rules and the app's hook. */
    public void tap(NotificationItem item) {
        tasks.run(() -> {
            List<DeliveredNotification> all = engine.notifications(item.deviceId());
            int index = -1;
            for (int i = all.size() - 1; i >= 0; i--) {
                if (item.apnsId() != null && item.apnsId().equals(all.get(i).apnsId())) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                throw new IllegalStateException("that notification is no longer in the notification centre");
            }
            return engine.tap(item.deviceId(), index);
        }, outcome -> {
            if (item.apnsId() != null) {
                tapped.add(item.apnsId()); // iOS removes a tapped notification from the lock screen
            }
            PhoneModel p = find(item.deviceId());
            if (p != null) {
                refreshNotifications(p);
            }
            show(outcome);
        }, t -> message.set(TaskRunner.message(t)));
    }

    void show(TapOutcome o) {
        tapTarget.set(o.describe());
        tapKind.set(o.target().kind());
        String delivery = switch (o.delivery()) {
            case NAVIGATED -> "navigateToTUIChatViewController:userID:groupID: called with userID \""
                    + o.target().userID() + "\", groupID \"" + o.target().groupID() + "\"";
            case CACHED_UNTIL_LOGIN -> "Not logged in: the IDs are cached and handed over after the next login";
            case DELIVERED_AFTER_LOGIN -> "The cached tap was handed over right after login";
            case IGNORED_AFTER_LOGOUT -> "The service is unregistered after logout: the component ignores taps";
            case TAKEN_OVER -> "processTUIOfflinePushNotification returned YES: the app took over";
            case NO_REDIRECT -> "Parsed; nothing to open";
        };
        tapDetail.set("On " + o.deviceId() + ": " + delivery);
        tapEntity.set(o.target().entity() == null ? "(no entity was read)" : pretty(o.target().entity()));
        tapUserInfo.set(o.userInfo() == null ? "" : prettyText(o.userInfo()));
    }

    static String prettyText(String json) {
        try {
            return pretty(JSON.readTree(json));
        } catch (Exception e) {
            return json;
        }
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            return node.toString();
        }
    }

    // ---------------------------------------------------------------- quick controls on a phone

    public void setAppState(String deviceId, AppState state) {
        tasks.run(() -> engine.setAppState(deviceId, state), s -> message.set(""), t -> message.set(TaskRunner.message(t)));
    }

    public void login(String deviceId, String user) {
        tasks.run(() -> engine.login(deviceId, user), s -> message.set(""), t -> message.set(TaskRunner.message(t)));
    }

    public void logout(String deviceId) {
        tasks.run(() -> engine.logout(deviceId), s -> message.set(""), t -> message.set(TaskRunner.message(t)));
    }

    // ---------------------------------------------------------------- after the 200: network, power, clock

    /** Airplane mode off (online) or on: APNs stores one notification per app while the phone is offline. */
    public void setNetwork(String deviceId, boolean online) {
        tasks.run(() -> engine.setNetwork(deviceId, online), s -> message.set(""), t -> message.set(TaskRunner.message(t)));
    }

    /** Low Power Mode: priority 5 and 1 pushes are held until it is turned off. */
    public void setLowPower(String deviceId, boolean on) {
        tasks.run(() -> engine.setLowPower(deviceId, on), s -> message.set(""), t -> message.set(TaskRunner.message(t)));
    }

    /** Moves the simulated clock forward: stored pushes may expire, the background budget's hour passes. */
    public void advanceClock(java.time.Duration by) {
        tasks.run(() -> engine.advanceClock(by), now -> {
            message.set("");
            refreshClock();
        }, t -> message.set(TaskRunner.message(t)));
    }

    private void refreshClock() {
        String text = clockText(engine.clock().offset());
        if (!text.equals(clock.get())) {
            clock.set(text);
        }
    }

    /** "Clock: real time", "Clock: +1 d 2 h 5 min": how far the simulated clock is ahead. */
    static String clockText(java.time.Duration ahead) {
        if (ahead.isZero()) {
            return "Clock: real time";
        }
        long days = ahead.toDays();
        long hours = ahead.toHoursPart();
        long minutes = ahead.toMinutesPart();
        long seconds = ahead.toSecondsPart();
        StringBuilder sb = new StringBuilder("Clock: +");
        if (days > 0) {
            sb.append(days).append(" d ");
        }
        if (hours > 0) {
            sb.append(hours).append(" h ");
        }
        if (minutes > 0) {
            sb.append(minutes).append(" min ");
        }
        if (seconds > 0 || sb.length() == "Clock: +".length()) {
            sb.append(seconds).append(" s ");
        }
        return sb.toString().trim();
    }

    /** "Stored at APNs: 1 (offline)": what APNs holds for the phone; "" when nothing. */
    static String storedText(DeviceSnapshot s) {
        if (s.storedAtApns() == 0) {
            return "";
        }
        String why = s.storedOffline() > 0 && s.storedPower() > 0 ? "offline, Low Power"
                : s.storedOffline() > 0 ? "offline" : "Low Power";
        return "Stored at APNs: " + s.storedAtApns() + " (" + why + ")";
    }

    public StringProperty clockProperty() {
        return clock;
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<PhoneModel> phones() {
        return phones;
    }

    public ObservableList<String> users() {
        return users;
    }

    public String appName() {
        return engine.appSettings().appName();
    }

    public StringProperty tapTargetProperty() {
        return tapTarget;
    }

    public StringProperty tapDetailProperty() {
        return tapDetail;
    }

    public StringProperty tapEntityProperty() {
        return tapEntity;
    }

    public StringProperty tapUserInfoProperty() {
        return tapUserInfo;
    }

    public ObjectProperty<RedirectKind> tapKindProperty() {
        return tapKind;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
