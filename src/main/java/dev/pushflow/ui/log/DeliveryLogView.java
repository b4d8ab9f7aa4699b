package dev.pushflow.ui.log;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.ui.Ui;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.text.Collator;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Panel 5: the log table with a filter bar; the selected record's explanation, headers and payload below. */
public final class DeliveryLogView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private final DeliveryLogViewModel vm;
    /** How each column sorts, on the records' fields. */
    private final Map<TableColumn<DeliveryRecord, ?>, Comparator<DeliveryRecord>> sortKeys = new HashMap<>();
    /**
     * One Collator for every text column. A new order on many rows is sorted on a background thread while batches
     * merge on the FX thread: RuleBasedCollator's compare is synchronized, so sharing it is safe.
     */
    private final Collator collator = Collator.getInstance();

    public DeliveryLogView(DeliveryLogViewModel vm) {
        this.vm = vm;
        getStyleClass().add("panel");
        setId("log-view");
        TableView<DeliveryRecord> table = table();
        Label msg = Ui.statusLine(vm.messageProperty(), vm.messageErrorProperty());
        msg.setId("log-message");
        msg.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        msg.managedProperty().bind(msg.visibleProperty());
        VBox top = new VBox(8, toolbar(), msg, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(top, details());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);
    }

    private HBox toolbar() {
        CustomTextField filter = new CustomTextField();
        filter.setId("log-filter");
        // Short enough to show whole in the field at 1280 px; the tooltip lists everything the filter looks at.
        filter.setPromptText("Filter by device, user, reason or ID");
        Ui.tip(filter, "Shows the records whose device, user, certificate ID, environment, status, reason, token, message ID,"
                + " apns-id or apns-unique-id contains the text");
        filter.setLeft(new FontIcon(Feather.SEARCH));
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        filter.setPrefWidth(340);
        filter.setMinWidth(160);
        ChoiceBox<DeliveryLogViewModel.StatusFilter> status = new ChoiceBox<>();
        status.setId("log-status-filter");
        status.getItems().setAll(DeliveryLogViewModel.StatusFilter.values());
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        ChoiceBox<DeliveryLogViewModel.SourceFilter> source = new ChoiceBox<>();
        source.setId("log-source-filter");
        source.getItems().setAll(DeliveryLogViewModel.SourceFilter.values());
        source.valueProperty().bindBidirectional(vm.sourceFilterProperty());
        Ui.tip(source, "What sent the push: the IM flow, the Raw push panel, the Doctor's probe, a scenario, a load run");
        Label counts = new Label();
        counts.textProperty().bind(vm.countsProperty());
        counts.getStyleClass().add("muted");
        Button json = new Button("Export JSON", new FontIcon(Feather.DOWNLOAD));
        json.setOnAction(e -> export("json"));
        Button csv = new Button("Export CSV", new FontIcon(Feather.DOWNLOAD));
        csv.setOnAction(e -> export("csv"));
        counts.setMinWidth(USE_PREF_SIZE);
        json.setMinWidth(USE_PREF_SIZE);
        csv.setMinWidth(USE_PREF_SIZE);
        return Ui.row(10, filter, status, source, counts, Ui.hspacer(), json, csv);
    }

    private void export(String ext) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the delivery log");
        chooser.setInitialFileName("delivery-log." + ext);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.export(f.toPath());
        }
    }

    private TableView<DeliveryRecord> table() {
        SortedRecords<DeliveryRecord> sorted = vm.sorted();
        TableView<DeliveryRecord> t = new TableView<>(sorted);
        // The view model's list keeps the rows sorted (each batch merged in); the table only says by what. The
        // comparison reads the records' fields: the table's own comparator builds a cell value (and asks a new
        // Collator) for both sides of every comparison, too slow for 100k rows merged 20 times a second.
        t.comparatorProperty().addListener((o, a, b) -> sorted.comparatorProperty().set(b == null ? null : comparator(t)));
        t.setSortPolicy(table -> true);
        t.setId("log-table");
        t.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        Label empty = new Label();
        empty.textProperty().bind(vm.emptyTextProperty());
        empty.setId("log-empty");
        t.setPlaceholder(empty);
        Ui.followNewest(t, sorted, t::scrollTo, () -> t.getSortOrder().isEmpty());
        // Fits 1280 px (and the 1024 px minimum) without scrolling sideways: the columns share the table's width,
        // none below the width its header needs; the ids of the request are hidden until the column menu shows them
        // (the selected record's "Request and answer" has them whole), and a cut cell shows its text as a tooltip.
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setTableMenuButtonVisible(true);
        TableColumn<DeliveryRecord, Long> seq = new TableColumn<>("#");
        seq.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().seq()));
        fit(seq, 30, 44);
        sortKeys.put(seq, Comparator.comparingLong(DeliveryRecord::seq));
        t.getColumns().add(seq);
        TableColumn<DeliveryRecord, String> time = text("Time", 82, 96, r -> r.time() == null ? "" : TIME.format(r.time()));
        sortKeys.put(time, Comparator.comparing(DeliveryRecord::time, Comparator.nullsFirst(Comparator.naturalOrder())));
        t.getColumns().add(time);
        TableColumn<DeliveryRecord, String> message = text("Message", 70, 80, DeliveryRecord::messageId);
        message.setVisible(false);
        t.getColumns().add(message);
        t.getColumns().add(text("Device", 64, 150, r -> r.deviceName() == null ? r.deviceId() : r.deviceName()));
        t.getColumns().add(text("User", 44, 56, DeliveryRecord::userID));
        TableColumn<DeliveryRecord, Long> cert = new TableColumn<>("Cert. ID");
        // A raw push or a probe has no device and no certificate ID of the flow: blank, not 0.
        cert.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().certificateId() == 0
                && d.getValue().deviceId() == null ? null : d.getValue().certificateId()));
        fit(cert, 64, 70);
        sortKeys.put(cert, Comparator.comparingLong(DeliveryRecord::certificateId));
        t.getColumns().add(cert);
        t.getColumns().add(text("Env.", 46, 80, r -> r.environment() == null ? "" : r.environment().wireName()));
        TableColumn<DeliveryRecord, String> apnsId = text("apns-id", 64, 110, DeliveryRecord::apnsId);
        apnsId.setVisible(false);
        t.getColumns().add(apnsId);
        TableColumn<DeliveryRecord, String> uniqueId = text("apns-unique-id", 112, 120, DeliveryRecord::apnsUniqueId);
        uniqueId.setVisible(false);
        t.getColumns().add(uniqueId);
        TableColumn<DeliveryRecord, String> status = text("Status", 70, 82, r -> r.status() == null ? "" : r.status().wireName());
        status.setId("log-status-column");
        status.setCellFactory(styled(s -> "status-" + s.replace('_', '-')));
        t.getColumns().add(status);
        t.getColumns().add(deliveryStateColumn());
        t.getColumns().add(text("Reason", 64, 130, r -> r.reason()));
        TableColumn<DeliveryRecord, String> src = text("Source", 62, 94,
                r -> DeliveryLogViewModel.SourceFilter.label(r.source()));
        src.setId("log-source-column");
        t.getColumns().add(src);
        TableColumn<DeliveryRecord, Double> latency = new TableColumn<>("Latency (ms)");
        latency.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().status() != null
                && d.getValue().status().isPushAttempt() ? d.getValue().latencyMicros() / 1000.0 : null));
        latency.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : String.format("%.1f", v));
            }
        });
        // The last column: the column menu's button sits over its header's right end when no scroll bar is shown.
        fit(latency, headerWidth(latency.getText()) + 14, headerWidth(latency.getText()) + 14);
        sortKeys.put(latency, Comparator.comparing((DeliveryRecord r) -> r.status() != null && r.status().isPushAttempt()
                ? r.latencyMicros() : null, Comparator.nullsFirst(Comparator.naturalOrder())));
        t.getColumns().add(latency);
        t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        return t;
    }

    /**
     * A text cell styled by its value (a pseudo-class, e.g. {@code :status-accepted}), its whole text as tooltip. A
     * pseudo-class, not a style class: a style class that changes makes JavaFX look up the cell's styles from scratch,
     * a pseudo-class only switches between styles it already has (this runs for every cell a flood of records moves).
     */
    private static javafx.util.Callback<TableColumn<DeliveryRecord, String>, TableCell<DeliveryRecord, String>> styled(
            java.util.function.Function<String, String> styleOf) {
        return col -> new TableCell<>() {
            private javafx.css.PseudoClass shown;

            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                javafx.css.PseudoClass next = empty || s == null ? null : javafx.css.PseudoClass.getPseudoClass(styleOf.apply(s));
                if (next != shown) {
                    if (shown != null) {
                        pseudoClassStateChanged(shown, false);
                    }
                    if (next != null) {
                        pseudoClassStateChanged(next, true);
                    }
                    shown = next;
                }
                if (empty || s == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(s);
                wholeText(this, s);
            }
        };
    }

    /** What APNs did after its 200 (delivered, stored-offline, ...), beside its answer. */
    private TableColumn<DeliveryRecord, String> deliveryStateColumn() {
        TableColumn<DeliveryRecord, String> c = text("After 200", 72, 110, DeliveryRecord::deliveryState);
        c.setId("log-delivery-state-column");
        c.setCellFactory(styled(s -> s.startsWith("delivered") ? "delivery-delivered"
                : s.startsWith("stored") ? "delivery-stored" : "delivery-lost"));
        return c;
    }

    /**
     * A column at least as wide as its header ({@code min}, at the table's 12 px), {@code pref} when there is room; the
     * constrained policy shares what is left among the columns.
     */
    private static void fit(TableColumn<DeliveryRecord, ?> c, double min, double pref) {
        double header = headerWidth(c.getText());
        c.setMinWidth(Math.max(min, header));
        c.setPrefWidth(Math.max(pref, header));
    }

    /** What a header needs whole: its text in the header's bold 12 px, its padding (0.5em each side) and some room. */
    private static double headerWidth(String title) {
        javafx.scene.text.Text text = new javafx.scene.text.Text(title);
        text.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, 12));
        return Math.ceil(text.getLayoutBounds().getWidth()) + 20;
    }

    /** A cell's whole text as its tooltip: a narrow column cuts it to "…". One tooltip per cell, reused. */
    private static void wholeText(TableCell<DeliveryRecord, ?> cell, String s) {
        if (s == null || s.isEmpty()) {
            cell.setTooltip(null);
            return;
        }
        Tooltip tip = cell.getProperties().get(Tooltip.class) instanceof Tooltip t ? t : null;
        if (tip == null) {
            tip = new Tooltip();
            tip.setShowDelay(javafx.util.Duration.millis(400));
            tip.setWrapText(true);
            tip.setMaxWidth(480);
            cell.getProperties().put(Tooltip.class, tip);
        }
        tip.setText(s);
        cell.setTooltip(tip);
    }

    private TableColumn<DeliveryRecord, String> text(String title, double min, double pref, Function<DeliveryRecord, String> f) {
        TableColumn<DeliveryRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                wholeText(this, empty ? null : s);
            }
        });
        fit(c, min, pref);
        // As the table would sort the text (nulls first, then by the locale's collation), with one Collator.
        sortKeys.put(c, Comparator.comparing(f, Comparator.nullsFirst(collator)));
        return c;
    }

    /** The table's sort order (columns, each ascending or descending) as a comparison of records. */
    private Comparator<DeliveryRecord> comparator(TableView<DeliveryRecord> t) {
        Comparator<DeliveryRecord> all = null;
        for (TableColumn<DeliveryRecord, ?> c : t.getSortOrder()) {
            Comparator<DeliveryRecord> one = sortKeys.get(c);
            if (one == null) {
                continue;
            }
            if (c.getSortType() == TableColumn.SortType.DESCENDING) {
                one = one.reversed();
            }
            all = all == null ? one : all.thenComparing(one);
        }
        return all;
    }

    private HBox details() {
        Label headline = new Label();
        headline.setId("log-explanation-title");
        headline.textProperty().bind(vm.explanationTitleProperty());
        headline.getStyleClass().add("explanation-title");
        headline.setWrapText(true);
        headline.setMinHeight(USE_PREF_SIZE);
        Label meaning = new Label();
        meaning.setId("log-explanation");
        meaning.textProperty().bind(vm.explanationProperty());
        meaning.setWrapText(true);
        meaning.setMinHeight(USE_PREF_SIZE);
        Label fix = new Label();
        fix.setId("log-fix");
        fix.textProperty().bind(vm.fixProperty());
        fix.setWrapText(true);
        fix.setMinHeight(USE_PREF_SIZE);
        fix.getStyleClass().add("fix-text");
        fix.setGraphic(new FontIcon(Feather.TOOL));
        fix.visibleProperty().bind(vm.fixProperty().isNotEmpty());
        Button doctor = new Button("Open in Doctor", new FontIcon(Feather.LIFE_BUOY));
        doctor.setId("log-open-doctor");
        doctor.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL, "card-action");
        Ui.tip(doctor, "Diagnose this token in the Doctor: filled with the token, the certificate ID it was pushed with"
                + " and the device's build. It tells which environment the token is from and which certificate ID fits.");
        doctor.setOnAction(e -> vm.openInDoctor());
        doctor.visibleProperty().bind(vm.canOpenInDoctorProperty());
        doctor.managedProperty().bind(doctor.visibleProperty());
        Label afterApns = new Label();
        afterApns.setId("log-delivery-explanation");
        afterApns.textProperty().bind(vm.deliveryExplanationProperty());
        afterApns.setWrapText(true);
        afterApns.setMinHeight(USE_PREF_SIZE);
        afterApns.setGraphic(new FontIcon(Feather.SMARTPHONE));
        afterApns.visibleProperty().bind(vm.deliveryExplanationProperty().isNotEmpty());
        afterApns.managedProperty().bind(afterApns.visibleProperty());
        VBox text = new VBox(10, headline, meaning, afterApns, fix);
        text.getStyleClass().add("explanation-body");
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(text);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox explain = Ui.card("What happened", Feather.INFO, scroll);
        // In the card's title row, so it is in sight however long the explanation is.
        Node title = explain.getChildren().removeFirst();
        explain.getChildren().addFirst(Ui.row(8, title, Ui.hspacer(), doctor));
        explain.setPrefWidth(470);
        explain.setMinWidth(380);
        TextArea headers = code();
        headers.setId("log-headers");
        headers.textProperty().bind(vm.headersProperty());
        VBox.setVgrow(headers, Priority.ALWAYS);
        TextArea payload = code();
        payload.setId("log-payload");
        payload.textProperty().bind(vm.payloadProperty());
        VBox.setVgrow(payload, Priority.ALWAYS);
        VBox h = Ui.card("Request and answer", Feather.SERVER, headers);
        VBox p = Ui.card("Payload", Feather.CODE, payload);
        HBox.setHgrow(h, Priority.ALWAYS);
        HBox.setHgrow(p, Priority.ALWAYS);
        h.setPrefWidth(300);
        p.setPrefWidth(300);
        HBox box = new HBox(12, explain, h, p);
        box.getStyleClass().add("log-details");
        return box;
    }

    private static TextArea code() {
        TextArea a = new TextArea();
        a.setEditable(false);
        a.setWrapText(true);
        a.getStyleClass().add("code");
        return a;
    }

    static boolean isProblem(DeliveryRecord r) {
        return r.status() == DeliveryStatus.REJECTED || r.status() == DeliveryStatus.FAILED;
    }
}
