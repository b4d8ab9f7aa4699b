package dev.pushflow.ui.console;

import dev.pushflow.gateway.EmbeddedGateway;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.gateway.Weather;
import dev.pushflow.gateway.WeatherPreset;
import dev.pushflow.ui.AppContext;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Optional;

/**
 * The APNs weather card: a preset or a spec of one's own, the gateway(s) it goes on and a seed; Apply and Clear set
 * it on the embedded gateways at once. The spec is checked as it is typed, the bad part named. Nothing is saved:
 * PushFlow starts sunny every time.
 */
public final class WeatherViewModel {
    /** Which embedded gateway the weather goes on. */
    public enum Target {
        SANDBOX("sandbox"), PRODUCTION("production"), BOTH("both");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Said in the card and its tooltip. */
    public static final String NOT_KEPT = "Not kept across restarts: PushFlow always starts in clear weather.";

    private final Optional<EmbeddedGateways> gateways;
    private final ObjectProperty<WeatherPreset> preset = new SimpleObjectProperty<>(WeatherPreset.CLEAR);
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(Target.SANDBOX);
    private final StringProperty spec = new SimpleStringProperty("");
    private final StringProperty seed = new SimpleStringProperty("1");
    private final StringProperty specProblem = new SimpleStringProperty("");
    private final BooleanProperty canApply = new SimpleBooleanProperty(true);
    private final StringProperty inForce = new SimpleStringProperty("");
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty(false);
    private boolean choosing;

    public WeatherViewModel(AppContext ctx) {
        this(ctx.engine().embeddedGateways());
    }

    WeatherViewModel(Optional<EmbeddedGateways> gateways) {
        this.gateways = gateways;
        preset.addListener((o, a, b) -> {
            if (b != null && !choosing) {
                choosing = true;
                spec.set(b.spec());
                choosing = false;
            }
        });
        spec.addListener((o, a, b) -> {
            check();
            if (!choosing) {
                choosing = true;
                preset.set(WeatherPreset.ofSpec(b)); // null: a spec of one's own
                choosing = false;
            }
        });
        seed.addListener((o, a, b) -> check());
        check();
        refresh();
    }

    /** The presets' exact specs, for the card's tooltip and the docs. */
    public static String presetsText() {
        StringBuilder sb = new StringBuilder();
        for (WeatherPreset p : WeatherPreset.values()) {
            sb.append(p.label()).append(" = ").append(p == WeatherPreset.CLEAR ? "no faults, no latency" : p.spec())
                    .append('\n');
        }
        return sb.toString().strip();
    }

    /** Live check of the spec and the seed: the bad part, or "". */
    private void check() {
        String problem = "";
        try {
            Weather.parse(spec.get());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem.isEmpty() && parseSeed() == null) {
            problem = "the seed is a whole number, e.g. 1";
        }
        specProblem.set(problem);
        canApply.set(problem.isEmpty() && gateways.isPresent());
    }

    private Long parseSeed() {
        try {
            return Long.parseLong(seed.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private List<EmbeddedGateway> targets() {
        EmbeddedGateways g = gateways.orElseThrow();
        return switch (target.get()) {
            case SANDBOX -> List.of(g.sandbox());
            case PRODUCTION -> List.of(g.production());
            case BOTH -> List.of(g.sandbox(), g.production());
        };
    }

    /** Puts the spec on the chosen gateway(s); a clear spec clears them. */
    public void apply() {
        if (gateways.isEmpty()) {
            fail("No embedded gateways in this window: APNs weather applies to them only");
            return;
        }
        check();
        if (!specProblem.get().isEmpty()) {
            fail("Not applied: " + specProblem.get());
            return;
        }
        Weather w = Weather.parse(spec.get());
        long s = parseSeed();
        for (EmbeddedGateway g : targets()) {
            if (w.isClear()) {
                g.clearWeather();
            } else {
                g.setWeather(spec.get(), s);
            }
        }
        refresh();
        String where = target.get() == Target.BOTH ? "both gateways" : target.get().label();
        ok(w.isClear() ? "Clear weather on " + where
                : "APNs weather " + WeatherPreset.name(w) + " on " + where + ": " + w + " (seed " + s + ")");
    }

    /** Sunny again on both gateways. */
    public void clear() {
        gateways.ifPresent(g -> {
            g.sandbox().clearWeather();
            g.production().clearWeather();
        });
        choosing = true;
        preset.set(WeatherPreset.CLEAR);
        spec.set("");
        choosing = false;
        check();
        refresh();
        ok("Clear weather on both gateways: every request gets its answer at once");
    }

    /** Reads what is in force now (a scenario may have set or cleared it too). */
    public void refresh() {
        String now = gateways.map(WeatherPreset::describe).orElse("");
        active.set(!now.isEmpty());
        inForce.set(now.isEmpty() ? "In force: clear on both gateways" : "In force: " + now);
    }

    private void ok(String text) {
        error.set(false);
        message.set(text);
    }

    private void fail(String text) {
        error.set(true);
        message.set(text);
    }

    /** The status bar's words while weather is on: "APNs weather: flaky on sandbox"; "" when clear. */
    public static String statusText(EmbeddedGateways g) {
        String now = WeatherPreset.describe(g);
        return now.isEmpty() ? "" : "APNs weather: " + now;
    }

    public ObjectProperty<WeatherPreset> presetProperty() {
        return preset;
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    public StringProperty specProperty() {
        return spec;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    /** The bad part of the spec or the seed, "" when both are fine. */
    public StringProperty specProblemProperty() {
        return specProblem;
    }

    public BooleanProperty canApplyProperty() {
        return canApply;
    }

    public StringProperty inForceProperty() {
        return inForce;
    }

    public BooleanProperty activeProperty() {
        return active;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty errorProperty() {
        return error;
    }
}
