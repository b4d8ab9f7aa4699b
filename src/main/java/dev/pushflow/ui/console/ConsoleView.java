package dev.pushflow.ui.console;

import atlantafx.base.theme.Styles;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.ui.Ui;
import dev.pushflow.ui.console.ConsoleViewModel.CredentialKind;
import dev.pushflow.ui.console.ConsoleViewModel.RestoreNote;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.function.Function;

/** Panel 1: the console's certificate IDs, the selected credential, the app's macro per build, the add/edit form. */
public final class ConsoleView extends BorderPane {
    private final ConsoleViewModel vm;

    public ConsoleView(ConsoleViewModel vm) {
        this.vm = vm;
        getStyleClass().add("panel");
        setId("console-view");
        TableView<CertificateEntry> table = table();
        TextArea details = new TextArea();
        details.setEditable(false);
        details.setWrapText(true);
        details.getStyleClass().add("code");
        details.textProperty().bind(vm.detailsProperty());
        details.setPrefRowCount(6);
        Button remove = new Button("Remove", new FontIcon(Feather.TRASH_2));
        remove.getStyleClass().add(Styles.DANGER);
        remove.setOnAction(e -> vm.removeSelected());
        VBox credential = Ui.card("Credential", Feather.SHIELD, details);
        credential.setMinHeight(110); // its text scrolls; the table's two rows stay in view
        VBox certificates = Ui.card("IM console: certificate IDs", Feather.KEY, table, Ui.row(8, Ui.hspacer(), remove));
        VBox left = new VBox(12, certificates, credential, networkCard());
        // The table shows its two rows; the credential card below takes the height that is left.
        VBox.setVgrow(credential, Priority.ALWAYS);
        VBox.setVgrow(details, Priority.ALWAYS);
        VBox right = new VBox(12, macroCard(), formCard(), Ui.statusLine(vm.messageProperty(), vm.errorProperty()),
                new WeatherCard(vm.weather()));
        // The right column scrolls when the window is short (1280x720): the weather card is below the form.
        javafx.scene.control.ScrollPane rightScroll = new javafx.scene.control.ScrollPane(right);
        rightScroll.setId("console-right");
        rightScroll.setFitToWidth(true);
        rightScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        rightScroll.getStyleClass().add("edge-to-edge");
        rightScroll.setPrefWidth(494);
        rightScroll.setMinWidth(454);
        right.setPadding(new Insets(0, 12, 0, 0)); // room for the scroll bar: the cards keep their 470
        BorderPane.setMargin(rightScroll, new Insets(0, 0, 0, 12));
        setTop(restoreBanner());
        setCenter(left);
        setRight(rightScroll);
    }

    /** For tools that put the panel into a state worth a picture. */
    public ConsoleViewModel viewModel() {
        return vm;
    }

    private TableView<CertificateEntry> table() {
        TableView<CertificateEntry> t = new TableView<>(vm.entries());
        t.setId("certificate-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Four columns fit the half-window card without cutting words: gateway folded into the environment.
        // At 1280x720 the card is about 480 px wide: two lines a row (the cells wrap at spaces) instead of words cut
        // to "…", and each cell shows its whole text as tooltip.
        t.getColumns().add(col("ID", 64, e -> String.valueOf(e.certificateId())));
        t.getColumns().add(col("Environment", 100, e -> e.environment().wireName() + (e.gateway() == GatewayTarget.EMBEDDED
                ? "\nembedded" : "\nApple :" + e.applePort())));
        t.getColumns().add(col("Bundle ID", 136, CertificateEntry::bundleId));
        t.getColumns().add(col("Credential", 110, ConsoleViewModel::credentialCell));
        t.setFixedCellSize(48); // two lines a row, the same for every row
        t.setMinHeight(32 + 2 * 48 + 4); // the header and two rows (development and production) always show
        t.setPrefHeight(32 + 3 * 48 + 4);
        t.setPlaceholder(new Label("No certificate IDs: add one on the right"));
        t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && t.getSelectionModel().getSelectedItem() != b) {
                t.getSelectionModel().select(b);
            }
        });
        if (vm.selectedProperty().get() != null) {
            t.getSelectionModel().select(vm.selectedProperty().get());
        }
        return t;
    }

    /**
     * Across the panel, above both columns: the certificate IDs of the saved workspace that could not be restored at
     * start, one line each with what to do; hidden when everything was restored. They stay in the saved workspace
     * until loaded again or dropped.
     */
    private VBox restoreBanner() {
        VBox banner = new VBox(6);
        banner.setId("console-restore");
        banner.getStyleClass().add("restore-banner");
        banner.setMinHeight(USE_PREF_SIZE);
        BorderPane.setMargin(banner, new Insets(0, 0, 12, 0));
        Runnable fill = () -> {
            banner.getChildren().clear();
            for (RestoreNote n : vm.restoreNotes()) {
                Label text = new Label(n.text(), new FontIcon(Feather.ALERT_TRIANGLE));
                text.setWrapText(true);
                text.setMinHeight(USE_PREF_SIZE);
                text.setMaxWidth(Double.MAX_VALUE);
                text.getStyleClass().add("restore-text");
                Ui.tip(text, n.detail());
                HBox.setHgrow(text, Priority.ALWAYS);
                HBox row = Ui.row(8, text);
                if (n.certificateId() > 0) {
                    Button again = new Button("Load again", new FontIcon(Feather.UPLOAD));
                    again.setId("console-restore-load-" + n.certificateId());
                    again.setOnAction(e -> vm.loadAgain(n.certificateId()));
                    again.setMinWidth(USE_PREF_SIZE);
                    Button drop = new Button("Drop");
                    drop.setId("console-restore-drop-" + n.certificateId());
                    drop.setOnAction(e -> vm.dropUnrestored(n.certificateId()));
                    drop.setMinWidth(USE_PREF_SIZE);
                    Ui.tip(drop, "Certificate ID " + n.certificateId() + " is kept in the saved workspace until you"
                            + " load it again; Drop removes it from there");
                    row.getChildren().addAll(again, drop);
                }
                banner.getChildren().add(row);
            }
        };
        fill.run();
        vm.restoreNotes().addListener((ListChangeListener<RestoreNote>) c -> fill.run());
        banner.visibleProperty().bind(Bindings.isNotEmpty(vm.restoreNotes()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static TableColumn<CertificateEntry, String> col(String title, double w, Function<CertificateEntry, String> f) {
        TableColumn<CertificateEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setPrefWidth(w);
        c.setMinWidth(w); // the last column (credential) gives way, not the short ones
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            {
                setWrapText(true);
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                boolean none = empty || text == null || text.isEmpty();
                setText(none ? null : text);
                tip.setText(text);
                setTooltip(none ? null : tip);
            }
        });
        return c;
    }

    /** The proxy for Apple's hosts, what is in use, and the connections to Apple. */
    private VBox networkCard() {
        TextField proxy = new TextField();
        proxy.setId("console-proxy");
        proxy.setPromptText("none · system · http:// or socks5:// URL");
        proxy.textProperty().bindBidirectional(vm.proxyTextProperty());
        proxy.setOnAction(e -> vm.applyProxy());
        HBox.setHgrow(proxy, Priority.ALWAYS);
        Ui.tip(proxy, "How PushFlow reaches Apple's APNs hosts: none; system (HTTPS_PROXY / ALL_PROXY with NO_PROXY,"
                + " else Java's proxy settings); http://[user[:password]@]host:port (HTTP CONNECT);"
                + " socks5://[user[:password]@]host:port. A user without a password reads PUSHFLOW_PROXY_PASSWORD."
                + " The password is saved only if you tick Remember.");
        Button apply = new Button("Apply", new FontIcon(Feather.CHECK));
        apply.setId("console-proxy-apply");
        apply.setOnAction(e -> vm.applyProxy());
        Label inUse = new Label();
        inUse.setId("console-proxy-in-use");
        inUse.textProperty().bind(vm.proxyInUseProperty());
        Label message = Ui.statusLine(vm.proxyMessageProperty(), vm.proxyErrorProperty());
        message.setId("console-proxy-message");
        message.setMinHeight(USE_PREF_SIZE);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Label links = new Label();
        links.setId("console-apple-connections");
        links.textProperty().bind(vm.appleConnectionsProperty());
        links.setWrapText(true);
        links.setMinHeight(USE_PREF_SIZE);
        links.getStyleClass().add("muted");
        FontIcon link = new FontIcon(Feather.LINK);
        links.setGraphic(link);
        Runnable linkState = () -> links.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"),
                vm.appleConnectionFailedProperty().get());
        linkState.run();
        vm.appleConnectionFailedProperty().addListener((o, a, b) -> linkState.run());
        javafx.scene.control.CheckBox remember = new javafx.scene.control.CheckBox("Remember the proxy password");
        remember.setId("console-proxy-remember");
        remember.selectedProperty().bindBidirectional(vm.rememberProxyPasswordProperty());
        Ui.tip(remember, "Stored unencrypted in " + vm.secretsFile() + ", readable only by you, with the .p12"
                + " passwords you asked to remember; applied with the box unticked, it is forgotten.");
        GridPane g = grid();
        g.addRow(0, Ui.label("Proxy", "field-label"), Ui.row(8, proxy, apply));
        g.addRow(1, new Label(), remember);
        g.addRow(2, Ui.label("In use", "field-label"), inUse);
        VBox card = Ui.card("Network: reaching Apple", Feather.GLOBE, g, message, links);
        card.setId("console-network");
        card.setMinHeight(USE_PREF_SIZE);
        return card;
    }

        private VBox macroCard() {
        TextField debug = new TextField();
        debug.setId("macro-debug");
        debug.textProperty().bindBidirectional(vm.debugIdProperty());
        Ui.tip(debug, "#ifdef DEBUG  TUIOfflinePushCertificateIDForAPNS(<id>): the businessID a Debug build reports "
                + "with setAPNS. Debug builds get development tokens: use the development certificate ID. 0 = macro absent");
        TextField release = new TextField();
        release.setId("macro-release");
        release.textProperty().bindBidirectional(vm.releaseIdProperty());
        Ui.tip(release, "#else  TUIOfflinePushCertificateIDForAPNS(<id>): the businessID a Release (TestFlight, App Store) "
                + "build reports. Release builds get production tokens: use the production certificate ID. 0 = macro absent");
        TextField bundle = new TextField();
        bundle.textProperty().bindBidirectional(vm.bundleIdProperty());
        Ui.tip(bundle, "The app's bundle ID: the apns-topic of its pushes");
        debug.textProperty().addListener(o -> vm.refreshWarnings());
        release.textProperty().addListener(o -> vm.refreshWarnings());
        Button apply = new Button("_Apply to the app", new FontIcon(Feather.CHECK));
        apply.setId("macro-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setOnAction(e -> vm.applyMacros());
        GridPane g = grid();
        g.addRow(0, Ui.label("Debug", "field-label"), debug);
        g.add(warning(vm.debugWarningProperty(), "macro-debug-warning"), 1, 1);
        g.addRow(2, Ui.label("Release", "field-label"), release);
        g.add(warning(vm.releaseWarningProperty(), "macro-release-warning"), 1, 3);
        g.addRow(4, Ui.label("Bundle ID", "field-label"), bundle);
        Label code = new Label("#ifdef DEBUG → TUIOfflinePushCertificateIDForAPNS(…)   #else → …");
        code.getStyleClass().addAll("muted", "mono");
        code.setWrapText(true); // wrapped, never cut to "…"
        code.setMinHeight(Region.USE_PREF_SIZE);
        return Ui.card("App: TUIOfflinePushCertificateIDForAPNS per build", Feather.CODE, code, g, Ui.row(8, Ui.hspacer(), apply));
    }

    private static Label warning(ObservableStringValue text, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.getStyleClass().add("warning-text");
        l.setMinHeight(USE_PREF_SIZE); // the warning is the point of the card: never cut to "..."
        l.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private VBox formCard() {
        TextField id = new TextField();
        id.textProperty().bindBidirectional(vm.formIdProperty());
        Ui.tip(id, "Certificate ID: the number the IM console allocated for the uploaded credential (the app's businessID)");
        ChoiceBox<ApnsEnvironment> env = new ChoiceBox<>();
        env.getItems().setAll(ApnsEnvironment.values());
        env.valueProperty().bindBidirectional(vm.formEnvironmentProperty());
        env.setConverter(converter(ApnsEnvironment::appleName));
        ChoiceBox<GatewayTarget> gateway = new ChoiceBox<>();
        gateway.getItems().setAll(GatewayTarget.values());
        gateway.valueProperty().bindBidirectional(vm.formGatewayProperty());
        gateway.setConverter(converter(g -> g == GatewayTarget.EMBEDDED ? "embedded" : "Apple"));
        TextField bundle = new TextField();
        bundle.textProperty().bindBidirectional(vm.formBundleProperty());
        ChoiceBox<CredentialKind> kind = new ChoiceBox<>();
        kind.getItems().setAll(CredentialKind.values());
        kind.valueProperty().bindBidirectional(vm.formKindProperty());
        kind.setConverter(converter(k -> k == CredentialKind.P8 ? ".p8 key" : ".p12 cert."));
        TextField file = new TextField();
        file.setPromptText("unchanged"); // shown whole in the narrow field; the tooltip says the rest
        Ui.tip(file, "The .p12 or .p8 file of this certificate ID; left empty, the entry keeps the credential it has now");
        file.textProperty().bindBidirectional(vm.formFileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button(null, new FontIcon(Feather.FOLDER));
        browse.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("APNs credentials", "*.p8", "*.p12"));
            File f = c.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.formFileProperty().set(f.getAbsolutePath());
                vm.formKindProperty().set(f.getName().endsWith(".p12") ? CredentialKind.P12 : CredentialKind.P8);
            }
        });
        TextField keyId = new TextField();
        keyId.setPromptText("Key ID");
        keyId.textProperty().bindBidirectional(vm.formKeyIdProperty());
        TextField teamId = new TextField();
        teamId.setPromptText("Team ID");
        teamId.textProperty().bindBidirectional(vm.formTeamIdProperty());
        HBox p8 = Ui.row(8, keyId, teamId);
        p8.visibleProperty().bind(vm.formKindProperty().isEqualTo(CredentialKind.P8));
        p8.managedProperty().bind(p8.visibleProperty());
        // The password lives in this control only until Save; the view model gets it as characters, never a property.
        PasswordField password = new PasswordField();
        password.setId("console-p12-password");
        password.setPromptText(".p12 export password (empty if it has none)");
        Ui.tip(password, "The password chosen when the .p12 was exported from Keychain Access. Kept in memory for"
                + " this session; written to disk only if you tick “Remember the password”.");
        CheckBox remember = new CheckBox("Remember the password on this computer");
        remember.setId("console-remember-password");
        remember.selectedProperty().bindBidirectional(vm.rememberPasswordProperty());
        Ui.tip(remember, "Ticked: the password is written to " + vm.secretsFile() + " (plain text, only your user may"
                + " read it) and this certificate ID is restored at the next start. Unticked: kept until PushFlow"
                + " closes; nothing is written. Forget stored passwords deletes the file.");
        Label where = new Label("Stored unencrypted in " + vm.secretsFile() + ", readable only by you.");
        where.setId("console-remember-where");
        where.setWrapText(true);
        where.setMinHeight(USE_PREF_SIZE);
        where.getStyleClass().addAll("muted", "small-text");
        VBox p12 = new VBox(6, password, remember, where);
        p12.visibleProperty().bind(vm.formKindProperty().isEqualTo(CredentialKind.P12));
        p12.managedProperty().bind(p12.visibleProperty());
        // a saved entry clears the file; the typed password goes with it
        vm.formFileProperty().addListener((o, a, b) -> {
            if (b == null || b.isBlank()) {
                password.clear();
            }
        });
        Button save = new Button("Save certificate ID", new FontIcon(Feather.SAVE));
        save.setOnAction(e -> vm.saveEntry(vm.formKindProperty().get() == CredentialKind.P12
                && !vm.formFileProperty().get().isBlank() ? password.getText().toCharArray() : null));
        Button forget = new Button("Forget stored passwords", new FontIcon(Feather.TRASH));
        forget.setId("console-forget-passwords");
        forget.disableProperty().bind(vm.storedPasswordsProperty().isEqualTo(0));
        forget.setOnAction(e -> vm.forgetStoredPasswords());
        Ui.tip(forget, "Deletes " + vm.secretsFile() + ": every password PushFlow was asked to remember");
        GridPane g = grid();
        g.addRow(0, Ui.label("ID", "field-label"), Ui.row(8, id, env, gateway));
        g.addRow(1, Ui.label("Bundle ID", "field-label"), bundle);
        g.addRow(2, Ui.label("Credential", "field-label"), Ui.row(8, kind, file, browse));
        g.add(p8, 1, 3);
        Label passwordLabel = Ui.label("Password", "field-label");
        passwordLabel.visibleProperty().bind(p12.visibleProperty());
        passwordLabel.managedProperty().bind(p12.visibleProperty());
        GridPane.setValignment(passwordLabel, javafx.geometry.VPos.TOP);
        passwordLabel.setPadding(new Insets(6, 0, 0, 0));
        g.add(passwordLabel, 0, 4);
        g.add(p12, 1, 4);
        return Ui.card("Add or edit a certificate ID", Feather.UPLOAD, g, Ui.row(8, forget, Ui.hspacer(), save));
    }

    private static <T> javafx.util.StringConverter<T> converter(Function<T, String> f) {
        return new javafx.util.StringConverter<>() {
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
        ColumnConstraints a = new ColumnConstraints(80);
        ColumnConstraints b = new ColumnConstraints();
        b.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(a, b);
        return g;
    }
}
