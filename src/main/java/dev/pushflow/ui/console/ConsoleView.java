package dev.pushflow.ui.console;

import atlantafx.base.theme.Styles;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.ui.Ui;
import dev.pushflow.ui.console.ConsoleViewModel.CredentialKind;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
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
        credential.setMinHeight(USE_PREF_SIZE); // the table gives way first
        VBox left = new VBox(12,
                Ui.card("IM console: certificate IDs", Feather.KEY, table, Ui.row(8, Ui.hspacer(), remove)),
                credential, networkCard());
        VBox.setVgrow(left.getChildren().getFirst(), Priority.ALWAYS);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox right = new VBox(12, macroCard(), formCard(), Ui.statusLine(vm.messageProperty(), vm.errorProperty()));
        right.setPrefWidth(470);
        right.setMinWidth(430);
        BorderPane.setMargin(right, new Insets(0, 0, 0, 12));
        setCenter(left);
        setRight(right);
    }

    private TableView<CertificateEntry> table() {
        TableView<CertificateEntry> t = new TableView<>(vm.entries());
        t.setId("certificate-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getColumns().add(col("Cert. ID", 70, e -> String.valueOf(e.certificateId())));
        t.getColumns().add(col("Environment", 96, e -> e.environment().appleName()));
        t.getColumns().add(col("Bundle ID", 130, CertificateEntry::bundleId));
        t.getColumns().add(col("Gateway", 76, e -> e.gateway() == GatewayTarget.EMBEDDED ? "embedded" : "Apple"));
        t.getColumns().add(col("Credential", 160, e -> e.credential().label() + " (" + e.credential().authKind() + ")"));
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

    private static TableColumn<CertificateEntry, String> col(String title, double w, Function<CertificateEntry, String> f) {
        TableColumn<CertificateEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setPrefWidth(w);
        return c;
    }

    /** The proxy for Apple's hosts, what is in use, and the connections to Apple. */
    private VBox networkCard() {
        TextField proxy = new TextField();
        proxy.setId("console-proxy");
        proxy.setPromptText("none · system · http://host:3128 · socks5://…");
        proxy.textProperty().bindBidirectional(vm.proxyTextProperty());
        proxy.setOnAction(e -> vm.applyProxy());
        HBox.setHgrow(proxy, Priority.ALWAYS);
        Ui.tip(proxy, "How PushFlow reaches Apple's APNs hosts: none; system (HTTPS_PROXY / ALL_PROXY with NO_PROXY,"
                + " else Java's proxy settings); http://[user[:password]@]host:port (HTTP CONNECT);"
                + " socks5://[user[:password]@]host:port. A user without a password reads PUSHFLOW_PROXY_PASSWORD."
                + " The password is never saved.");
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
        GridPane g = grid();
        g.addRow(0, Ui.label("Proxy", "field-label"), Ui.row(8, proxy, apply));
        g.addRow(1, Ui.label("In use", "field-label"), inUse);
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
        return Ui.card("App: TUIOfflinePushCertificateIDForAPNS per build", Feather.CODE, code, g, Ui.row(8, Ui.hspacer(), apply));
    }

    private static Label warning(ObservableStringValue text, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.getStyleClass().add("warning-text");
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
        file.setPromptText("keep the current credential");
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
        Button save = new Button("Save certificate ID", new FontIcon(Feather.SAVE));
        save.setOnAction(e -> vm.saveEntry(vm.formKindProperty().get() == CredentialKind.P12
                && !vm.formFileProperty().get().isBlank() ? askPassword() : null));
        GridPane g = grid();
        g.addRow(0, Ui.label("ID", "field-label"), Ui.row(8, id, env, gateway));
        g.addRow(1, Ui.label("Bundle ID", "field-label"), bundle);
        g.addRow(2, Ui.label("Credential", "field-label"), Ui.row(8, kind, file, browse));
        g.add(p8, 1, 3);
        return Ui.card("Add or edit a certificate ID", Feather.UPLOAD, g, Ui.row(8, Ui.hspacer(), save));
    }

    private char[] askPassword() {
        Dialog<char[]> d = new Dialog<>();
        d.setTitle("Password of the .p12");
        d.setHeaderText("The .p12 export password (set when it was exported from Keychain Access)");
        PasswordField pw = new PasswordField();
        d.getDialogPane().setContent(pw);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? pw.getText().toCharArray() : null);
        return d.showAndWait().orElse(new char[0]);
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
