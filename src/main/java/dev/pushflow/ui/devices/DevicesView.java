package dev.pushflow.ui.devices;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.engine.ActivityEvent;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.Ui;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** Panel 2: the device table, the selected device's controls, and the activity feed. */
public final class DevicesView extends BorderPane {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final DevicesViewModel vm;
    private final Map<AppState, ToggleButton> stateButtons = new EnumMap<>(AppState.class);
    private final Map<BuildConfiguration, ToggleButton> buildButtons = new EnumMap<>(BuildConfiguration.class);
    private final ToggleSwitch pushSwitch = new ToggleSwitch("Offline push (setAPNS)");
    private final ComboBox<String> hook = new ComboBox<>();
    private final Label selectedTitle = new Label();
    private final Label selectedStatus = new Label();
    private boolean updating;

    public DevicesView(DevicesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("panel");
        setId("devices-view");
        TableView<DeviceSnapshot> table = table();
        VBox left = new VBox(12, Ui.card("Simulated iPhones", Feather.SMARTPHONE, table),
                TokenCard.create(vm.tokens(), vm.selectedProperty()), addDeviceCard());
        VBox.setVgrow(left.getChildren().getFirst(), Priority.ALWAYS);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox controls = controlsCard();
        HBox top = new HBox(12, left, controls);
        HBox.setHgrow(left, Priority.ALWAYS);
        controls.setPrefWidth(400);
        controls.setMinWidth(400);
        SplitPane split = new SplitPane(top, activityCard());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.64);
        setCenter(split);
        vm.selectedProperty().addListener((o, a, b) -> showSelected(b));
        showSelected(vm.selectedProperty().get());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && !updating) {
                vm.select(b.deviceId());
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                updating = true;
                table.getSelectionModel().select(b);
                updating = false;
            }
        });
        if (vm.selectedProperty().get() != null) {
            table.getSelectionModel().select(vm.selectedProperty().get());
        }
    }

    private TableView<DeviceSnapshot> table() {
        TableView<DeviceSnapshot> t = new TableView<>(vm.devices());
        t.setId("device-table");
        t.getStyleClass().add(Styles.DENSE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The short columns keep their width (min = pref); the device name and the login status give way.
        // Build and token share a column ("Debug → sandbox"): six columns did not fit beside the controls.
        t.getColumns().add(col("Device", 140, DeviceSnapshot::name));
        // The build decides the token's environment (Debug → sandbox, Release → production): the selected device's
        // line and the tooltip say it; the table keeps room for the two certificate IDs.
        t.getColumns().add(fixed(col("Build", 74, s -> s.build().displayName() + (s.real() ? " (real)" : "")
                + (s.pushEnabled() ? "" : ", push off"))));
        // Two certificate IDs: the build's macro now, and the one the backend holds from setAPNS at the last login
        // (pushes use that one). They differ after the macro changed until the next login: "bad devicetoken" again.
        TableColumn<DeviceSnapshot, String> macro = fixed(col("Macro", 72, s -> String.valueOf(vm.certificateIdFor(s))));
        macro.setId("device-macro-id");
        t.getColumns().add(macro);
        TableColumn<DeviceSnapshot, String> held = fixed(col("Held", 64, vm::backendCertificateIdFor));
        held.setId("device-backend-id");
        t.getColumns().add(held);
        t.getColumns().add(fixed(col("Token", 86, TokenViewModel::column)));
        t.getColumns().add(fixed(col("App state", 100, s -> s.installed() ? s.appState().displayName() : "Not installed")));
        t.getColumns().add(col("Login", 100, dev.pushflow.ui.LoginStory::status));
        t.setPlaceholder(new Label("No devices: add one below"));
        Ui.tip(t, "Build: Debug gets a sandbox (development) token, Release a production token. Macro: the build's TUIOfflinePushCertificateIDForAPNS now (0 = absent). Held: the certificate ID the"
                + " backend holds from setAPNS at the last login, which pushes use (— = none: logged out, kicked off or"
                + " push off). Log in again after changing the macro.");
        return t;
    }

    private static TableColumn<DeviceSnapshot, String> fixed(TableColumn<DeviceSnapshot, String> c) {
        c.setMinWidth(c.getPrefWidth());
        return c;
    }

    private static TableColumn<DeviceSnapshot, String> col(String title, double width, Function<DeviceSnapshot, String> f) {
        TableColumn<DeviceSnapshot, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setPrefWidth(width);
        // At 1280 px the device name and the login status are cut to "…": the whole text is the cell's tooltip.
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                tip.setText(s);
                setTooltip(empty || s == null || s.isEmpty() ? null : tip);
            }
        });
        return c;
    }

    private VBox controlsCard() {
        selectedTitle.getStyleClass().add("device-title");
        selectedStatus.getStyleClass().add("muted");
        selectedStatus.setWrapText(true);
        selectedStatus.setMinHeight(USE_PREF_SIZE); // the whole line, wrapped, never cut to "…"

        ComboBox<String> user = new ComboBox<>(vm.users());
        user.setId("login-user");
        user.valueProperty().bindBidirectional(vm.userToLoginProperty());
        Ui.tip(user, "The IM userID to log in. With TUILogin, TUIOfflinePush runs registerService after login "
                + "and reports the device token with setAPNS (businessID = the build's certificate ID).");
        Button login = new Button("_Log in", new FontIcon(Feather.LOG_IN));
        login.setId("login-button");
        login.getStyleClass().add(Styles.ACCENT);
        login.setOnAction(e -> vm.login());
        login.setDefaultButton(false);
        Button logout = new Button("Log _out", new FontIcon(Feather.LOG_OUT));
        logout.setId("logout-button");
        Ui.tip(logout, "logout: unregisterService runs and the backend unbinds the token; a logged-out user gets no offline push");
        logout.setOnAction(e -> vm.logout());
        HBox loginRow = Ui.row(8, user, login, logout);

        ToggleGroup states = new ToggleGroup();
        HBox stateRow = new HBox();
        AppState[] all = AppState.values();
        for (int i = 0; i < all.length; i++) {
            AppState s = all[i];
            ToggleButton b = new ToggleButton(s == AppState.LOCKED ? "Locked" : s.displayName());
            b.setMinWidth(USE_PREF_SIZE);
            b.setId("state-" + s.wireName());
            b.setToggleGroup(states);
            b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setUserData(s);
            // Pressing the selected one again unselects it: show the device's state again.
            b.setOnAction(e -> showSelected(vm.selectedProperty().get()));
            Ui.tip(b, s == AppState.FOREGROUND ? "Foreground: messages arrive over the IM connection, no push"
                    : s.displayName() + " (without logout): messages arrive as APNs offline pushes");
            stateButtons.put(s, b);
            stateRow.getChildren().add(b);
        }
        // The selection, not the button's action: the arrow keys move through a toggle group by selecting.
        states.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null && !updating) {
                vm.setAppState((AppState) t.getUserData());
            }
        });

        ToggleGroup builds = new ToggleGroup();
        HBox buildRow = new HBox();
        for (BuildConfiguration b : BuildConfiguration.values()) {
            ToggleButton t = new ToggleButton(b.displayName() + " build");
            t.setId("build-" + b.wireName());
            t.setToggleGroup(builds);
            t.getStyleClass().add(b == BuildConfiguration.DEBUG ? Styles.LEFT_PILL : Styles.RIGHT_PILL);
            t.setUserData(b);
            t.setOnAction(e -> showSelected(vm.selectedProperty().get()));
            Ui.tip(t, b == BuildConfiguration.DEBUG ? "Debug build: iOS hands out a development (sandbox) device token"
                    : "Release / TestFlight / App Store build: iOS hands out a production device token");
            buildButtons.put(b, t);
            buildRow.getChildren().add(t);
        }
        builds.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null && !updating) {
                vm.setBuild((BuildConfiguration) t.getUserData());
            }
        });

        pushSwitch.setId("push-switch");
        pushSwitch.selectedProperty().addListener((o, a, b) -> {
            if (!updating) {
                vm.setPushEnabled(b);
            }
        });

        hook.getItems().setAll("Not implemented", "Returns NO (component redirects)", "Returns YES (app takes over)");
        hook.setId("hook-choice");
        Ui.tip(hook, "The app's processTUIOfflinePushNotification: hook, called with the entity before the default "
                + "parsing. YES = the app takes over; NO = navigateToTUIChatViewController is called as usual.");
        hook.setOnAction(e -> {
            if (!updating) {
                int i = hook.getSelectionModel().getSelectedIndex();
                vm.setHook(i <= 0 ? null : i == 2);
            }
        });

        Button uninstall = new Button("Uninstall", new FontIcon(Feather.TRASH));
        uninstall.setMinWidth(USE_PREF_SIZE);
        uninstall.setId("uninstall-button");
        Ui.tip(uninstall, "Uninstall the app: APNs answers 410 Unregistered for its token from now on");
        uninstall.setOnAction(e -> vm.uninstall());
        Button install = new Button("Install", new FontIcon(Feather.DOWNLOAD));
        install.setId("install-button");
        install.setMinWidth(USE_PREF_SIZE);
        install.setOnAction(e -> vm.install());
        Button remove = new Button("Remove", new FontIcon(Feather.X));
        remove.setMinWidth(USE_PREF_SIZE);
        remove.getStyleClass().add(Styles.DANGER);
        remove.setOnAction(e -> vm.removeSelected());

        VBox card = Ui.card("Selected device", Feather.SLIDERS,
                selectedTitle, selectedStatus,
                Ui.label("Login (registerService / setAPNS)", "field-label"), loginRow,
                Ui.label("App state", "field-label"), stateRow,
                Ui.label("Build configuration", "field-label"), buildRow,
                pushSwitch,
                Ui.label("processTUIOfflinePushNotification hook", "field-label"), hook,
                Ui.row(8, install, uninstall, Ui.hspacer(), remove),
                Ui.statusLine(vm.messageProperty(), vm.errorProperty()));
        card.setId("device-controls");
        return card;
    }

    private VBox addDeviceCard() {
        TextField id = new TextField();
        id.setId("new-device-id");
        id.setPromptText("id, e.g. phone3");
        id.textProperty().bindBidirectional(vm.newIdProperty());
        TextField name = new TextField();
        name.setPromptText("name (optional)");
        name.textProperty().bindBidirectional(vm.newNameProperty());
        ComboBox<BuildConfiguration> build = new ComboBox<>();
        build.getItems().setAll(BuildConfiguration.values());
        build.valueProperty().bindBidirectional(vm.newBuildProperty());
        build.setConverter(new javafx.util.StringConverter<>() {
            public String toString(BuildConfiguration b) {
                return b == null ? "" : b.displayName();
            }

            public BuildConfiguration fromString(String s) {
                return BuildConfiguration.parse(s);
            }
        });
        TextField token = new TextField();
        token.setPromptText("real device: paste its token (hex)");
        token.textProperty().bindBidirectional(vm.newTokenProperty());
        Ui.tip(token, "Leave empty for a simulated iPhone. For a real iPhone paste the hex token the app logged in "
                + "didRegisterForRemoteNotificationsWithDeviceToken (spaces and <> are stripped).");
        HBox.setHgrow(token, Priority.ALWAYS);
        Button add = new Button("Add", new FontIcon(Feather.PLUS));
        add.setId("add-device-button");
        add.setOnAction(e -> vm.addDevice());
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(token, false, (c, v) -> ValidationResult.fromMessageIf(c,
                String.valueOf(DevicesViewModel.tokenProblem((String) v)), Severity.ERROR,
                DevicesViewModel.tokenProblem((String) v) != null));
        add.setMinWidth(USE_PREF_SIZE);
        HBox.setHgrow(name, Priority.ALWAYS);
        id.setPrefWidth(130);
        id.setMinWidth(130); // the prompt "id, e.g. phone3" shown whole: the name field gives way
        ComboBox<dev.pushflow.engine.TokenRegistration> registration = new ComboBox<>();
        registration.setId("new-token-registration");
        registration.getItems().setAll(dev.pushflow.engine.TokenRegistration.values());
        registration.valueProperty().bindBidirectional(vm.tokens().newDeviceRegistrationProperty());
        registration.setConverter(new javafx.util.StringConverter<>() {
            public String toString(dev.pushflow.engine.TokenRegistration r) {
                return r == null ? "" : switch (r) {
                    case OK -> "Token: ok";
                    case FAILS -> "Token: fails";
                    case NO_ANSWER -> "Token: no answer";
                };
            }

            public dev.pushflow.engine.TokenRegistration fromString(String s) {
                return dev.pushflow.engine.TokenRegistration.OK;
            }
        });
        Ui.tip(registration, "What the simulated iPhone's first token request gets: a token, "
                + "didFailToRegisterForRemoteNotificationsWithError, or no answer at all (TUIOfflinePush's token FAQ)");
        Label note = Ui.statusLine(vm.addNoteProperty(), vm.addNoteErrorProperty());
        note.setId("device-add-note");
        note.visibleProperty().bind(vm.addNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        return Ui.card("Add a device", Feather.PLUS_CIRCLE, Ui.row(8, id, name, build, registration), Ui.row(8, token, add),
                note);
    }

    private VBox activityCard() {
        ListView<ActivityEvent> list = new ListView<>(vm.activity());
        list.setId("activity-list");
        list.getStyleClass().add(Styles.DENSE);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ActivityEvent e, boolean empty) {
                super.updateItem(e, empty);
                getStyleClass().removeIf(s -> s.startsWith("activity-"));
                if (empty || e == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label kind = new Label(kindLabel(e.kind()));
                kind.getStyleClass().addAll("kind-badge", "kind-" + e.kind().name().toLowerCase(java.util.Locale.ROOT));
                kind.setMinWidth(USE_PREF_SIZE);
                Label text = new Label(TIME.format(e.time()) + "  " + e.deviceId() + "  " + e.text());
                setGraphic(Ui.row(8, kind, text));
                setText(null);
            }
        });
        Ui.followNewest(list, vm.activity(), list::scrollTo, () -> true);
        VBox card = Ui.card("Activity: what the component and the backend did", Feather.ACTIVITY, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        return card;
    }

    static String kindLabel(ActivityEvent.Kind k) {
        return switch (k) {
            case LOGIN -> "login";
            case LOGOUT -> "logout";
            case REGISTER_SERVICE -> "registerService";
            case UNREGISTER_SERVICE -> "unregisterService";
            case SET_APNS -> "setAPNS";
            case KICK_OFF -> "kick-off";
            case APP_STATE -> "app state";
            case INSTALL -> "install";
            case TAP -> "tap";
            case WARNING -> "warning";
            case INFO -> "info";
        };
    }

    private void showSelected(DeviceSnapshot s) {
        updating = true;
        try {
            boolean none = s == null;
            selectedTitle.setText(none ? "No device selected" : s.name());
            selectedStatus.setText(none ? "" : dev.pushflow.ui.LoginStory.status(s) + " · " + s.build().displayName() + " build · "
                    + s.tokenEnvironment().appleName() + " token " + DeviceTokens.abbreviate(s.token())
                    + (vm.certificateIdMismatch(s).isEmpty() ? "" : ". " + vm.certificateIdMismatch(s)));
            stateButtons.forEach((st, b) -> b.setSelected(!none && s.installed() && s.appState() == st));
            buildButtons.forEach((bc, b) -> b.setSelected(!none && s.build() == bc));
            pushSwitch.setSelected(!none && s.pushEnabled());
            hook.getSelectionModel().select(none || s.hookTakesOver() == null ? 0 : s.hookTakesOver() ? 2 : 1);
        } finally {
            updating = false;
        }
    }
}
