package dev.pushflow.ui.phones;

import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.im.AppState;
import dev.pushflow.ui.Ui;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One iPhone drawn with CSS: frame, lock screen with clock, notification banners, the app icon with its badge. */
final class PhoneCard extends VBox {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM", Locale.ENGLISH);

    private final PhoneModel phone;
    private final PhonesViewModel vm;
    private final VBox banners = new VBox(8);
    private final Label clock = new Label();
    private final Label date = new Label();
    private final Label statusClock = new Label();
    private final Label badge = new Label();
    private final Label stateNote = new Label();
    private final Label caption = new Label();
    private final Label subCaption = new Label();
    private final Label silent = new Label();
    private final StackPane screen = new StackPane();
    private final StackPane framed;
    private final ChoiceBox<AppState> state = new ChoiceBox<>();
    /**
     * A combo box, not a choice box: a ChoiceBox's popup is a menu with one item per user, rebuilt item by item on
     * every change (quadratic: a 20k-user workspace froze the window for minutes); a ComboBox's popup is a virtual
     * list that makes cells only for the rows in view.
     */
    private final ComboBox<String> user = new ComboBox<>();
    private final Button loginButton = new Button();
    private final FontIcon loginIcon = new FontIcon(Feather.LOG_IN);
    private final List<Banner> bannerPool = new ArrayList<>();
    private final ToggleButton airplane = new ToggleButton("Airplane");
    private final ToggleButton lowPower = new ToggleButton("Low Power");
    private final Label stored = new Label();
    private final FontIcon wifiIcon = icon(Feather.WIFI);
    private final FontIcon batteryIcon = icon(Feather.BATTERY);
    private boolean updating;

    PhoneCard(PhoneModel phone, PhonesViewModel vm) {
        this.phone = phone;
        this.vm = vm;
        getStyleClass().add("phone-card");
        setMaxWidth(320);
        setPrefWidth(320);
        setId("phone-" + phone.deviceId());
        setAlignment(Pos.TOP_CENTER);
        setSpacing(10);

        // status row: time left, signal/wifi/battery right, the island in the middle
        statusClock.getStyleClass().add("phone-status-text");
        Region island = new Region();
        island.getStyleClass().add("phone-island");
        HBox icons = new HBox(4, icon(Feather.BAR_CHART_2), wifiIcon, batteryIcon);
        icons.setAlignment(Pos.CENTER_RIGHT);
        HBox status = new HBox(statusClock, Ui.hspacer(), island, Ui.hspacer(), icons);
        status.setAlignment(Pos.CENTER);
        status.getStyleClass().add("phone-status");

        FontIcon lock = new FontIcon(Feather.LOCK);
        lock.getStyleClass().add("phone-lock");
        clock.getStyleClass().add("phone-clock");
        date.getStyleClass().add("phone-date");
        // "Stored at APNs" takes the lock glyph's place: the lock screen keeps its height with four banners
        lock.visibleProperty().bind(stored.textProperty().isEmpty());
        lock.managedProperty().bind(lock.visibleProperty());
        VBox lockScreen = new VBox(2, lock, stored, date, clock);
        lockScreen.setAlignment(Pos.CENTER);

        stateNote.getStyleClass().add("phone-state-note");
        stateNote.setWrapText(true);
        stateNote.setMaxWidth(Double.MAX_VALUE);
        stateNote.setAlignment(Pos.CENTER);

        banners.getStyleClass().add("phone-banners");
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);

        StackPane appIcon = new StackPane(new FontIcon(Feather.MESSAGE_CIRCLE));
        appIcon.getStyleClass().add("phone-app-icon");
        badge.getStyleClass().add("phone-badge");
        StackPane iconWithBadge = new StackPane(appIcon, badge);
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);
        iconWithBadge.getStyleClass().add("phone-app-icon-holder");
        Label appLabel = new Label(vm.appName());
        appLabel.getStyleClass().add("phone-app-label");
        VBox dock = new VBox(3, iconWithBadge, appLabel);
        dock.setAlignment(Pos.CENTER);
        Region home = new Region();
        home.getStyleClass().add("phone-home-indicator");

        VBox content = new VBox(10, status, lockScreen, stateNote, banners, grow, dock, home);
        content.setAlignment(Pos.TOP_CENTER);
        content.getStyleClass().add("phone-content");
        screen.getChildren().add(content);
        screen.getStyleClass().add("phone-screen");
        StackPane frame = new StackPane(screen);
        frame.getStyleClass().add("phone-frame");
        // The frame's drop shadow is cast by a node of its own that never changes, rendered once into a cached
        // image: with the effect on the frame itself, every badge or banner change re-rendered the whole phone
        // and blurred it again (tens of milliseconds per frame with software rendering).
        Region shadow = new Region();
        shadow.getStyleClass().add("phone-shadow");
        shadow.setMouseTransparent(true);
        shadow.setCache(true);
        framed = new StackPane(shadow, frame);

        caption.getStyleClass().add("phone-caption");
        subCaption.getStyleClass().add("muted");
        subCaption.setWrapText(true);
        subCaption.setMaxWidth(300);
        subCaption.setAlignment(Pos.CENTER);

        silent.setId("phone-silent-" + phone.deviceId());
        silent.getStyleClass().add("phone-silent");
        silent.setGraphic(new FontIcon(Feather.BELL_OFF));
        silent.textProperty().bind(phone.silentPushesProperty());
        silent.visibleProperty().bind(silent.textProperty().isNotEmpty());
        silent.managedProperty().bind(silent.visibleProperty());
        Ui.tip(silent, "Silent (background) pushes: content-available without alert, sound or badge, or apns-push-type"
                + " background (the Doctor's probe sends these). iOS shows nothing and may wake the app in the"
                + " background, so they are not on the lock screen, cannot be tapped and leave the badge alone.");

        stored.setId("phone-stored-" + phone.deviceId());
        stored.getStyleClass().add("phone-stored");
        stored.setGraphic(new FontIcon(Feather.ARCHIVE));
        stored.visibleProperty().bind(stored.textProperty().isNotEmpty());
        stored.managedProperty().bind(stored.visibleProperty());
        Ui.tip(stored, "What APNs holds for this phone after answering 200: one notification per app while it is"
                + " offline (a newer one replaces it), and the priority 5 and 1 pushes Low Power Mode holds. Coming"
                + " online or turning Low Power off delivers them, unless they expired. The Delivery log shows each"
                + " push's state.");

        VBox captions = new VBox(0, caption, subCaption, silent);
        captions.setAlignment(Pos.TOP_CENTER);
        // The toggles sit above the phone but come after its banners in the scene graph, so Ctrl+4 (first focusable
        // node) still lands on the newest banner: a BorderPane keeps its children in the order they were set.
        javafx.scene.layout.BorderPane phoneWithToggles = new javafx.scene.layout.BorderPane();
        phoneWithToggles.setCenter(new javafx.scene.Group(framed)); // a Group: laid out at its scaled size (scale())
        Node toggles = apnsControls();
        javafx.scene.layout.BorderPane.setMargin(toggles, new javafx.geometry.Insets(0, 0, 10, 0));
        javafx.scene.layout.BorderPane.setAlignment(toggles, Pos.CENTER);
        phoneWithToggles.setTop(toggles);
        getChildren().addAll(phoneWithToggles, captions, controls());
        phone.snapshotProperty().addListener((o, a, b) -> update());
        phone.notifications().addListener((ListChangeListener<NotificationItem>) c -> renderBanners());
        update();
        renderBanners();
        tick();
    }

    private Node controls() {
        state.getItems().setAll(AppState.values());
        state.setConverter(new StringConverter<>() {
            public String toString(AppState s) {
                return s == null ? "" : s.displayName();
            }

            public AppState fromString(String s) {
                return AppState.parse(s);
            }
        });
        state.setId("phone-state-" + phone.deviceId());
        Ui.tip(state, "App state. Background, Screen locked or Killed (without logout) = messages arrive as offline pushes");
        state.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                vm.setAppState(phone.deviceId(), b);
            }
        });
        user.setItems(vm.users());
        user.setPrefWidth(92);
        user.setVisibleRowCount(12);
        user.setId("phone-user-" + phone.deviceId());
        Ui.tip(user, "userID to log in: registerService then setAPNS with this build's certificate ID (businessID)");
        loginButton.setId("phone-login-" + phone.deviceId());
        loginButton.setGraphic(loginIcon);
        loginButton.setOnAction(e -> {
            DeviceSnapshot s = phone.snapshotProperty().get();
            if (dev.pushflow.ui.LoginStory.canLogOut(s)) {
                vm.logout(phone.deviceId());
            } else if (user.getValue() != null) {
                vm.login(phone.deviceId(), user.getValue());
            }
        });
        state.setPrefWidth(128); // "Screen locked" whole, never "Screen lock…"
        state.setMinWidth(USE_PREF_SIZE);
        loginButton.setMinWidth(USE_PREF_SIZE);
        HBox row = new HBox(6, user, loginButton, state);
        row.getStyleClass().add("phone-controls");
        row.setMaxWidth(316);
        row.setAlignment(Pos.CENTER);
        return row;
    }

    /** Airplane mode and Low Power Mode, above the phone (in sight on small screens): what APNs does after its 200. */
    private Node apnsControls() {
        airplane.setId("phone-airplane-" + phone.deviceId());
        airplane.setGraphic(new FontIcon(Feather.WIFI_OFF));
        Ui.tip(airplane, "Airplane mode (offline): APNs still answers 200 but stores one notification per app, a"
                + " newer one replacing it, and delivers it when the phone is back online. apns-expiration 0 is"
                + " never stored.");
        airplane.selectedProperty().addListener((o, a, b) -> {
            if (!updating) {
                vm.setNetwork(phone.deviceId(), !b);
            }
        });
        lowPower.setId("phone-lowpower-" + phone.deviceId());
        lowPower.setGraphic(new FontIcon(Feather.BATTERY));
        Ui.tip(lowPower, "Low Power Mode: priority 5 and 1 pushes are held (stored - power considerations) until it"
                + " is turned off; priority 10 alerts arrive at once.");
        lowPower.selectedProperty().addListener((o, a, b) -> {
            if (!updating) {
                vm.setLowPower(phone.deviceId(), b);
            }
        });
        HBox row = new HBox(6, airplane, lowPower);
        row.getStyleClass().addAll("phone-controls", "phone-apns-controls");
        row.setMaxWidth(300);
        row.setAlignment(Pos.CENTER);
        return row;
    }

    private static FontIcon icon(Feather f) {
        FontIcon i = new FontIcon(f);
        i.getStyleClass().add("phone-status-icon");
        return i;
    }

    /** The seed's token FAQ: a simulated iPhone whose token never came gets no offline push. */
    static boolean noToken(DeviceSnapshot s) {
        return !s.real() && !s.tokenStatus().hasToken();
    }

    /** The phone's own height at scale 1 (frame), and what the captions and controls need under it. */
    static final double FRAME_HEIGHT = 560;
    static final double BELOW_FRAME = 175; // captions and controls under the phone, the airplane and Low Power toggles above it

    /**
     * Draws the phone at {@code s} times its size (at most 1), so that on a short window (1280x720) the captions and
     * the controls under it stay in sight. The controls themselves are never scaled.
     */
    void scale(double s) {
        double v = Math.max(0.5, Math.min(1, s));
        framed.setScaleX(v);
        framed.setScaleY(v);
    }

    /** Updates the clocks (called by the view's timer). */
    void tick() {
        LocalDateTime now = LocalDateTime.now();
        clock.setText(CLOCK.format(now));
        statusClock.setText(CLOCK.format(now));
        date.setText(DATE.format(now));
    }

    private void update() {
        DeviceSnapshot s = phone.snapshotProperty().get();
        updating = true;
        try {
            caption.setText(s.name());
            subCaption.setText(dev.pushflow.ui.LoginStory.status(s) + " · " + s.tokenEnvironment().appleName() + " token"
                    + (s.pushEnabled() ? "" : " · push off"));
            state.setValue(s.appState());
            boolean online = dev.pushflow.ui.LoginStory.canLogOut(s);
            loginButton.setText(online ? "Log out" : "Log in");
            loginIcon.setIconCode(online ? Feather.LOG_OUT : Feather.LOG_IN);
            if (online || dev.pushflow.ui.LoginStory.waitingForLogin(s)) {
                user.setValue(s.loggedInUser());
            } else if (user.getValue() == null && s.lastUser() != null) {
                user.setValue(s.lastUser());
            } else if (user.getValue() == null && !user.getItems().isEmpty()) {
                // A newcomer should be one click from a login: offer the first user.
                user.setValue(user.getItems().get(0));
            }
            airplane.setSelected(!s.networkOnline());
            lowPower.setSelected(s.lowPower());
            airplane.setDisable(s.real());
            lowPower.setDisable(s.real());
            stored.setText(PhonesViewModel.storedText(s));
            wifiIcon.setIconCode(s.networkOnline() ? Feather.WIFI : Feather.WIFI_OFF);
            batteryIcon.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("low-power"), s.lowPower());
            badge.setText(s.badge() > 0 ? String.valueOf(s.badge()) : "");
            badge.setVisible(s.badge() > 0);
            String note;
            if (!s.installed()) {
                note = "Chat is not installed";
            } else if (s.kickedOff()) {
                note = "Kicked off: " + s.lastUser() + " logged in on " + s.kickedOffBy();
            } else if (noToken(s)) {
                note = "No device token (" + s.tokenStatus().state().displayName() + "): no offline push."
                        + " Devices panel: retry, 4G, reinstall, restart";
            } else if (s.loggedInUser() == null) {
                note = "Logged out: no offline push";
            } else if (dev.pushflow.ui.LoginStory.note(s) != null) {
                note = dev.pushflow.ui.LoginStory.note(s);
            } else if (s.appState() == AppState.FOREGROUND) {
                note = "Chat is open: messages arrive in the app";
            } else {
                note = null;
            }
            stateNote.setText(note);
            stateNote.setVisible(note != null);
            stateNote.setManaged(note != null);
            screen.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("foreground"),
                    s.installed() && s.appState() == AppState.FOREGROUND);
        } finally {
            updating = false;
        }
    }

    /**
     * Shows the lock screen's notifications in banner nodes that are kept and refilled: a flood of pushes changes
     * their texts, it does not build (and style) new nodes for every batch.
     */
    private void renderBanners() {
        var items = phone.notifications();
        while (bannerPool.size() < items.size()) {
            bannerPool.add(new Banner(bannerPool.size()));
        }
        for (int i = 0; i < items.size(); i++) {
            bannerPool.get(i).show(items.get(i));
        }
        if (banners.getChildren().size() != items.size()) {
            banners.getChildren().setAll(bannerPool.subList(0, items.size()));
        }
    }

    /** One notification banner; {@link #show} refills it with another notification. */
    private final class Banner extends HBox {
        private final FontIcon glyph = new FontIcon(Feather.MESSAGE_CIRCLE);
        private final Label app = new Label();
        private final Label time = new Label();
        private final Label title = new Label();
        private final Label body = new Label();
        private NotificationItem item;

        Banner(int index) {
            super(8);
            StackPane icon = new StackPane(glyph);
            icon.getStyleClass().add("banner-icon");
            app.getStyleClass().add("banner-app");
            time.getStyleClass().add("banner-time");
            HBox head = new HBox(app, Ui.hspacer(), time);
            title.getStyleClass().add("banner-title");
            body.getStyleClass().add("banner-body");
            body.setWrapText(true);
            body.setMaxWidth(196);
            body.setPrefWidth(196);
            body.setMinHeight(USE_PREF_SIZE);
            body.setMaxHeight(34);
            VBox text = new VBox(1, head, title, body);
            HBox.setHgrow(text, Priority.ALWAYS);
            getChildren().addAll(icon, text);
            setAlignment(Pos.TOP_LEFT);
            // A plain box, not a Button: wrapped text inside a Button's graphic sizes unreliably.
            getStyleClass().add("notification");
            setId("notification-" + phone.deviceId() + "-" + index);
            setFocusTraversable(true);
            setMaxHeight(Region.USE_PREF_SIZE);
            Tooltip.install(this, new Tooltip("Tap: TUIOfflinePush parses userInfo[\"ext\"] → entity → navigateToTUIChatViewController"));
            setOnMouseClicked(e -> vm.tap(item));
            setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    vm.tap(item);
                }
            });
        }

        void show(NotificationItem n) {
            item = n;
            glyph.setIconCode(n.voip() ? Feather.PHONE_CALL : Feather.MESSAGE_CIRCLE);
            app.setText(n.appName().toUpperCase(Locale.ROOT));
            time.setText(n.time());
            title.setText(n.title());
            title.setVisible(!n.title().isEmpty());
            title.setManaged(!n.title().isEmpty());
            body.setText(n.body());
        }
    }
}
