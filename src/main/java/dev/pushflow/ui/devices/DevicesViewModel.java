package dev.pushflow.ui.devices;

import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.engine.ActivityEvent;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImUser;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.Callable;

/** The simulated iPhones and what can be done to them; every command goes to the engine off the UI thread. */
public final class DevicesViewModel {
    static final int MAX_ACTIVITY = 1_000;

    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final ObservableList<DeviceSnapshot> devices = FXCollections.observableArrayList();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<ActivityEvent> activity = FXCollections.observableArrayList();
    private final ObjectProperty<DeviceSnapshot> selected = new SimpleObjectProperty<>();
    private final StringProperty userToLogin = new SimpleStringProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    // New device form
    private final StringProperty newId = new SimpleStringProperty("");
    private final StringProperty newName = new SimpleStringProperty("");
    private final ObjectProperty<BuildConfiguration> newBuild = new SimpleObjectProperty<>(BuildConfiguration.DEBUG);
    private final StringProperty newToken = new SimpleStringProperty("");
    private final TokenViewModel tokens;
    /** Under the add form's fields: what is wrong with them, or a warning about the token; "" when nothing. */
    private final StringProperty addNote = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty addNoteError = new javafx.beans.property.SimpleBooleanProperty();

    public DevicesViewModel(AppContext ctx) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        this.tokens = new TokenViewModel(engine, tasks, selected);
        reload();
        activity.setAll(tail(engine.activity()));
        ctx.events().subscribe(this::apply);
        newId.addListener(o -> updateAddNote());
        newToken.addListener(o -> updateAddNote());
    }

    /** The add form says what is wrong next to its fields as they are typed (nothing while they are empty). */
    private void updateAddNote() {
        boolean typed = !newId.get().isBlank() || (newToken.get() != null && !newToken.get().isBlank());
        String problem = typed ? newDeviceProblem() : null;
        if (problem != null && !(newId.get().isBlank() && problem.startsWith("Give the device an id"))) {
            addNote.set(problem);
            addNoteError.set(true);
            return;
        }
        addNote.set(tokenWarning(newToken.get()));
        addNoteError.set(false);
    }

    /**
     * A token that parses but is not today's 32 bytes: accepted (Apple says not to assume a length), with a word, as
     * a cut or doubled paste is the likelier cause.
     */
    public static String tokenWarning(String token) {
        if (token == null || token.isBlank()) {
            return "";
        }
        DeviceTokens.Parsed p = DeviceTokens.parse(token);
        if (!p.valid() || p.hex().length() == 64) {
            return "";
        }
        return "This token is " + p.hex().length() / 2 + " bytes (" + p.hex().length() + " hex digits); today's tokens"
                + " are 32 bytes (64 digits). It is accepted, as Apple does not promise a length, but check that it"
                + " was copied whole.";
    }

    public StringProperty addNoteProperty() {
        return addNote;
    }

    public javafx.beans.property.BooleanProperty addNoteErrorProperty() {
        return addNoteError;
    }

    private void reload() {
        String sel = selected.get() == null ? null : selected.get().deviceId();
        devices.setAll(engine.devices());
        users.setAll(engine.users().stream().map(ImUser::userID).toList());
        if (userToLogin.get() == null && !users.isEmpty()) {
            userToLogin.set(users.getFirst());
        }
        select(sel != null ? sel : devices.isEmpty() ? null : devices.getFirst().deviceId());
    }

    /** Applies a batch of engine events: changed devices replace their rows, activity is appended. */
    public void apply(UiEventQueue.Batch batch) {
        if (batch.workspaceChanged()) {
            reload();
        }
        for (DeviceSnapshot s : batch.devices().values()) {
            int i = indexOf(s.deviceId());
            if (i >= 0) {
                devices.set(i, s);
            } else {
                devices.add(s);
            }
            if (selected.get() != null && selected.get().deviceId().equals(s.deviceId())) {
                selected.set(s);
            }
        }
        for (String id : batch.removedDevices()) {
            int i = indexOf(id);
            if (i >= 0) {
                devices.remove(i);
            }
            if (selected.get() != null && selected.get().deviceId().equals(id)) {
                selected.set(devices.isEmpty() ? null : devices.getFirst());
            }
        }
        if (!batch.activity().isEmpty()) {
            activity.addAll(tail(batch.activity()));
            if (activity.size() > MAX_ACTIVITY) {
                activity.remove(0, activity.size() - MAX_ACTIVITY);
            }
        }
    }

    private static List<ActivityEvent> tail(List<ActivityEvent> list) {
        return list.size() <= MAX_ACTIVITY ? list : list.subList(list.size() - MAX_ACTIVITY, list.size());
    }

    private int indexOf(String deviceId) {
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).deviceId().equals(deviceId)) {
                return i;
            }
        }
        return -1;
    }

    public void select(String deviceId) {
        int i = deviceId == null ? -1 : indexOf(deviceId);
        selected.set(i < 0 ? null : devices.get(i));
    }

    // ---------------------------------------------------------------- commands

    public void login() {
        String user = userToLogin.get();
        if (user == null || user.isBlank()) {
            fail("Choose a user to log in (alice, bob, carol...)");
            return;
        }
        onSelected(id -> engine.login(id, user), user + " logged in: registerService and setAPNS ran");
    }

    public void logout() {
        onSelected(engine::logout, "Logged out: unregisterService ran; this device gets no offline push");
    }

    public void setAppState(AppState state) {
        onSelected(id -> engine.setAppState(id, state), "App state: " + state.displayName());
    }

    public void setPushEnabled(boolean enabled) {
        onSelected(id -> engine.setPushEnabled(id, enabled), enabled ? "Offline push on: the token is reported again at login" : "Offline push off: the app reports no device token, so the backend pushes nothing to this device");
    }

    public void uninstall() {
        onSelected(engine::uninstall, "App uninstalled: APNs will answer 410 Unregistered for its token");
    }

    public void install() {
        onSelected(engine::install, "App installed with a new token; log in to report it");
    }

    public void setBuild(BuildConfiguration build) {
        onSelected(id -> engine.setBuild(id, build), build.displayName() + " build installed: new "
                + build.tokenEnvironment().appleName() + " token");
    }

    public void setHook(Boolean takesOver) {
        onSelected(id -> engine.setOfflinePushHook(id, takesOver), "processTUIOfflinePushNotification: "
                + (takesOver == null ? "not implemented" : takesOver ? "returns YES (app takes over)" : "returns NO"));
    }

    public void removeSelected() {
        onSelected(id -> {
            engine.removeDevice(id);
            return null;
        }, "Device removed");
    }

    /** Problem with the new-device form, or null when it can be added. Checked as typed. */
    public String newDeviceProblem() {
        String id = newId.get() == null ? "" : newId.get().trim();
        if (id.isEmpty()) {
            return "Give the device an id, like phone3";
        }
        if (!id.matches("[A-Za-z0-9._-]+")) {
            return "A device id uses letters, digits, '.', '_' and '-' only";
        }
        if (indexOf(id) >= 0) {
            return "There is already a device '" + id + "'";
        }
        return tokenProblem(newToken.get());
    }

    /** Problem with a pasted real-device token (empty = a simulated iPhone), or null. */
    public static String tokenProblem(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        DeviceTokens.Parsed p = DeviceTokens.parse(token);
        return p.valid() ? null : p.problem();
    }

    public void addDevice() {
        String problem = newDeviceProblem();
        if (problem != null) {
            addNote.set(problem); // next to the fields, not in another card
            addNoteError.set(true);
            return;
        }
        String id = newId.get().trim();
        String name = newName.get();
        BuildConfiguration build = newBuild.get();
        String token = newToken.get();
        boolean real = token != null && !token.isBlank();
        dev.pushflow.engine.TokenRegistration registration = tokens.newDeviceRegistrationProperty().get();
        run(() -> real ? engine.addRealDevice(id, name, build, token) : engine.addDevice(id, name, build, registration),
                s -> {
                    newId.set("");
                    newName.set("");
                    newToken.set("");
                    addNote.set("");
                    message.set((real ? "Real device " : "Simulated iPhone ") + s.name() + " added");
                    error.set(false);
                });
    }

    private interface DeviceCommand {
        Object apply(String deviceId) throws Exception;
    }

    private void onSelected(DeviceCommand command, String success) {
        DeviceSnapshot s = selected.get();
        if (s == null) {
            fail("Select a device first");
            return;
        }
        run(() -> command.apply(s.deviceId()), r -> {
            message.set(success);
            error.set(false);
        });
    }

    private <T> void run(Callable<T> work, java.util.function.Consumer<T> ok) {
        tasks.run(work, ok, t -> fail(TaskRunner.message(t)));
    }

    private void fail(String text) {
        message.set(text);
        error.set(true);
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<DeviceSnapshot> devices() {
        return devices;
    }

    public ObservableList<String> users() {
        return users;
    }

    public ObservableList<ActivityEvent> activity() {
        return activity;
    }

    public ObjectProperty<DeviceSnapshot> selectedProperty() {
        return selected;
    }

    public StringProperty userToLoginProperty() {
        return userToLogin;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    public StringProperty newIdProperty() {
        return newId;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public ObjectProperty<BuildConfiguration> newBuildProperty() {
        return newBuild;
    }

    public StringProperty newTokenProperty() {
        return newToken;
    }

    /** The selected device's token and the remedies for one that never comes. */
    public TokenViewModel tokens() {
        return tokens;
    }

    /**
     * The certificate ID the backend holds for the device: what setAPNS reported at the last login ("" when the
     * backend holds none: logged out, kicked off, or setAPNS(nil)). It may differ from the build's macro now.
     */
    public String backendCertificateIdFor(DeviceSnapshot s) {
        if (s.real() || s.loggedInUser() == null || s.kickedOff() || !s.serviceRegistered() || !s.pushEnabled()) {
            return s.real() ? String.valueOf(certificateIdFor(s)) : "—";
        }
        return String.valueOf(s.reportedCertificateId());
    }

    /** "" when the backend holds the build's certificate ID, else what to do about it. */
    public String certificateIdMismatch(DeviceSnapshot s) {
        String held = backendCertificateIdFor(s);
        long now = certificateIdFor(s);
        if (held.equals("—") || held.equals(String.valueOf(now))) {
            return "";
        }
        return "The backend holds certificate ID " + held + " from the last login; the build's macro is now " + now
                + ": log in again to report the new ID";
    }

    /** The certificate ID a device's build reports, for the table. */
    public long certificateIdFor(DeviceSnapshot s) {
        return engine.appSettings().certificateIdFor(s.build());
    }
}
