package dev.pushflow.ui.shell;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.delivery.ConnectionStatus;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.AppContext;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** The window's state: which panel shows, the theme, start-up progress, and the status bar's figures. */
public final class MainViewModel {
    /**
     * The panels in navigation order (Ctrl+1 .. Ctrl+8): their identity (saved in the settings by name). Title,
     * description, icon, shortcut and factory are in {@link PanelRegistry}.
     */
    public enum Panel {
        CONSOLE, DEVICES, COMPOSE, PHONES, LOG, SCENARIOS, RAW_PUSH, DOCTOR, LOAD
    }

    private final ObjectProperty<Panel> panel = new SimpleObjectProperty<>(Panel.PHONES);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final BooleanProperty loading = new SimpleBooleanProperty(true);
    private final StringProperty loadingText = new SimpleStringProperty("Starting the embedded APNs gateways…");
    private final StringProperty startupError = new SimpleStringProperty();
    private final StringProperty gateways = new SimpleStringProperty("Gateways: starting");
    private final BooleanProperty gatewaysUp = new SimpleBooleanProperty(false);
    private final StringProperty inFlight = new SimpleStringProperty("0 in flight");
    private final StringProperty logCount = new SimpleStringProperty("0 log records");
    private final StringProperty logProblem = new SimpleStringProperty("");
    private String settingsProblem = "";
    private final IntegerProperty rejected = new SimpleIntegerProperty();
    private final StringProperty connections = new SimpleStringProperty("No APNs connection yet");
    private final StringProperty connectionsDetail = new SimpleStringProperty("Pushy connects on the first push");
    private final BooleanProperty connectionFailed = new SimpleBooleanProperty(false);
    /** "APNs weather: flaky on sandbox" while the embedded gateways have weather; "" when clear. */
    private final StringProperty weather = new SimpleStringProperty("");
    private AppContext context;

    public MainViewModel(Properties settings) {
        dark.set("dark".equals(settings.getProperty("theme")));
        try {
            panel.set(Panel.valueOf(settings.getProperty("panel", Panel.PHONES.name())));
        } catch (IllegalArgumentException e) {
            panel.set(Panel.PHONES);
        }
    }

    public void writeSettings(Properties settings) {
        settings.setProperty("theme", dark.get() ? "dark" : "light");
        settings.setProperty("panel", panel.get().name());
    }

    public void engineReady(AppContext ctx) {
        this.context = ctx;
        loading.set(false);
        refreshStatus();
    }

    public void engineFailed(String message) {
        engineFailed(message, false);
    }

    /**
     * @param configFile the cause is a file of the config folder (the message names it and the fix), not the
     *                   gateways: no advice about ports then
     */
    public void engineFailed(String message, boolean configFile) {
        if (configFile) {
            loadingText.set("A file in the config folder cannot be used");
            startupError.set(message);
            return;
        }
        loadingText.set("The engine did not start");
        startupError.set(message + "\nCheck that no other program holds the gateway ports, then start PushFlow again.");
    }

    public void select(int number) {
        Panel[] all = Panel.values();
        if (number >= 1 && number <= all.length) {
            panel.set(all[number - 1]);
        }
    }

    public void toggleTheme() {
        dark.set(!dark.get());
    }

    /** Called a few times a second by the view's timer: cheap reads only. */
    public void refreshStatus() {
        if (context == null) {
            return;
        }
        PushFlowEngine engine = context.engine();
        Map<ApnsEnvironment, String> ports = new EnumMap<>(ApnsEnvironment.class);
        boolean up = false;
        for (CertificateEntry e : engine.console().all()) {
            if (e.gateway() == GatewayTarget.EMBEDDED && !ports.containsKey(e.environment())) {
                try {
                    Endpoint ep = engine.delivery().endpointFor(e);
                    ports.put(e.environment(), e.environment().wireName() + " :" + ep.port());
                    up = true;
                } catch (RuntimeException ex) {
                    ports.put(e.environment(), e.environment().wireName() + " down");
                }
            }
        }
        gatewaysUp.set(up);
        gateways.set(ports.isEmpty() ? "Gateways: none in use" : "Gateways " + String.join(" · ", ports.values()));
        inFlight.set(engine.delivery().inFlight() + " in flight");
        refreshConnections(engine.delivery().connections());
        logCount.set(String.format("%,d log records", engine.log().size()));
        String apnsWeather = engine.embeddedGateways().map(dev.pushflow.gateway.WeatherPreset::describe).orElse("");
        weather.set(apnsWeather.isEmpty() ? "" : "APNs weather: " + apnsWeather);
        String write = engine.log().writeProblem();
        String open = engine.log().openProblem();
        logProblem.set(write != null ? write : !open.isEmpty() ? open : settingsProblem);
    }

    /** A problem with settings.properties found at start (shown with the log's problems in the status bar). */
    public void settingsProblem(String problem) {
        settingsProblem = problem == null ? "" : problem;
        logProblem.set(settingsProblem);
    }

    /**
     * What is wrong with the delivery log file: a write that fails right now (disk full, read-only, permission), else
     * the lines skipped at start and where the original was kept; "" when all is well.
     */
    public StringProperty logProblemProperty() {
        return logProblem;
    }

    /** One line for the status bar (connected / failed counts) and one line per client for its tooltip. */
    void refreshConnections(java.util.List<ConnectionStatus> all) {
        if (all.isEmpty()) {
            connections.set("No APNs connection yet");
            connectionsDetail.set("Pushy connects on the first push");
            connectionFailed.set(false);
            return;
        }
        long up = all.stream().filter(c -> c.state() == ConnectionStatus.State.CONNECTED).count();
        long failed = all.stream().filter(c -> c.state() == ConnectionStatus.State.FAILED).count();
        long closing = all.stream().filter(c -> c.state() == ConnectionStatus.State.CLOSING).count();
        StringBuilder text = new StringBuilder("APNs: ").append(up).append(" connected");
        if (closing > 0) {
            text.append(", ").append(closing).append(" closing");
        }
        if (failed > 0) {
            text.append(", ").append(failed).append(" failed");
        }
        connections.set(text.toString());
        connectionFailed.set(failed > 0);
        connectionsDetail.set(all.stream()
                .sorted(java.util.Comparator.comparing(ConnectionStatus::gateway).thenComparing(ConnectionStatus::credential))
                .map(c -> c.credential() + " → " + c.gateway() + ": " + c.describe())
                .collect(java.util.stream.Collectors.joining("\n")));
    }

    /** The status bar's APNs weather indicator ("" in clear weather: hidden). */
    public StringProperty weatherProperty() {
        return weather;
    }

    public StringProperty connectionsProperty() {
        return connections;
    }

    public StringProperty connectionsDetailProperty() {
        return connectionsDetail;
    }

    public BooleanProperty connectionFailedProperty() {
        return connectionFailed;
    }

    public ObjectProperty<Panel> panelProperty() {
        return panel;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty loadingTextProperty() {
        return loadingText;
    }

    public StringProperty startupErrorProperty() {
        return startupError;
    }

    public StringProperty gatewaysProperty() {
        return gateways;
    }

    public BooleanProperty gatewaysUpProperty() {
        return gatewaysUp;
    }

    public StringProperty inFlightProperty() {
        return inFlight;
    }

    public StringProperty logCountProperty() {
        return logCount;
    }

    public IntegerProperty rejectedProperty() {
        return rejected;
    }

    public AppContext context() {
        return context;
    }
}
