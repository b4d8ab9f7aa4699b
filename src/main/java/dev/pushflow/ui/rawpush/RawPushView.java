package dev.pushflow.ui.rawpush;

import atlantafx.base.theme.Styles;
import dev.pushflow.apns.PushType;
import dev.pushflow.ui.Ui;
import dev.pushflow.ui.keyscope.KeyScopeView;
import dev.pushflow.ui.rawpush.RawPushViewModel.Connection;
import dev.pushflow.ui.rawpush.RawPushViewModel.Gateway;
import dev.pushflow.ui.rawpush.RawPushViewModel.ApnsPriority;
import dev.pushflow.ui.rawpush.RawPushViewModel.SimulatedToken;
import dev.pushflow.ui.rawpush.RawPushViewModel.Source;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
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
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * Panel 7: the raw push form on the left (credential, gateway, topic and tokens, headers, payload), the answers
 * on the right (one row per token, newest send first), what the selected answer means, and the exports.
 */
public final class RawPushView extends BorderPane {
    private static final KeyCombination SEND = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private final RawPushViewModel vm;

    public RawPushView(RawPushViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("panel", "raw-push");
        setId("raw-push-view");
        VBox form = new VBox(12, credentialCard(), pushCard(), payloadCard());
        form.setPadding(new Insets(0, 8, 0, 0));
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // the check and Send stay in view however long the form gets
        VBox left = new VBox(8, scroll, checkList(), sendRow());
        left.setPrefWidth(500);
        left.setMinWidth(460);
        setLeft(left);

        SplitPane right = new SplitPane(resultsCard(), detailsCard(), exportCard());
        right.setOrientation(javafx.geometry.Orientation.VERTICAL);
        right.setDividerPositions(0.36, 0.72);
        BorderPane.setMargin(right, new Insets(0, 0, 0, 12));
        setCenter(right);

        // Ctrl+Enter sends while focus is in this panel; a filter, so the payload editor cannot swallow it, and
        // consumed here, so the scene's accelerator (Compose's send) does not fire as well
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SEND.match(e)) {
                e.consume();
                vm.send();
            }
        });
        // the connection state changes on Netty threads: poll it while the panel is showing
        Ui.pollWhileShown(this, Duration.seconds(1), vm::refreshConnection);
    }

    // ---------------------------------------------------------------- credential

    private VBox credentialCard() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton console = pill("Console ID", Feather.LIST, Styles.LEFT_PILL, group);
        console.setId("raw-source-console");
        ToggleButton file = pill("File .p12 / .p8", Feather.FILE, Styles.RIGHT_PILL, group);
        file.setId("raw-source-file");
        Runnable syncSource = () -> {
            console.setSelected(vm.sourceProperty().get() == Source.CONSOLE);
            file.setSelected(vm.sourceProperty().get() == Source.FILE);
        };
        syncSource.run();
        vm.sourceProperty().addListener((o, a, b) -> syncSource.run());
        console.setOnAction(e -> vm.sourceProperty().set(Source.CONSOLE));
        file.setOnAction(e -> vm.sourceProperty().set(Source.FILE));

        ComboBox<Long> ids = new ComboBox<>(vm.certificateIds());
        ids.setId("raw-certificate-id");
        ids.setMaxWidth(Double.MAX_VALUE);
        ids.valueProperty().bindBidirectional(vm.certificateIdProperty());
        ids.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long id) {
                return vm.describeCertificateId(id);
            }

            @Override
            public Long fromString(String s) {
                return null;
            }
        });
        Ui.tip(ids, "A certificate ID of the Console panel: it brings its credential, environment, gateway and bundle ID");

        TextField path = field("raw-credential-file", vm.credentialFileProperty(), "/path/to/cert.p12 or AuthKey_KEYID.p8",
                "The .p12 push certificate (exported with its key from Keychain Access) or the .p8 token key");
        Button browse = new Button("Browse…", new FontIcon(Feather.FOLDER));
        browse.setMinWidth(USE_PREF_SIZE);
        browse.setOnAction(e -> chooseCredential());
        HBox.setHgrow(path, Priority.ALWAYS);
        PasswordField password = new PasswordField();
        password.setId("raw-password");
        password.setPromptText(".p12 password (kept in memory only, never saved)");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        TextField keyId = field("raw-key-id", vm.keyIdProperty(), "Key ID (10 characters)",
                "The Key ID of the .p8: Certificates, Identifiers & Profiles > Keys; also in AuthKey_<KEYID>.p8");
        TextField teamId = field("raw-team-id", vm.teamIdProperty(), "Team ID (10 characters)",
                "The Team ID: Membership details of your Apple Developer account");
        HBox.setHgrow(keyId, Priority.ALWAYS);
        HBox.setHgrow(teamId, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("raw-credential-summary");
        summary.textProperty().bind(vm.credentialSummaryProperty());
        summary.setWrapText(true);
        summary.setMinHeight(USE_PREF_SIZE);
        summary.getStyleClass().add("credential-summary");
        summary.setGraphic(new FontIcon(Feather.SHIELD));
        summary.visibleProperty().bind(vm.credentialSummaryProperty().isNotEmpty());
        summary.managedProperty().bind(summary.visibleProperty());
        Label error = errorLabel("raw-credential-error", vm.credentialErrorProperty());

        GridPane g = grid();
        Label idLabel = Ui.label("Certificate ID", "field-label");
        Label fileLabel = Ui.label("File", "field-label");
        Label pwLabel = Ui.label("Password", "field-label");
        Label idsLabel = Ui.label("Key / Team", "field-label");
        HBox fileRow = Ui.row(6, path, browse);
        HBox idRow = Ui.row(6, keyId, teamId);
        g.addRow(0, Ui.label("Source", "field-label"), Ui.row(0, console, file));
        g.addRow(1, idLabel, ids);
        g.addRow(2, fileLabel, fileRow);
        g.addRow(3, pwLabel, password);
        g.addRow(4, idsLabel, idRow);
        var isConsole = vm.sourceProperty().isEqualTo(Source.CONSOLE);
        var isFile = vm.sourceProperty().isEqualTo(Source.FILE);
        showWhen(isConsole, idLabel, ids);
        showWhen(isFile, fileLabel, fileRow);
        showWhen(isFile.and(vm.fileIsP8Property().not()), pwLabel, password);
        showWhen(isFile.and(vm.fileIsP8Property()), idsLabel, idRow);
        new KeyScopeView(vm.keyScope(), "raw").addTo(g, 5, isFile.and(vm.fileIsP8Property()));
        return Ui.card("Credential and gateway", Feather.KEY, g, summary, error, gatewayGrid());
    }

    private void chooseCredential() {
        FileChooser c = new FileChooser();
        c.setTitle("Choose a .p12 push certificate or a .p8 token key");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("APNs credentials", "*.p12", "*.pfx", "*.p8"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) {
            vm.credentialFileProperty().set(f.getAbsolutePath());
        }
    }

    // ---------------------------------------------------------------- gateway

    private GridPane gatewayGrid() {
        ChoiceBox<Gateway> gateway = new ChoiceBox<>();
        gateway.setId("raw-gateway");
        gateway.getItems().setAll(Gateway.values());
        gateway.valueProperty().bindBidirectional(vm.gatewayProperty());
        gateway.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(gateway, Priority.ALWAYS);
        Ui.tip(gateway, "Embedded gateways run on 127.0.0.1 and answer as APNs does; Apple's hosts need a real"
                + " credential. A Debug build's token belongs to sandbox, a Release build's to production");
        ChoiceBox<Integer> port = new ChoiceBox<>();
        port.setId("raw-port");
        port.getItems().setAll(443, 2197);
        port.valueProperty().bindBidirectional(vm.applePortProperty());
        Ui.tip(port, "Apple listens on 443 and on 2197 (for networks that block 443)");
        Label portLabel = Ui.label("port", "field-label");
        showWhen(Bindings.createBooleanBinding(() -> vm.gatewayProperty().get() != null
                && vm.gatewayProperty().get().apple(), vm.gatewayProperty()), portLabel, port);

        Label state = new Label();
        state.setId("raw-connection");
        state.textProperty().bind(vm.connectionTextProperty());
        state.setWrapText(true);
        state.setMinHeight(USE_PREF_SIZE);
        state.getStyleClass().add("connection-state");
        FontIcon dot = new FontIcon(Feather.CIRCLE);
        dot.getStyleClass().add("connection-dot");
        state.setGraphic(dot);
        Runnable syncState = () -> {
            for (Connection c : Connection.values()) {
                PseudoClass pc = PseudoClass.getPseudoClass(c.name().toLowerCase(Locale.ROOT));
                state.pseudoClassStateChanged(pc, vm.connectionProperty().get() == c);
            }
        };
        syncState.run();
        vm.connectionProperty().addListener((o, a, b) -> syncState.run());

        GridPane g = grid();
        g.addRow(0, Ui.label("Gateway", "field-label"), Ui.row(8, gateway, portLabel, port));
        g.addRow(1, Ui.label("Connection", "field-label"), state);
        return g;
    }

    // ---------------------------------------------------------------- topic, tokens, headers

    private VBox pushCard() {
        TextField bundle = field("raw-bundle", vm.bundleIdProperty(), "com.example.app",
                "The app's bundle ID: the apns-topic is derived from it and the push type");
        ChoiceBox<PushType> type = new ChoiceBox<>();
        type.setId("raw-push-type");
        type.getItems().setAll(PushType.values());
        type.setConverter(converter(PushType::headerValue));
        type.valueProperty().bindBidirectional(vm.pushTypeProperty());
        Ui.tip(type, "apns-push-type. Each type needs its topic suffix (.voip, .push-type.liveactivity …)."
                + " Pushy 0.15.4 cannot send widgets or controls: use Copy curl for those");
        TextField topic = field("raw-topic", vm.topicProperty(), "", "apns-topic: leave empty to derive it from the"
                + " bundle ID and the push type; type one to override it");
        topic.promptTextProperty().bind(Bindings.concat("derived: ", vm.effectiveTopicProperty()));

        TextArea tokens = new TextArea();
        tokens.setId("raw-tokens");
        tokens.setPromptText("One device token per line (hex; spaces, <> and upper case are cleaned)");
        tokens.setPrefRowCount(3);
        tokens.getStyleClass().add("code");
        tokens.textProperty().bindBidirectional(vm.tokensProperty());
        MenuButton simulated = new MenuButton("Add a simulated iPhone's token", new FontIcon(Feather.SMARTPHONE));
        simulated.setId("raw-add-token");
        simulated.getStyleClass().add(Styles.SMALL);
        Runnable fillMenu = () -> simulated.getItems().setAll(vm.simulatedTokens().stream().map(t -> {
            MenuItem item = new MenuItem(t.toString());
            item.setOnAction(e -> vm.addToken(t.token()));
            return item;
        }).toList());
        fillMenu.run();
        vm.simulatedTokens().addListener((ListChangeListener<SimulatedToken>) c -> fillMenu.run());
        simulated.disableProperty().bind(Bindings.isEmpty(vm.simulatedTokens()));
        Ui.tip(simulated, "The embedded gateways know the tokens of the simulated iPhones: Debug = sandbox,"
                + " Release = production. A token of the other environment gets BadDeviceToken");
        Label tokenLines = new Label();
        tokenLines.setId("raw-token-lines");
        tokenLines.getStyleClass().addAll("token-lines", "mono");
        tokenLines.setWrapText(true);
        tokenLines.setMinHeight(USE_PREF_SIZE);
        tokenLines.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.tokenLines()),
                vm.tokenLines()));
        tokenLines.visibleProperty().bind(Bindings.isNotEmpty(vm.tokenLines()));
        tokenLines.managedProperty().bind(tokenLines.visibleProperty());

        ChoiceBox<ApnsPriority> priority = new ChoiceBox<>();
        priority.setId("raw-priority");
        priority.getItems().setAll(ApnsPriority.values());
        priority.valueProperty().bindBidirectional(vm.priorityProperty());
        Ui.tip(priority, "apns-priority: 10 sends at once, 5 lets the device save power (background pushes must use"
                + " 5), 1 never wakes the device; default sends no header (APNs then uses 10)");
        TextField expiration = field("raw-expiration", vm.expirationProperty(), "epoch seconds",
                "apns-expiration in epoch seconds: how long APNs stores the push while the device is offline;"
                        + " 0 = try once; empty = up to 30 days");
        TextField collapse = field("raw-collapse-id", vm.collapseIdProperty(), "apns-collapse-id",
                "apns-collapse-id: pushes with the same ID replace each other on the device (at most 64 bytes)");
        TextField apnsId = field("raw-apns-id", vm.apnsIdProperty(), "UUID (empty: APNs makes one)",
                "apns-id: a UUID to find the push again; APNs echoes it back");
        HBox.setHgrow(expiration, Priority.ALWAYS);
        HBox.setHgrow(collapse, Priority.ALWAYS);
        expiration.setPrefColumnCount(8);
        collapse.setPrefColumnCount(8);

        GridPane g = grid();
        g.addRow(0, Ui.label("Bundle ID", "field-label"), bundle);
        g.addRow(1, Ui.label("Push type", "field-label"), Ui.row(8, type, fixed(Ui.label("priority", "field-label")),
                priority));
        g.addRow(2, Ui.label("apns-topic", "field-label"), topic);
        g.addRow(3, Ui.label("Tokens", "field-label"), tokens);
        g.addRow(4, new Label(), new VBox(6, simulated, tokenLines));
        g.addRow(5, Ui.label("Expiration", "field-label"), Ui.row(8, expiration,
                fixed(Ui.label("collapse ID", "field-label")), collapse));
        g.addRow(6, Ui.label("apns-id", "field-label"), apnsId);
        return Ui.card("Push: topic, tokens, headers", Feather.SEND, g);
    }

    // ---------------------------------------------------------------- payload

    private VBox payloadCard() {
        TextArea payload = new TextArea();
        payload.setId("raw-payload");
        payload.getStyleClass().add("code");
        payload.setPrefRowCount(9);
        payload.textProperty().bindBidirectional(vm.payloadProperty());
        ProgressBar size = new ProgressBar(0);
        size.setId("raw-payload-size-bar");
        size.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(size, Priority.ALWAYS);
        Label sizeText = new Label();
        sizeText.setId("raw-payload-size");
        sizeText.setMinWidth(USE_PREF_SIZE);
        Ui.tip(sizeText, "APNs refuses payloads over 4096 bytes (5120 for VoIP) with 413 PayloadTooLarge");
        Label problem = errorLabel("raw-payload-problem", vm.payloadProblemProperty());
        Runnable syncSize = () -> {
            int bytes = vm.payloadBytesProperty().get();
            int limit = vm.payloadLimitProperty().get();
            size.setProgress(Math.min(1.0, bytes / (double) limit));
            sizeText.setText(bytes + " / " + limit + " bytes");
            size.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.SUCCESS);
            size.getStyleClass().add(bytes > limit ? Styles.DANGER : bytes > limit * 3 / 4 ? Styles.WARNING
                    : Styles.SUCCESS);
        };
        syncSize.run();
        vm.payloadBytesProperty().addListener((o, a, b) -> syncSize.run());
        vm.payloadLimitProperty().addListener((o, a, b) -> syncSize.run());
        return Ui.card("Payload (JSON)", Feather.CODE, payload, Ui.row(8, size, sizeText), problem);
    }

    // ---------------------------------------------------------------- check and send

    private Node checkList() {
        VBox box = new VBox(4);
        box.setId("raw-check");
        box.getStyleClass().add("check-list");
        Runnable sync = () -> {
            box.getChildren().clear();
            // the first few are enough to act on; the rest follow once those are fixed
            vm.problems().stream().limit(3).forEach(p -> box.getChildren().add(checkLine(p, true)));
            vm.warnings().stream().limit(3).forEach(w -> box.getChildren().add(checkLine(w, false)));
            box.setVisible(!box.getChildren().isEmpty());
            box.setManaged(box.isVisible());
        };
        sync.run();
        vm.problems().addListener((ListChangeListener<String>) c -> sync.run());
        vm.warnings().addListener((ListChangeListener<String>) c -> sync.run());
        return box;
    }

    private static Label checkLine(String text, boolean problem) {
        Label l = new Label(text, new FontIcon(problem ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE));
        l.getStyleClass().add(problem ? "check-problem" : "check-warning");
        l.setWrapText(true);
        l.setMinHeight(USE_PREF_SIZE);
        return l;
    }

    private Node sendRow() {
        Button send = new Button("Send", new FontIcon(Feather.SEND));
        send.setId("raw-send");
        send.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        send.setMinWidth(USE_PREF_SIZE);
        send.disableProperty().bind(vm.sendableProperty().not());
        send.setOnAction(e -> vm.send());
        StringProperty tip = new SimpleStringProperty();
        Runnable syncTip = () -> tip.set(vm.problems().isEmpty()
                ? "Send to every token (Ctrl+Enter); one row per token appears on the right"
                : "Fix first: " + String.join(" ", vm.problems()));
        syncTip.run();
        vm.problems().addListener((ListChangeListener<String>) c -> syncTip.run());
        Ui.tip(send, "");
        send.getTooltip().textProperty().bind(tip);
        Label result = Ui.statusLine(vm.messageProperty(), vm.messageErrorProperty());
        result.setId("raw-message");
        result.setMaxWidth(Double.MAX_VALUE);
        result.setMinHeight(USE_PREF_SIZE);
        HBox.setHgrow(result, Priority.ALWAYS);
        HBox row = Ui.row(12, send, result);
        row.getStyleClass().add("send-row");
        return row;
    }

    // ---------------------------------------------------------------- results

    private VBox resultsCard() {
        TableView<ResultRow> table = new TableView<>(vm.results());
        table.setId("raw-results");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label("No sends yet: fill the form and press Send (Ctrl+Enter)"));
        table.getColumns().add(text("#", 30, r -> String.valueOf(r.send())));
        table.getColumns().add(text("Token", 132, ResultRow::shortToken));
        TableColumn<ResultRow, String> status = text("Status", 60, ResultRow::status);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeIf(x -> x.startsWith("status-"));
                ResultRow r = empty ? null : getTableRow().getItem();
                if (r == null) {
                    setText(null);
                    return;
                }
                setText(s);
                getStyleClass().add(switch (r.outcome()) {
                    case ACCEPTED -> "status-accepted";
                    case REJECTED -> "status-rejected";
                    case FAILED -> "status-failed";
                });
            }
        });
        table.getColumns().add(status);
        table.getColumns().add(text("Reason", 120, ResultRow::reason));
        table.getColumns().add(text("ms", 50, ResultRow::latency));
        table.getColumns().add(text("apns-id", 120, ResultRow::apnsId));
        table.getColumns().add(text("apns-unique-id", 120, ResultRow::apnsUniqueId));
        table.getColumns().add(text("Time", 66, r -> CLOCK.format(r.sentAt())));
        table.getColumns().add(text("410 timestamp", 130, ResultRow::timestamp));
        table.getColumns().add(text("Gateway", 180, ResultRow::gateway));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedResultProperty().set(b);
            }
        });
        vm.selectedResultProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
                table.scrollTo(b);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.results().isEmpty() ? ""
                : vm.results().size() + (vm.results().size() == 1 ? " answer" : " answers") + ", newest send first",
                vm.results()));
        Button clear = new Button("Clear", new FontIcon(Feather.TRASH_2));
        clear.setId("raw-clear");
        clear.getStyleClass().add(Styles.SMALL);
        clear.disableProperty().bind(Bindings.isEmpty(vm.results()));
        clear.setOnAction(e -> vm.clearResults());
        VBox card = Ui.card("APNs answers, one row per token", Feather.INBOX, Ui.row(8, count, Ui.hspacer(), clear),
                table);
        card.setMinHeight(150);
        return card;
    }

    private static TableColumn<ResultRow, String> text(String title, double width, Function<ResultRow, String> f) {
        TableColumn<ResultRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private VBox detailsCard() {
        Label headline = new Label();
        headline.setId("raw-detail-title");
        headline.getStyleClass().add("explanation-title");
        headline.setWrapText(true);
        headline.setMinHeight(USE_PREF_SIZE);
        Label facts = new Label();
        facts.setId("raw-detail-facts");
        facts.getStyleClass().addAll("mono", "muted");
        facts.setWrapText(true);
        facts.setMinHeight(USE_PREF_SIZE);
        Label meaning = new Label();
        meaning.setId("raw-explanation");
        meaning.setWrapText(true);
        meaning.setMinHeight(USE_PREF_SIZE);
        Label fix = new Label();
        fix.setId("raw-fix");
        fix.getStyleClass().add("fix-text");
        fix.setGraphic(new FontIcon(Feather.TOOL));
        fix.setWrapText(true);
        fix.setMinHeight(USE_PREF_SIZE);
        fix.setMaxWidth(Double.MAX_VALUE);
        Runnable sync = () -> {
            ResultRow r = vm.selectedResultProperty().get();
            if (r == null) {
                headline.setText("Select an answer to see what it means");
                facts.setText("");
                meaning.setText("");
                fix.setText("");
            } else {
                headline.setText(r.status() + (r.reason().isEmpty() ? " accepted" : " " + r.reason())
                        + "  ·  send #" + r.send() + " at " + CLOCK.format(r.sentAt()));
                StringBuilder sb = new StringBuilder("token  ").append(r.token());
                if (!r.notes().isEmpty()) {
                    sb.append("\ncleaned  ").append(r.notes());
                }
                sb.append("\napns-id  ").append(r.apnsId().isEmpty() ? "—" : r.apnsId());
                if (!r.apnsUniqueId().isEmpty()) {
                    sb.append("\napns-unique-id  ").append(r.apnsUniqueId());
                }
                if (!r.timestamp().isEmpty()) {
                    sb.append("\ntimestamp  ").append(r.timestamp()).append(" (the token stopped being valid)");
                }
                sb.append("\ngateway  ").append(r.gateway()).append("  ·  ").append(r.latency()).append(" ms");
                facts.setText(sb.toString());
                meaning.setText(r.explanation());
                fix.setText(r.fix());
            }
            fix.setVisible(!fix.getText().isEmpty());
            fix.setManaged(fix.isVisible());
        };
        sync.run();
        vm.selectedResultProperty().addListener((o, a, b) -> sync.run());
        VBox body = new VBox(8, headline, meaning, fix, facts);
        body.getStyleClass().add("explanation-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox card = Ui.card("What the answer means", Feather.INFO, scroll);
        card.setMinHeight(110);
        return card;
    }

    // ---------------------------------------------------------------- export

    private VBox exportCard() {
        Button curl = new Button("Copy curl", new FontIcon(Feather.COPY));
        curl.setId("raw-copy-curl");
        curl.setOnAction(e -> {
            if (vm.copyCurl()) {
                ClipboardContent content = new ClipboardContent();
                content.putString(vm.curlTextProperty().get());
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        Ui.tip(curl, "Apple's documented curl command for each token of the form (HTTP/2). The JWT is freshly signed"
                + " and masked; a .p12 password is read from an environment variable, never printed");
        CheckBox reveal = new CheckBox("Show secrets");
        reveal.setId("raw-reveal");
        reveal.selectedProperty().bindBidirectional(vm.revealSecretsProperty());
        Ui.tip(reveal, "Put the real JWT in the curl command: anyone who has it can push to your team's apps for an"
                + " hour");
        Button apns = new Button("Save .apns…", new FontIcon(Feather.DOWNLOAD));
        apns.setId("raw-save-apns");
        apns.setOnAction(e -> saveApns());
        Ui.tip(apns, "The payload with \"Simulator Target Bundle\": drag it onto a booted Xcode Simulator, or run"
                + " xcrun simctl push booted <file>");
        TextArea text = new TextArea();
        text.setId("raw-curl");
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(3);
        text.getStyleClass().add("code");
        text.setPromptText("Copy curl puts Apple's command here and on the clipboard");
        text.textProperty().bind(vm.curlTextProperty());
        VBox.setVgrow(text, Priority.ALWAYS);
        Label status = Ui.statusLine(vm.exportMessageProperty(), vm.exportMessageErrorProperty());
        status.setId("raw-export-message");
        status.setMinHeight(USE_PREF_SIZE);
        status.visibleProperty().bind(vm.exportMessageProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        VBox card = Ui.card("Export", Feather.SHARE, Ui.row(10, curl, reveal, Ui.hspacer(), apns), status, text);
        card.setMinHeight(90);
        return card;
    }

    private void saveApns() {
        FileChooser c = new FileChooser();
        c.setTitle("Save the push as an .apns file for the Xcode Simulator");
        c.setInitialFileName(vm.suggestedApnsFileName());
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Simulator push", "*.apns"));
        File f = c.showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.saveApnsFile(f.toPath());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints a = new ColumnConstraints(92);
        ColumnConstraints b = new ColumnConstraints();
        b.setHgrow(Priority.ALWAYS);
        b.setFillWidth(true);
        g.getColumnConstraints().addAll(a, b);
        return g;
    }

    private static Label fixed(Label l) {
        l.setMinWidth(USE_PREF_SIZE);
        return l;
    }

    private static TextField field(String id, StringProperty p, String prompt, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        Ui.tip(f, tip);
        return f;
    }

    private static ToggleButton pill(String text, Feather icon, String style, ToggleGroup group) {
        ToggleButton b = new ToggleButton(text, new FontIcon(icon));
        b.getStyleClass().add(style);
        b.setToggleGroup(group);
        return b;
    }

    private static Label errorLabel(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.getStyleClass().add("error-text");
        l.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        l.setWrapText(true);
        l.setMinHeight(USE_PREF_SIZE);
        l.visibleProperty().bind(Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static void showWhen(javafx.beans.value.ObservableBooleanValue condition, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(condition);
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private static <T> StringConverter<T> converter(Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
