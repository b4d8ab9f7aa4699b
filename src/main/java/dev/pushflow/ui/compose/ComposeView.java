package dev.pushflow.ui.compose;

import atlantafx.base.theme.Styles;
import dev.pushflow.ui.Ui;
import dev.pushflow.ui.compose.ComposeViewModel.Issue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Function;

/** Panel 3: the message form on the left, the engine's per-device preview on the right. */
public final class ComposeView extends BorderPane {
    private final ComposeViewModel vm;
    private final ValidationSupport validation = new ValidationSupport();

    public ComposeView(ComposeViewModel vm) {
        this.vm = vm;
        getStyleClass().add("panel");
        setId("compose-view");
        VBox form = new VBox(12, messageCard(), pushInfoCard(), apnsCard());
        form.setPadding(new Insets(0, 8, 0, 0));
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // Send stays in view however long the form gets.
        VBox left = new VBox(10, scroll, sendRow());
        left.setPrefWidth(560);
        left.setMinWidth(500);
        setLeft(left);
        Node preview = previewCard();
        BorderPane.setMargin(preview, new Insets(0, 0, 0, 12));
        setCenter(preview);
        sceneProperty().addListener((o, a, s) -> {
            if (s != null && a == null) {
                s.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (Ui.isShown(this)) {
                        vm.send();
                    }
                });
            }
        });
    }

    private VBox messageCard() {
        ComboBox<String> sender = new ComboBox<>(vm.users());
        sender.setId("compose-sender");
        sender.valueProperty().bindBidirectional(vm.senderProperty());
        Ui.tip(sender, "The sending user (userID). For a one-to-one message the chat UI puts this userID in ext's entity.sender");

        ToggleGroup kind = new ToggleGroup();
        ToggleButton user = new ToggleButton("One-to-one", new FontIcon(Feather.USER));
        user.setId("compose-to-user");
        user.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton group = new ToggleButton("Group", new FontIcon(Feather.USERS));
        group.setId("compose-to-group");
        group.getStyleClass().add(Styles.RIGHT_PILL);
        user.setToggleGroup(kind);
        group.setToggleGroup(kind);
        user.setSelected(!vm.toGroupProperty().get());
        group.setSelected(vm.toGroupProperty().get());
        user.setOnAction(e -> {
            user.setSelected(true);
            vm.toGroupProperty().set(false);
        });
        group.setOnAction(e -> {
            group.setSelected(true);
            vm.toGroupProperty().set(true);
        });
        ComboBox<String> receiver = new ComboBox<>(vm.users());
        receiver.setId("compose-receiver");
        receiver.valueProperty().bindBidirectional(vm.receiverProperty());
        Ui.tip(receiver, "Recipient userID (C2C): every device where this user logged in gets the backend's decision");
        ComboBox<String> groupId = new ComboBox<>(vm.groups());
        groupId.setId("compose-group");
        groupId.valueProperty().bindBidirectional(vm.groupIDProperty());
        Ui.tip(groupId, "groupID: every member but the sender gets it; entity.chatType 2, entity.sender = the groupID");
        receiver.visibleProperty().bind(vm.toGroupProperty().not());
        receiver.managedProperty().bind(receiver.visibleProperty());
        groupId.visibleProperty().bind(vm.toGroupProperty());
        groupId.managedProperty().bind(groupId.visibleProperty());

        ListView<ElementDraft> elements = new ListView<>(vm.elements());
        elements.setId("compose-elements");
        elements.setPrefHeight(84);
        elements.getStyleClass().add(Styles.DENSE);
        ChoiceBox<ElementDraft.Kind> elKind = new ChoiceBox<>();
        elKind.getItems().setAll(ElementDraft.Kind.values());
        elKind.valueProperty().bindBidirectional(vm.elementKindProperty());
        TextField elValue = new TextField();
        elValue.setId("compose-element-value");
        elValue.setPromptText("text, image URL, custom data…");
        elValue.textProperty().bindBidirectional(vm.elementValueProperty());
        elValue.setOnAction(e -> vm.addElement());
        HBox.setHgrow(elValue, Priority.ALWAYS);
        Ui.tip(elValue, "Elements are joined in order with no separator in the alert text; non-text ones show as "
                + "[image], [audio], [file], [Location], [Face]. A custom message is pushed only when desc is set.");
        Button add = new Button("Add", new FontIcon(Feather.PLUS));
        add.setMinWidth(USE_PREF_SIZE);
        add.setOnAction(e -> vm.addElement());
        Button remove = new Button(null, new FontIcon(Feather.MINUS));
        Ui.tip(remove, "Remove the selected element");
        remove.setOnAction(e -> {
            ElementDraft d = elements.getSelectionModel().getSelectedItem();
            if (d != null) {
                vm.removeElement(d);
            }
        });

        GridPane g = grid();
        g.addRow(0, Ui.label("Sender", "field-label"), sender);
        g.addRow(1, Ui.label("To", "field-label"), Ui.row(8, new HBox(user, group), receiver, groupId));
        g.addRow(2, Ui.label("Elements", "field-label"), elements);
        g.addRow(3, new Label(), Ui.row(6, elKind, elValue, add, remove));
        return Ui.card("Message", Feather.MESSAGE_SQUARE, g);
    }

    private VBox pushInfoCard() {
        TextField title = field("compose-title", vm.titleProperty(), "title",
                "offlinePushInfo.title: shown in addition to the text (Apple's alert.title)");
        TextField desc = field("compose-desc", vm.descProperty(), "desc",
                "offlinePushInfo.desc: replaces the default text. A custom message is pushed only when desc is set");
        TextArea ext = new TextArea();
        ext.setId("compose-ext");
        ext.setPromptText("empty = the chat UI's {\"entity\":{\"action\":1,\"chatType\":…,\"sender\":…}}");
        ext.setPrefRowCount(3);
        ext.setWrapText(true);
        ext.getStyleClass().add("code");
        ext.textProperty().bindBidirectional(vm.extProperty());
        Ui.tip(ext, "offlinePushInfo.ext: copied verbatim to userInfo[\"ext\"]. On tap TUIOfflinePush parses it as "
                + "JSON and reads entity.action, entity.chatType and entity.sender");
        TextField sound = field("compose-sound", vm.iOSSoundProperty(), "iOSSound",
                "offlinePushInfo.iOSSound: aps.sound. \"push.no_sound\" = silent, \"default\" = system sound, else a file name with extension");
        TextField image = field("compose-image", vm.iOSImageProperty(), "iOSImage",
                "offlinePushInfo.iOSImage (newer SDKs): key \"image\"; needs mutable-content enabled in the console");
        CheckBox disable = check("disablePush", vm.disablePushProperty(), "offlinePushInfo.disablePush: no offline push at all");
        CheckBox badge = check("ignoreIOSBadge", vm.ignoreIOSBadgeProperty(), "offlinePushInfo.ignoreIOSBadge: the badge is not incremented");
        CheckBox voip = check("VoIP (iOSPushType 1)", vm.voipProperty(),
                "offlinePushInfo.iOSPushType: 0 = APNs alert, 1 = VoIP (PushKit: topic <bundle>.voip, 5120-byte limit)");
        validation.registerValidator(ext, false, issue(ComposeViewModel::extIssue));
        validation.registerValidator(sound, false, issue(ComposeViewModel::soundIssue));

        GridPane g = grid();
        g.addRow(0, Ui.label("title", "field-label"), title);
        g.addRow(1, Ui.label("desc", "field-label"), desc);
        g.addRow(2, Ui.label("ext", "field-label"), ext);
        g.addRow(3, Ui.label("iOSSound", "field-label"), sound);
        g.addRow(4, Ui.label("iOSImage", "field-label"), image);
        javafx.scene.layout.FlowPane flags = new javafx.scene.layout.FlowPane(16, 6, disable, badge, voip);
        g.addRow(5, new Label(), flags);
        return Ui.card("offlinePushInfo", Feather.BELL, g);
    }

    private VBox apnsCard() {
        ComboBox<String> priority = new ComboBox<>();
        priority.getItems().setAll("10 (immediate)", "5 (power-saving)", "default");
        priority.setValue("10 (immediate)");
        priority.valueProperty().addListener((o, a, b) -> vm.priorityProperty().set(b));
        Ui.tip(priority, "apns-priority: 10 sends at once, 5 lets the device save power");
        TextField expiration = field("compose-expiration", vm.expirationProperty(), "seconds from now (empty = default)",
                "apns-expiration: how long APNs stores the push when the device is offline; 0 = deliver once or drop");
        TextField collapse = field("compose-collapse", vm.collapseIdProperty(), "apns-collapse-id",
                "apns-collapse-id: pushes with the same ID replace each other on the device (max 64 bytes)");
        validation.registerValidator(expiration, false, issue(ComposeViewModel::expirationIssue));
        validation.registerValidator(collapse, false, issue(ComposeViewModel::collapseIdIssue));
        GridPane g = grid();
        g.addRow(0, Ui.label("Priority", "field-label"), priority);
        g.addRow(1, Ui.label("Expiration", "field-label"), expiration);
        g.addRow(2, Ui.label("Collapse ID", "field-label"), collapse);
        return Ui.card("APNs headers", Feather.SERVER, g);
    }

    private Node sendRow() {
        Button send = new Button("_Send", new FontIcon(Feather.SEND));
        send.setId("send-button");
        send.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        send.setMnemonicParsing(true);
        send.disableProperty().bind(vm.sendingProperty());
        send.setOnAction(e -> vm.send());
        Ui.tip(send, "Send through the IM backend: it decides per device and pushes to APNs (Ctrl+Enter)");
        Label result = Ui.statusLine(vm.resultProperty(), vm.resultErrorProperty());
        result.setId("send-result");
        HBox.setHgrow(result, Priority.ALWAYS);
        result.setMaxWidth(Double.MAX_VALUE);
        send.setMinWidth(Region.USE_PREF_SIZE); // never "S…"
        HBox row = Ui.row(12, send, result);
        row.getStyleClass().add("send-row");
        VBox perDevice = new VBox(2);
        perDevice.setId("send-results");
        perDevice.getStyleClass().add("send-results");
        Runnable fill = () -> perDevice.getChildren().setAll(vm.results().stream().map(r -> {
            Label l = new Label(r.text(), new FontIcon(r.ok() ? Feather.CHECK : r.status().isPushAttempt()
                    ? Feather.X : Feather.MINUS_CIRCLE));
            l.setWrapText(true);
            l.getStyleClass().add(r.ok() ? "ok-text" : r.status().isPushAttempt() ? "error-text" : "muted");
            return (javafx.scene.Node) l;
        }).toList());
        vm.results().addListener((javafx.collections.ListChangeListener<ComposeViewModel.SendResult>) c -> fill.run());
        perDevice.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.results()));
        perDevice.managedProperty().bind(perDevice.visibleProperty());
        return new VBox(6, row, perDevice);
    }

    private Node previewCard() {
        ListView<PreviewRow> list = new ListView<>(vm.preview());
        list.setId("preview-list");
        list.setPrefHeight(150);
        list.setMinHeight(110);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PreviewRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                FontIcon icon = new FontIcon(r.tooLarge() ? Feather.ALERT_TRIANGLE : r.push() ? Feather.SEND : Feather.SLASH);
                icon.getStyleClass().add(r.tooLarge() ? "icon-danger" : r.push() ? "icon-success" : "icon-muted");
                Label text = new Label(r.outcome());
                text.setWrapText(true);
                text.maxWidthProperty().bind(list.widthProperty().subtract(60));
                text.setMinHeight(USE_PREF_SIZE);
                setGraphic(Ui.row(8, icon, text));
                setText(null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedPreviewProperty().set(b);
            }
        });
        vm.selectedPreviewProperty().addListener((o, a, b) -> {
            if (b != null && list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
        });
        Label problem = new Label();
        problem.textProperty().bind(vm.previewProblemProperty());
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);

        ProgressBar size = new ProgressBar(0);
        size.setMaxWidth(Double.MAX_VALUE);
        size.setPrefWidth(120); // grows into the room left by the two labels
        size.setId("payload-size-bar");
        HBox.setHgrow(size, Priority.ALWAYS);
        Label sizeText = new Label();
        sizeText.setId("payload-size");
        sizeText.setMinWidth(150);
        TextArea headers = new TextArea();
        headers.setEditable(false);
        headers.getStyleClass().add("code");
        headers.setWrapText(true);
        headers.setPrefRowCount(5);
        headers.setId("preview-headers");
        TextArea payload = new TextArea();
        payload.setEditable(false);
        payload.setWrapText(true);
        payload.getStyleClass().add("code");
        payload.setId("preview-payload");
        VBox.setVgrow(payload, Priority.ALWAYS);
        vm.selectedPreviewProperty().addListener((o, a, r) -> {
            boolean push = r != null && r.push();
            payload.setText(push ? r.payload() : r == null ? "" : "(no push: nothing is sent to APNs for this device)");
            headers.setText(push ? r.headers() : "");
            size.setProgress(push ? Math.min(1.0, r.bytes() / (double) r.limit()) : 0);
            sizeText.setText(push ? r.bytes() + " / " + r.limit() + " bytes" + (r.tooLarge() ? " — too large" : "") : "");
            size.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS, Styles.WARNING);
            if (push) {
                size.getStyleClass().add(r.tooLarge() ? Styles.DANGER : r.bytes() > 3072 ? Styles.WARNING : Styles.SUCCESS);
            }
        });
        Ui.tip(sizeText, "APNs limit: 4096 bytes (5120 for VoIP). The vendor recommends desc + ext under 3 KB");
        VBox card = Ui.card("Preview: what the backend will do, device by device", Feather.EYE, list, problem,
                Ui.row(8, sizeLabel(), size, sizeText),
                Ui.label("HTTP/2 headers", "field-label"), headers,
                Ui.label("Payload (userInfo as the app will see it)", "field-label"), payload);
        return new StackPane(card);
    }

    /** The size bar's label keeps its width (the bar gives way). */
    private static Label sizeLabel() {
        Label l = Ui.label("Payload size", "field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints a = new ColumnConstraints(90);
        ColumnConstraints b = new ColumnConstraints();
        b.setHgrow(Priority.ALWAYS);
        b.setFillWidth(true);
        g.getColumnConstraints().addAll(a, b);
        return g;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String prompt, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        Ui.tip(f, tip);
        return f;
    }

    private static CheckBox check(String text, javafx.beans.property.BooleanProperty p, String tip) {
        CheckBox c = new CheckBox(text);
        c.selectedProperty().bindBidirectional(p);
        Ui.tip(c, tip);
        return c;
    }

    private static Validator<Object> issue(Function<String, Issue> check) {
        return (Control c, Object value) -> {
            Issue i = check.apply(value == null ? null : value.toString());
            return ValidationResult.fromMessageIf(c, i == null ? "" : i.message(),
                    i != null && i.error() ? Severity.ERROR : Severity.WARNING, i != null);
        };
    }

}
