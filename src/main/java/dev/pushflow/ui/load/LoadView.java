package dev.pushflow.ui.load;

import dev.pushflow.ui.Ui;
import dev.pushflow.ui.load.LoadViewModel.Outcomes;
import dev.pushflow.ui.load.LoadViewModel.Point;
import dev.pushflow.ui.load.LoadViewModel.Retry;
import javafx.beans.binding.Bindings;
import javafx.beans.property.LongProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.chart.XYChart.Data;
import javafx.scene.chart.XYChart.Series;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Load panel: the form on the left (with the summary and its Copy button below), the progress, counters and
 * three live charts on the right. The charts follow the view model's bounded history (a few points a second).
 */
public final class LoadView extends BorderPane {
    private final LoadViewModel vm;

    public LoadView(LoadViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("panel", "load");
        setId("load-view");
        getStylesheets().add(LoadView.class.getResource("load.css").toExternalForm());
        VBox left = new VBox(12, formCard());
        left.setPadding(new Insets(0, 8, 0, 0));
        ScrollPane scroll = new ScrollPane(left);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setPrefWidth(380);
        scroll.setMinWidth(340);
        scroll.setMaxWidth(400);
        setLeft(scroll);
        VBox right = new VBox(12, progressCard(), charts(), summaryCard());
        BorderPane.setMargin(right, new Insets(0, 0, 0, 12));
        setCenter(right);
    }

    public LoadViewModel viewModel() {
        return vm;
    }

    // ---------------------------------------------------------------- the form

    private VBox formCard() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(90);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        g.addRow(0, Ui.label("Users", "field-label"), field("load-users", vm.usersProperty(),
                "Simulated users, one Debug iPhone each with the app in the background (2 to 100000)"));
        g.addRow(1, Ui.label("Messages", "field-label"), field("load-messages", vm.messagesProperty(),
                "Messages to send, each from a random user to a random other user (or to one of their groups)"));
        g.addRow(2, Ui.label("Group share", "field-label"), field("load-group-share", vm.groupShareProperty(),
                "Share of group messages, 0 to 1 (groups of 5: one push per member but the sender)"));
        g.addRow(3, Ui.label("Rate", "field-label"), field("load-rate", vm.rateProperty(),
                "Messages per second at most; 0 = as fast as the in-flight bound allows"));
        ChoiceBox<Retry> retry = new ChoiceBox<>();
        retry.setId("load-retry");
        retry.getItems().setAll(Retry.values());
        retry.valueProperty().bindBidirectional(vm.retryProperty());
        Ui.tip(retry, "default: the delivery policy's retries with backoff (4 attempts); off: one attempt per push");
        g.addRow(4, Ui.label("Retry", "field-label"), retry);
        g.addRow(5, Ui.label("Seed", "field-label"), field("load-seed", vm.seedProperty(),
                "Seeds who writes to whom and the faults, so a run can be repeated"));
        TextField faults = field("load-faults", vm.faultsProperty(), "APNs weather on both gateways for the run, as"
                + " for 'pushflow load --faults': e.g. 429=3%,500=2%,503=2%,goaway=1%,reset=1%,stall=1%,latency=5~3");
        faults.setPromptText("e.g. 429=3%,500=2%,latency=5~3");
        faults.getStyleClass().add("mono");
        Label faultsError = new Label();
        faultsError.setId("load-faults-error");
        faultsError.getStyleClass().addAll("error-text", "load-field-error");
        faultsError.textProperty().bind(vm.faultsErrorProperty());
        faultsError.setWrapText(true);
        faultsError.setMinHeight(USE_PREF_SIZE);
        showWhenText(faultsError);
        faults.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), false);
        vm.faultsErrorProperty().addListener((o, a, b) -> faults.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("error"), !b.isEmpty()));
        g.addRow(6, Ui.label("Faults", "field-label"), new VBox(4, faults, faultsError));

        Label formError = new Label();
        formError.setId("load-form-error");
        formError.getStyleClass().add("error-text");
        formError.setWrapText(true);
        formError.setMinHeight(USE_PREF_SIZE);
        formError.textProperty().bind(Bindings.when(vm.faultsErrorProperty().isEmpty())
                .then(vm.formErrorProperty()).otherwise(""));
        showWhenText(formError);

        Button start = new Button("Start", new FontIcon(Feather.PLAY));
        start.setId("load-start");
        start.setDefaultButton(false);
        start.getStyleClass().add("accent");
        start.disableProperty().bind(vm.canStartProperty().not());
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel", new FontIcon(Feather.SQUARE));
        cancel.setId("load-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not().or(vm.cancellingProperty()));
        cancel.setOnAction(e -> vm.cancel());
        Ui.tip(cancel, "Stops sending; the pushes already sent still end (every one gets its final record)");

        Label note = Ui.label(LoadViewModel.ISOLATION_NOTE, "muted", "load-note");
        note.setId("load-note");
        note.setWrapText(true);
        note.setMinHeight(USE_PREF_SIZE);
        return Ui.card("Load run", Feather.ACTIVITY, note, g, formError, Ui.row(8, start, cancel));
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(8);
        return Ui.tip(f, tip);
    }

    private static void showWhenText(Label l) {
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
    }

    /** The summary in words and the JSON line of 'pushflow load --json', one line with its Copy button. */
    private VBox summaryCard() {
        Label text = new Label();
        text.setId("load-summary-text");
        text.textProperty().bind(vm.summaryTextProperty());
        text.setWrapText(true);
        text.setMinHeight(USE_PREF_SIZE);
        text.visibleProperty().bind(text.textProperty().isNotEmpty());
        text.managedProperty().bind(text.visibleProperty());
        TextField json = new TextField();
        json.setId("load-summary-json");
        json.getStyleClass().add("mono");
        json.setEditable(false);
        json.textProperty().bind(vm.summaryJsonProperty());
        json.setPromptText("The summary JSON line (as 'pushflow load --json' prints it) comes at the end of a run");
        HBox.setHgrow(json, Priority.ALWAYS);
        Button copy = new Button("Copy", new FontIcon(Feather.COPY));
        copy.setId("load-copy");
        copy.setMinWidth(USE_PREF_SIZE);
        copy.disableProperty().bind(vm.summaryJsonProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.summaryJsonProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Ui.tip(copy, "Copies the summary JSON line");
        VBox card = Ui.card("Summary", Feather.FILE_TEXT, text, Ui.row(8, json, copy));
        card.setMinHeight(USE_PREF_SIZE);
        return card;
    }

    // ---------------------------------------------------------------- progress and counters

    private VBox progressCard() {
        ProgressBar bar = new ProgressBar();
        bar.setId("load-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label status = Ui.statusLine(vm.statusProperty(), vm.errorProperty());
        status.setId("load-status");
        HBox counters = new HBox(18,
                counter("Pushes/s", "load-rate-value", vm.rateTextProperty()),
                counter("ETA", "load-eta", vm.etaTextProperty()),
                counter("Attempts", "load-attempts", asText(vm.attemptsProperty())),
                counter("Accepted", "load-accepted", asText(vm.acceptedProperty())),
                counter("Rejected", "load-rejected", asText(vm.rejectedProperty())),
                counter("Failed", "load-failed", asText(vm.failedProperty())),
                counter("Retried", "load-retried", asText(vm.retriedProperty())));
        counters.getStyleClass().add("load-counters");
        return Ui.card("Progress", Feather.TRENDING_UP, bar, counters, status);
    }

    private static javafx.beans.binding.StringBinding asText(LongProperty p) {
        return Bindings.createStringBinding(() -> String.format("%,d", p.get()), p);
    }

    private static VBox counter(String title, String id, javafx.beans.value.ObservableStringValue value) {
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("load-counter-value");
        v.textProperty().bind(value);
        Label t = Ui.label(title, "muted", "load-counter-title");
        return new VBox(2, v, t);
    }

    // ---------------------------------------------------------------- charts

    private Node charts() {
        LineChart<Number, Number> rate = lineChart("load-chart-rate", "Pushes/s", "pushes/s");
        Series<Number, Number> rateSeries = new Series<>();
        rateSeries.setName("pushes ended per second");
        rate.getData().add(rateSeries);
        follow(vm.pushesPerSecond(), rateSeries);

        LineChart<Number, Number> latency = lineChart("load-chart-latency", "Latency (HdrHistogram, per sample)",
                "ms");
        Series<Number, Number> p50 = new Series<>();
        p50.setName("p50");
        Series<Number, Number> p99 = new Series<>();
        p99.setName("p99");
        latency.getData().add(p50);
        latency.getData().add(p99);
        follow(vm.latencyP50(), p50);
        follow(vm.latencyP99(), p99);

        NumberAxis x = timeAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("pushes/s");
        y.setForceZeroInRange(true);
        StackedAreaChart<Number, Number> outcomes = new StackedAreaChart<>(x, y);
        outcomes.setId("load-chart-outcomes");
        outcomes.setTitle("Outcomes by reason");
        style(outcomes);
        outcomes.setCreateSymbols(false);
        followOutcomes(outcomes);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        grid.add(rate, 0, 0);
        grid.add(latency, 1, 0);
        grid.add(outcomes, 0, 1, 2, 1);
        for (Node n : List.of(rate, latency, outcomes)) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        grid.getStyleClass().add("load-charts");
        VBox.setVgrow(grid, Priority.ALWAYS);
        return grid;
    }

    private static NumberAxis timeAxis() {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds");
        x.setForceZeroInRange(false);
        x.setAnimated(false);
        return x;
    }

    private static LineChart<Number, Number> lineChart(String id, String title, String unit) {
        NumberAxis y = new NumberAxis();
        y.setLabel(unit);
        y.setForceZeroInRange(true);
        LineChart<Number, Number> c = new LineChart<>(timeAxis(), y);
        c.setId(id);
        c.setTitle(title);
        c.setCreateSymbols(false);
        style(c);
        return c;
    }

    private static void style(XYChart<Number, Number> c) {
        c.setAnimated(false);
        c.getYAxis().setAnimated(false);
        c.setLegendSide(javafx.geometry.Side.RIGHT); // at 1280x720 a legend below would not fit
        c.setMinHeight(150);
        c.setPrefHeight(200);
        c.getStyleClass().add("load-chart");
    }

    /** Mirrors a bounded history into a series: adds at the end, drops from the front, a reset clears. */
    private static void follow(ObservableList<Point> history, Series<Number, Number> series) {
        Function<Point, Data<Number, Number>> data = p -> new Data<>(p.seconds(), p.value());
        series.getData().setAll(history.stream().map(data).toList());
        history.addListener((ListChangeListener<Point>) c -> {
            boolean simple = true;
            while (c.next()) {
                if (c.wasRemoved() || c.wasReplaced() || c.getFrom() != series.getData().size()) {
                    simple = false;
                    break;
                }
                c.getAddedSubList().forEach(p -> series.getData().add(data.apply(p)));
            }
            if (!simple) {
                series.getData().setAll(history.stream().map(data).toList());
            }
        });
    }

    /** One stacked series per outcome (accepted, each reason, failed), each with a point at every sample. */
    private void followOutcomes(StackedAreaChart<Number, Number> chart) {
        Map<String, Series<Number, Number>> byKind = new HashMap<>();
        Runnable rebuild = () -> {
            byKind.clear();
            chart.getData().clear();
            for (Outcomes o : vm.outcomes()) {
                add(chart, byKind, o);
            }
        };
        rebuild.run();
        vm.outcomes().addListener((ListChangeListener<Outcomes>) c -> {
            boolean simple = true;
            int before = -1;
            while (c.next()) {
                if (c.wasRemoved() || c.wasReplaced()) {
                    simple = false;
                    break;
                }
                before = c.getFrom();
                for (Outcomes o : c.getAddedSubList()) {
                    add(chart, byKind, o);
                }
            }
            if (!simple || before < 0) {
                rebuild.run();
            }
        });
    }

    private void add(StackedAreaChart<Number, Number> chart, Map<String, Series<Number, Number>> byKind, Outcomes o) {
        for (String kind : o.perSecond().keySet()) {
            byKind.computeIfAbsent(kind, k -> {
                Series<Number, Number> s = new Series<>();
                s.setName(k);
                // a reason first seen now was zero at every earlier sample
                List<Data<Number, Number>> zeros = vm.outcomes().stream().takeWhile(e -> e != o)
                        .map(e -> new Data<Number, Number>(e.seconds(), 0)).toList();
                s.getData().setAll(zeros);
                chart.getData().add(s);
                return s;
            });
        }
        byKind.forEach((kind, s) -> s.getData().add(new Data<>(o.seconds(), o.perSecond().getOrDefault(kind, 0.0))));
    }
}
