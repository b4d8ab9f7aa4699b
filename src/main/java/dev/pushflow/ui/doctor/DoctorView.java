package dev.pushflow.ui.doctor;

import atlantafx.base.theme.Styles;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.doctor.Step;
import dev.pushflow.doctor.Verdict;
import dev.pushflow.ui.Ui;
import dev.pushflow.ui.keyscope.KeyScopeView;
import dev.pushflow.ui.doctor.DoctorViewModel.BuildChoice;
import dev.pushflow.ui.doctor.DoctorViewModel.FileKind;
import dev.pushflow.ui.doctor.DoctorViewModel.Level;
import dev.pushflow.ui.doctor.DoctorViewModel.Phone;
import dev.pushflow.ui.doctor.DoctorViewModel.Row;
import dev.pushflow.ui.doctor.DoctorViewModel.SendWith;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Panel 8: on the left what to diagnose (token, build, what the push is sent with, the probe consent) and the
 * Diagnose button; on the right the conclusion banner and the ordered findings.
 */
public final class DoctorView extends BorderPane {
    static final KeyCombination DIAGNOSE = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final PseudoClass BUSY = PseudoClass.getPseudoClass("busy");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass FOLDED = PseudoClass.getPseudoClass("folded");
    private static final Map<Verdict, PseudoClass> VERDICT = Map.of(
            Verdict.OK, PseudoClass.getPseudoClass("ok"),
            Verdict.WARN, PseudoClass.getPseudoClass("warn"),
            Verdict.FAIL, PseudoClass.getPseudoClass("fail"));

    private final DoctorViewModel vm;
    private boolean acceleratorInstalled;

    public DoctorView(DoctorViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("panel", "doctor");
        setId("doctor-view");
        VBox form = new VBox(12, tokenCard(), sendWithCard(), probeCard());
        form.setPadding(new Insets(0, 8, 0, 0));
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // Diagnose stays in view however long the form gets.
        VBox left = new VBox(10, scroll, actionRow());
        left.setPrefWidth(440);
        left.setMinWidth(400);
        left.setMaxWidth(460);
        setLeft(left);
        Node results = resultsCard();
        BorderPane.setMargin(results, new Insets(0, 0, 0, 12));
        setCenter(results);
        installShortcut();
    }

    /** The view model, for the window (e.g. to open a token from the delivery log here). */
    public DoctorViewModel viewModel() {
        return vm;
    }

    /**
     * Ctrl+Enter diagnoses: handled on the panel while focus is inside it, and as a scene accelerator that hands the
     * key to the accelerator registered before (another panel's Ctrl+Enter) while this panel is not shown.
     */
    private void installShortcut() {
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (DIAGNOSE.match(e)) {
                e.consume();
                vm.diagnose();
            }
        });
        sceneProperty().addListener((o, a, s) -> {
            if (s != null && !acceleratorInstalled) {
                acceleratorInstalled = true;
                Runnable previous = s.getAccelerators().get(DIAGNOSE);
                s.getAccelerators().put(DIAGNOSE, () -> {
                    if (Ui.isShown(this)) {
                        vm.diagnose();
                    } else if (previous != null) {
                        previous.run();
                    }
                });
            }
        });
    }

    // ---------------------------------------------------------------- the form

    private VBox tokenCard() {
        MenuButton phones = new MenuButton("Fill from a simulated iPhone", new FontIcon(Feather.SMARTPHONE));
        phones.setId("doctor-phone-menu");
        Ui.tip(phones, "Fills the token, the build configuration and the certificate ID the app reports for that build"
                + " (its TUIOfflinePushCertificateIDForAPNS macro): what the backend pushes with");
        Runnable items = () -> phones.getItems().setAll(vm.phones().stream().map(this::phoneItem).toList());
        items.run();
        vm.phones().addListener((ListChangeListener<Phone>) c -> items.run());
        Label filled = new Label();
        filled.setId("doctor-filled-from");
        filled.textProperty().bind(vm.filledFromProperty());
        filled.getStyleClass().addAll("muted", "doctor-note");
        filled.setWrapText(true);
        filled.setMinHeight(USE_PREF_SIZE);
        showWhenText(filled, vm.filledFromProperty());

        TextArea token = new TextArea();
        token.setId("doctor-token");
        token.getStyleClass().addAll("mono", "doctor-token");
        token.setWrapText(true);
        token.setPrefRowCount(2);
        token.setPromptText("hex as logged; <1a2b 3c4d …> and spaces are fine");
        token.textProperty().bindBidirectional(vm.tokenProperty());
        Ui.tip(token, "The device token the app got in didRegisterForRemoteNotificationsWithDeviceToken. Spaces, <>,"
                + " 0x and upper case are cleaned (with a note); iOS 13's {length = 32, bytes = 0x…} is not a token");

        HBox build = buildToggle();
        ChoiceBox<PushType> type = new ChoiceBox<>();
        type.setId("doctor-push-type");
        type.getItems().setAll(PushType.values());
        type.setConverter(converter(PushType::headerValue));
        type.valueProperty().bindBidirectional(vm.pushTypeProperty());
        Ui.tip(type, "The apns-push-type the backend sends: the topic's suffix must be among the certificate's topics");
        TextField bundle = new TextField();
        bundle.setId("doctor-bundle");
        bundle.promptTextProperty().bind(vm.bundlePromptProperty());
        bundle.textProperty().bindBidirectional(vm.bundleIdProperty());
        Ui.tip(bundle, "Override the app's bundle ID (the apns-topic); empty = from the certificate ID or the"
                + " certificate");

        GridPane g = grid();
        g.addRow(0, Ui.label("Token", "field-label"), token);
        g.addRow(1, Ui.label("Build", "field-label"), build);
        g.addRow(2, Ui.label("Push type", "field-label"), type);
        g.addRow(3, Ui.label("Bundle ID", "field-label"), bundle);
        return Ui.card("Device token", Feather.SMARTPHONE, phones, filled, g);
    }

    private MenuItem phoneItem(Phone p) {
        MenuItem item = new MenuItem(p.name(), new FontIcon(Feather.SMARTPHONE));
        item.setId("doctor-phone-" + p.deviceId());
        item.setOnAction(e -> vm.usePhone(p));
        return item;
    }

    private HBox buildToggle() {
        ToggleGroup group = new ToggleGroup();
        HBox row = new HBox();
        row.setId("doctor-build");
        Map<BuildChoice, ToggleButton> buttons = new EnumMap<>(BuildChoice.class);
        BuildChoice[] all = BuildChoice.values();
        for (int i = 0; i < all.length; i++) {
            BuildChoice b = all[i];
            ToggleButton t = new ToggleButton(b == BuildChoice.RELEASE ? "Release" : b.toString());
            t.setId("doctor-build-" + b.name().toLowerCase(Locale.ROOT));
            t.setToggleGroup(group);
            t.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL
                    : Styles.CENTER_PILL);
            t.setOnAction(e -> {
                t.setSelected(true);
                vm.buildProperty().set(b);
            });
            Ui.tip(t, switch (b) {
                case DEBUG -> "Debug build (Xcode Run): iOS hands out a development (sandbox) token";
                case RELEASE -> "Release, TestFlight or App Store build: iOS hands out a production token";
                case UNKNOWN -> "Not sure how the app was built: tick the probe to find out from the token";
            });
            buttons.put(b, t);
            row.getChildren().add(t);
        }
        Runnable show = () -> {
            ToggleButton t = buttons.get(vm.buildProperty().get() == null ? BuildChoice.UNKNOWN
                    : vm.buildProperty().get());
            t.setSelected(true);
        };
        show.run();
        vm.buildProperty().addListener((o, a, b) -> show.run());
        return row;
    }

    private VBox sendWithCard() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton byId = new ToggleButton("Certificate ID", new FontIcon(Feather.HASH));
        byId.setId("doctor-with-certificate-id");
        byId.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton byFile = new ToggleButton("Credential file", new FontIcon(Feather.FILE));
        byFile.setId("doctor-with-file");
        byFile.getStyleClass().add(Styles.RIGHT_PILL);
        byId.setToggleGroup(group);
        byFile.setToggleGroup(group);
        byId.setOnAction(e -> vm.sendWithProperty().set(SendWith.CERTIFICATE_ID));
        byFile.setOnAction(e -> vm.sendWithProperty().set(SendWith.CREDENTIAL_FILE));
        Runnable show = () -> (vm.sendWithProperty().get() == SendWith.CREDENTIAL_FILE ? byFile : byId)
                .setSelected(true);
        show.run();
        vm.sendWithProperty().addListener((o, a, b) -> show.run());
        Ui.tip(byId, "A certificate ID of the IM console: its credential, environment, bundle ID and gateway");
        Ui.tip(byFile, "Your own .p12 push certificate or .p8 token key, sent to the gateway you choose");

        ChoiceBox<Long> ids = new ChoiceBox<>(vm.certificateIds());
        ids.setId("doctor-certificate-id");
        ids.setConverter(converter(vm::describeCertificateId));
        ids.valueProperty().bindBidirectional(vm.certificateIdProperty());
        ids.setMaxWidth(Double.MAX_VALUE);
        GridPane byIdPane = grid();
        byIdPane.addRow(0, Ui.label("ID", "field-label"), ids);
        bindShown(byIdPane, vm.sendWithProperty().isEqualTo(SendWith.CERTIFICATE_ID));

        GridPane byFilePane = filePane();
        bindShown(byFilePane, vm.sendWithProperty().isEqualTo(SendWith.CREDENTIAL_FILE));
        return Ui.card("Sent with", Feather.KEY, Ui.row(0, byId, byFile), byIdPane, byFilePane);
    }

    private GridPane filePane() {
        TextField file = new TextField();
        file.setId("doctor-file");
        file.setPromptText("push certificate .p12 or token key .p8");
        file.textProperty().bindBidirectional(vm.credentialFileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button(null, new FontIcon(Feather.FOLDER));
        browse.setId("doctor-browse");
        Ui.tip(browse, "Choose the .p12 or .p8 file");
        browse.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("APNs credential to diagnose");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("APNs credentials (.p12, .p8)", "*.p12",
                    "*.pfx", "*.p8"));
            File f = c.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.credentialFileProperty().set(f.getAbsolutePath());
            }
        });
        PasswordField password = new PasswordField();
        password.setId("doctor-password");
        password.setPromptText("the .p12 export password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        TextField keyId = new TextField();
        keyId.setId("doctor-key-id");
        keyId.setPromptText("Key ID");
        keyId.textProperty().bindBidirectional(vm.keyIdProperty());
        TextField teamId = new TextField();
        teamId.setId("doctor-team-id");
        teamId.setPromptText("Team ID");
        teamId.textProperty().bindBidirectional(vm.teamIdProperty());
        HBox ids = Ui.row(8, keyId, teamId);
        HBox.setHgrow(keyId, Priority.ALWAYS);
        HBox.setHgrow(teamId, Priority.ALWAYS);

        ChoiceBox<GatewayTarget> gateway = new ChoiceBox<>();
        gateway.setId("doctor-gateway");
        gateway.getItems().setAll(GatewayTarget.values());
        gateway.setConverter(converter(x -> x == GatewayTarget.EMBEDDED ? "embedded" : "Apple"));
        gateway.valueProperty().bindBidirectional(vm.gatewayProperty());
        ChoiceBox<ApnsEnvironment> env = new ChoiceBox<>();
        env.setId("doctor-environment");
        env.getItems().setAll(ApnsEnvironment.values());
        env.setConverter(converter(x -> x == ApnsEnvironment.SANDBOX ? "sandbox" : "production"));
        env.valueProperty().bindBidirectional(vm.environmentProperty());
        ChoiceBox<Integer> port = new ChoiceBox<>();
        port.setId("doctor-port");
        port.getItems().setAll(443, 2197);
        port.valueProperty().bindBidirectional(vm.portProperty());
        port.disableProperty().bind(vm.gatewayProperty().isEqualTo(GatewayTarget.EMBEDDED));
        Ui.tip(gateway, "embedded: the simulator's gateways on 127.0.0.1; Apple: api(.sandbox).push.apple.com");
        Ui.tip(env, "The environment the backend pushes to; the probe asks both");
        Ui.tip(port, "Apple's hosts listen on 443 and 2197 (when 443 is blocked)");

        GridPane g = grid();
        g.addRow(0, Ui.label("File", "field-label"), Ui.row(8, file, browse));
        Label pwLabel = Ui.label("Password", "field-label");
        g.addRow(1, pwLabel, password);
        Label idLabel = Ui.label(".p8 IDs", "field-label");
        g.addRow(2, idLabel, ids);
        var p12 = vm.fileKindProperty().isEqualTo(FileKind.P12);
        int next = new KeyScopeView(vm.keyScope(), "doctor").addTo(g, 3, p12.not());
        g.addRow(next, Ui.label("Gateway", "field-label"), Ui.row(8, gateway, env, port));
        bindShown(pwLabel, p12);
        bindShown(password, p12);
        bindShown(idLabel, p12.not());
        bindShown(ids, p12.not());
        return g;
    }

    private VBox probeCard() {
        CheckBox probe = new CheckBox("Probe: send one silent background push (priority 5) to each environment");
        probe.setId("doctor-probe");
        probe.setWrapText(true);
        probe.setMaxWidth(Double.MAX_VALUE);
        probe.selectedProperty().bindBidirectional(vm.probeProperty());
        probe.getStyleClass().add("doctor-probe");
        Label note = new Label("Two real pushes, {\"aps\":{\"content-available\":1}}: a real iPhone shows nothing."
                + " Their answers tell the token's environment. Unticked, the doctor sends nothing.");
        note.getStyleClass().addAll("muted", "doctor-note");
        note.setWrapText(true);
        note.setMinHeight(USE_PREF_SIZE);
        VBox box = new VBox(6, probe, note);
        box.getStyleClass().addAll("card", "doctor-consent");
        return box;
    }

    private VBox actionRow() {
        Button diagnose = new Button("Diagnose", new FontIcon(Feather.ACTIVITY));
        diagnose.setId("doctor-diagnose");
        diagnose.getStyleClass().add(Styles.ACCENT);
        diagnose.setDefaultButton(false);
        diagnose.disableProperty().bind(vm.busyProperty());
        diagnose.setOnAction(e -> vm.diagnose());
        Ui.tip(diagnose, "Run the doctor (Ctrl+Enter)");
        Label hint = Ui.label("Ctrl+Enter", "muted", "doctor-note");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("doctor-busy");
        spinner.getStyleClass().add("doctor-spinner");
        spinner.setPrefSize(18, 18);
        spinner.setMaxSize(18, 18);
        Label busyText = new Label();
        busyText.textProperty().bind(vm.busyTextProperty());
        busyText.getStyleClass().addAll("muted", "doctor-note");
        busyText.setWrapText(true);
        HBox.setHgrow(busyText, Priority.ALWAYS);
        bindShown(spinner, vm.busyProperty());
        bindShown(busyText, vm.busyProperty());
        bindShown(hint, vm.busyProperty().not());
        Label message = Ui.statusLine(vm.messageProperty(), vm.messageErrorProperty());
        message.setId("doctor-message");
        message.setMinHeight(USE_PREF_SIZE);
        showWhenText(message, vm.messageProperty());
        VBox box = new VBox(6, Ui.row(10, diagnose, hint, spinner, busyText), message);
        box.getStyleClass().add("send-row");
        return box;
    }

    // ---------------------------------------------------------------- the diagnosis

    private VBox resultsCard() {
        Label title = new Label("Diagnosis", new FontIcon(Feather.CLIPBOARD));
        title.getStyleClass().add("card-title");
        Label counts = new Label();
        counts.setId("doctor-counts");
        counts.textProperty().bind(vm.countsProperty());
        counts.getStyleClass().add("muted");
        Button copy = new Button("Copy as text", new FontIcon(Feather.COPY));
        copy.setId("doctor-copy");
        copy.disableProperty().bind(vm.diagnosisProperty().isNull());
        copy.setOnAction(e -> {
            String text = vm.copyText();
            if (!text.isEmpty()) {
                ClipboardContent c = new ClipboardContent();
                c.putString(text);
                Clipboard.getSystemClipboard().setContent(c);
            }
        });
        Ui.tip(copy, "The findings as plain text, one per line, for a ticket or a chat");
        HBox header = Ui.row(10, title, counts, Ui.hspacer(), copy);

        VBox findings = new VBox();
        findings.setId("doctor-findings");
        findings.getStyleClass().add("doctor-findings");
        vm.rows().addListener((ListChangeListener<Row>) c -> findings.getChildren().setAll(
                vm.rows().stream().map(this::rowNode).toList()));
        ScrollPane scroll = new ScrollPane(findings);
        scroll.setId("doctor-findings-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        VBox result = new VBox(12, banner(), scroll);
        VBox.setVgrow(result, Priority.ALWAYS);
        var shown = vm.diagnosisProperty().isNotNull();
        bindShown(result, shown);
        Node empty = emptyState();
        bindShown(empty, shown.not());
        StackPane body = new StackPane(result, empty);
        body.setAlignment(Pos.TOP_LEFT);
        body.getStyleClass().add("doctor-body");
        VBox.setVgrow(body, Priority.ALWAYS);
        vm.busyProperty().addListener((o, a, b) -> body.pseudoClassStateChanged(BUSY, b));

        VBox card = new VBox(12, header, body);
        card.getStyleClass().addAll("card", "doctor-results");
        return card;
    }

    private VBox banner() {
        FontIcon icon = new FontIcon(Feather.X_OCTAGON);
        icon.getStyleClass().add("doctor-banner-icon");
        Label headline = new Label();
        headline.setId("doctor-headline");
        headline.textProperty().bind(vm.headlineProperty());
        headline.setGraphic(icon);
        headline.getStyleClass().add("doctor-headline");
        Label conclusion = new Label();
        conclusion.setId("doctor-conclusion");
        conclusion.textProperty().bind(vm.conclusionProperty());
        conclusion.getStyleClass().add("doctor-conclusion");
        conclusion.setWrapText(true);
        conclusion.setMinHeight(USE_PREF_SIZE);
        Label fix = new Label();
        fix.setId("doctor-conclusion-fix");
        fix.textProperty().bind(vm.conclusionFixProperty());
        fix.setGraphic(new FontIcon(Feather.TOOL));
        fix.getStyleClass().add("fix-text");
        fix.setWrapText(true);
        fix.setMinHeight(USE_PREF_SIZE);
        fix.setMaxWidth(Double.MAX_VALUE);
        showWhenText(fix, vm.conclusionFixProperty());
        Label env = new Label();
        env.setId("doctor-token-env");
        env.textProperty().bind(vm.tokenEnvironmentProperty());
        env.setGraphic(new FontIcon(Feather.RADIO));
        env.getStyleClass().add("doctor-token-env");
        env.setWrapText(true);
        env.setMinHeight(USE_PREF_SIZE);
        Label stale = new Label("The form changed since: Diagnose again to update", new FontIcon(Feather.REFRESH_CW));
        stale.setId("doctor-stale");
        stale.getStyleClass().addAll("warning-text");
        bindShown(stale, vm.staleProperty());
        VBox box = new VBox(6, headline, conclusion, fix, env, stale);
        box.setId("doctor-banner");
        box.getStyleClass().add("doctor-banner");
        Runnable verdict = () -> {
            Verdict v = vm.verdictProperty().get();
            VERDICT.forEach((k, pc) -> box.pseudoClassStateChanged(pc, k == v));
            icon.setIconCode(v == Verdict.OK ? Feather.CHECK_CIRCLE : v == Verdict.WARN ? Feather.ALERT_TRIANGLE
                    : Feather.X_OCTAGON);
        };
        verdict.run();
        vm.verdictProperty().addListener((o, a, b) -> verdict.run());
        vm.staleProperty().addListener((o, a, b) -> box.pseudoClassStateChanged(STALE, b));
        return box;
    }

    /**
     * One finding: verdict badge, step title, text and fix. OK rows start folded to one line so the problems stand
     * out; a click unfolds (and folds) them.
     */
    private Node rowNode(Row r) {
        String level = "level-" + r.level().name().toLowerCase(Locale.ROOT);
        Label badge = new Label(r.level().name(), new FontIcon(switch (r.level()) {
            case OK -> Feather.CHECK;
            case INFO -> Feather.INFO;
            case WARN -> Feather.ALERT_TRIANGLE;
            case FAIL -> Feather.X;
        }));
        badge.getStyleClass().addAll("verdict-badge", level);
        badge.setMinWidth(USE_PREF_SIZE);
        Label step = new Label(r.step().title());
        step.getStyleClass().add("finding-step");
        step.setMinWidth(USE_PREF_SIZE);
        Label text = new Label(r.finding().text());
        text.getStyleClass().add("finding-text");
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinWidth(0);
        VBox body = new VBox(4);
        body.setMinWidth(0);
        HBox.setHgrow(body, Priority.ALWAYS);
        Label fix = null;
        if (!r.finding().fix().isEmpty()) {
            fix = new Label(r.finding().fix(), new FontIcon(Feather.TOOL));
            fix.getStyleClass().add("finding-fix");
            fix.setWrapText(true);
            fix.setMinHeight(USE_PREF_SIZE);
            fix.setMaxWidth(Double.MAX_VALUE);
        }
        HBox row = new HBox(10, badge, body);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().addAll("finding-row", level);
        if (r.first()) {
            row.getStyleClass().add("first");
        }
        Label fixNode = fix;
        boolean[] folded = {r.level() == Level.OK};
        Runnable layout = () -> {
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setWrapText(!folded[0]);
            text.setMinHeight(folded[0] ? Region.USE_COMPUTED_SIZE : USE_PREF_SIZE);
            if (folded[0]) {
                HBox line = new HBox(8, step, text);
                line.setAlignment(Pos.BASELINE_LEFT);
                body.getChildren().setAll(line);
            } else {
                body.getChildren().setAll(r.stepStart() ? List.of(step, text) : List.of(text));
                if (fixNode != null) {
                    body.getChildren().add(fixNode);
                }
            }
            row.pseudoClassStateChanged(FOLDED, folded[0]);
        };
        layout.run();
        if (r.level() == Level.OK) {
            row.getStyleClass().add("foldable");
            row.setOnMouseClicked(e -> {
                folded[0] = !folded[0];
                layout.run();
            });
            Tooltip.install(row, new Tooltip("Click to unfold or fold this line"));
        }
        return row;
    }

    private Node emptyState() {
        Label title = new Label("Why does APNs answer BadDeviceToken?", new FontIcon(Feather.LIFE_BUOY));
        title.getStyleClass().add("doctor-empty-title");
        Label how = new Label("Paste the token (or fill it from a simulated iPhone), choose what the push is sent"
                + " with, then Diagnose (Ctrl+Enter). The doctor checks, in order:");
        how.setWrapText(true);
        how.getStyleClass().add("muted");
        VBox steps = new VBox(4);
        for (Step s : Step.values()) {
            Label l = new Label((s.ordinal() + 1) + "  " + s.title() + (s == Step.PROBE
                    ? " (only with the probe ticked)" : ""));
            l.getStyleClass().add("doctor-empty-step");
            l.setWrapText(true);
            steps.getChildren().add(l);
        }
        VBox box = new VBox(12, title, how, steps);
        box.setId("doctor-empty");
        box.getStyleClass().add("doctor-empty");
        return box;
    }

    // ---------------------------------------------------------------- helpers

    private static void bindShown(Node n, ObservableValue<Boolean> shown) {
        n.visibleProperty().bind(shown);
        n.managedProperty().bind(n.visibleProperty());
    }

    private static void showWhenText(Node n, ObservableStringValue text) {
        bindShown(n, Bindings.createBooleanBinding(() -> text.get() != null && !text.get().isEmpty(), text));
    }

    private static <T> StringConverter<T> converter(Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints a = new ColumnConstraints(76);
        ColumnConstraints b = new ColumnConstraints();
        b.setHgrow(Priority.ALWAYS);
        b.setFillWidth(true);
        g.getColumnConstraints().addAll(a, b);
        return g;
    }
}
