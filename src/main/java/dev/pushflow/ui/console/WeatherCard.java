package dev.pushflow.ui.console;

import atlantafx.base.theme.Styles;
import dev.pushflow.gateway.WeatherPreset;
import dev.pushflow.ui.Ui;
import dev.pushflow.ui.console.WeatherViewModel.Target;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.EnumMap;
import java.util.Map;

/**
 * The "APNs weather" card: presets, the gateway, the spec (checked as it is typed) and a seed, Apply and Clear. Binds
 * to a {@link WeatherViewModel}; what is in force is read again twice a second (a scenario may change it).
 */
public final class WeatherCard extends VBox {
    private final WeatherViewModel vm;

    public WeatherCard(WeatherViewModel vm) {
        this.vm = vm;
        setId("weather-card");
        ToggleGroup group = new ToggleGroup();
        Map<WeatherPreset, ToggleButton> buttons = new EnumMap<>(WeatherPreset.class);
        HBox presets = new HBox();
        WeatherPreset[] all = WeatherPreset.values();
        for (int i = 0; i < all.length; i++) {
            WeatherPreset p = all[i];
            ToggleButton t = new ToggleButton(p.label());
            t.setId("weather-preset-" + p.label());
            t.setToggleGroup(group);
            t.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL
                    : Styles.CENTER_PILL);
            t.setOnAction(e -> vm.presetProperty().set(p));
            t.setMinWidth(Region.USE_PREF_SIZE); // "outage", never "outa…"
            Ui.tip(t, p == WeatherPreset.CLEAR ? "clear: no faults, no latency"
                    : p.label() + " = " + p.spec() + " (fills the spec; Apply puts it on the gateway)");
            buttons.put(p, t);
            presets.getChildren().add(t);
        }
        Runnable select = () -> {
            WeatherPreset p = vm.presetProperty().get();
            buttons.forEach((k, b) -> b.setSelected(k == p));
        };
        select.run();
        vm.presetProperty().addListener((o, a, b) -> select.run());

        ChoiceBox<Target> target = new ChoiceBox<>();
        target.setId("weather-gateway");
        target.getItems().setAll(Target.values());
        target.valueProperty().bindBidirectional(vm.targetProperty());
        target.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Target t) {
                return t == null ? "" : "on " + t.label();
            }

            @Override
            public Target fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        target.setMinWidth(Region.USE_PREF_SIZE);
        Ui.tip(target, "The embedded gateway the weather goes on: sandbox (Debug builds), production (Release) or both");

        TextField spec = new TextField();
        spec.setId("weather-spec");
        spec.setPromptText("429=5%,503=1%,latency=20~10 (empty: clear)");
        spec.textProperty().bindBidirectional(vm.specProperty());
        spec.setOnAction(e -> vm.apply());
        HBox.setHgrow(spec, Priority.ALWAYS);
        Ui.tip(spec, "Comma-separated KIND=RATE: 429, 500, 503, shutdown (503 Shutdown + GOAWAY), goaway, reset, stall;"
                + " RATE 5% or 0.05, adding up to at most 100%. latency=MS or latency=MS~JITTER; per-token=N (Apple's"
                + " per-device limit: more than N pushes a second to one token get 429).");
        TextField seed = new TextField();
        seed.setId("weather-seed");
        seed.setPrefColumnCount(4);
        seed.setMinWidth(Region.USE_PREF_SIZE);
        seed.textProperty().bindBidirectional(vm.seedProperty());
        Ui.tip(seed, "Seed: the n-th request gets the same fault for the same seed, so a run repeats");
        Button apply = new Button("Apply", new FontIcon(Feather.CHECK));
        apply.setId("weather-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.setOnAction(e -> vm.apply());
        apply.setMinWidth(Region.USE_PREF_SIZE);
        Button clear = new Button("Clear", new FontIcon(Feather.SUN));
        clear.setId("weather-clear");
        clear.setOnAction(e -> vm.clear());
        clear.setMinWidth(Region.USE_PREF_SIZE);
        Ui.tip(clear, "Sunny again on both gateways: every request gets its answer at once");

        Label seedLabel = Ui.label("Seed", "field-label");
        seedLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label problem = new Label();
        problem.setId("weather-spec-problem");
        problem.textProperty().bind(vm.specProblemProperty());
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.getStyleClass().add("error-text");
        problem.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Label inForce = new Label();
        inForce.setId("weather-in-force");
        inForce.textProperty().bind(vm.inForceProperty());
        inForce.setWrapText(true);
        inForce.setMinHeight(Region.USE_PREF_SIZE);
        FontIcon cloud = new FontIcon(Feather.CLOUD_LIGHTNING);
        FontIcon sun = new FontIcon(Feather.SUN);
        Runnable activeState = () -> {
            inForce.getStyleClass().removeAll("warning-text", "muted");
            inForce.getStyleClass().add(vm.activeProperty().get() ? "warning-text" : "muted");
            inForce.setGraphic(vm.activeProperty().get() ? cloud : sun);
        };
        activeState.run();
        vm.activeProperty().addListener((o, a, b) -> activeState.run());
        Label message = Ui.statusLine(vm.messageProperty(), vm.errorProperty());
        message.setId("weather-message");
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Label notKept = new Label(WeatherViewModel.NOT_KEPT);
        notKept.getStyleClass().addAll("muted", "small-text");
        notKept.setWrapText(true);
        notKept.setMinHeight(Region.USE_PREF_SIZE);

        VBox card = Ui.card("APNs weather: faults on the embedded gateways", Feather.CLOUD_DRIZZLE,
                Ui.row(8, presets, Ui.hspacer(), target),
                Ui.row(8, spec, seedLabel, seed),
                problem, Ui.row(8, inForce, Ui.hspacer(), clear, apply), message, notKept);
        Label title = (Label) card.getChildren().getFirst();
        Ui.tip(title, "Presets (exact specs):\n" + WeatherViewModel.presetsText() + "\n" + WeatherViewModel.NOT_KEPT);
        getStyleClass().addAll(card.getStyleClass());
        setSpacing(card.getSpacing());
        getChildren().setAll(card.getChildren());
        setMinHeight(Region.USE_PREF_SIZE);

        Ui.pollWhileShown(this, Duration.millis(500), vm::refresh);
    }

    public WeatherViewModel viewModel() {
        return vm;
    }
}
