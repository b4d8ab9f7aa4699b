package dev.pushflow.ui.shell;

import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.shell.MainViewModel.Panel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The window: navigation on the left, the selected panel, a status bar; a progress pane until the engine runs. */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final StackPane content = new StackPane();
    private final Label panelTitle = new Label();
    private final Label panelDescription = new Label();
    private final Map<Panel, Node> panels = new EnumMap<>(Panel.class);
    private final Map<Panel, ToggleButton> navButtons = new EnumMap<>(Panel.class);
    private BiFunction<Panel, AppContext, Node> panelFactory;

    public MainView(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("main-view");
        setLeft(navigation());
        setBottom(statusBar());
        VBox center = new VBox(header(), content);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.getStyleClass().add("panel-host");
        setCenter(center);
        content.getChildren().setAll(loadingPane());
        vm.panelProperty().addListener((o, a, b) -> showPanel(b));
        updateHeader(vm.panelProperty().get());
        Timeline status = new Timeline(new KeyFrame(Duration.millis(300), e -> vm.refreshStatus()));
        status.setCycleCount(Timeline.INDEFINITE);
        status.play();
    }

    /** Builds the panels once the engine is ready (each panel once, on first show). */
    public void engineReady(AppContext ctx, BiFunction<Panel, AppContext, Node> factory) {
        this.panelFactory = factory;
        showPanel(vm.panelProperty().get());
    }

    /**
     * Keyboard: Ctrl+1..8 switch panels and put the focus on the panel's first control (else it stays in the
     * navigation bar and the panel is a dozen Tabs away); Ctrl+Shift+D switches the theme.
     */
    public void installAccelerators(Scene scene) {
        for (PanelRegistry.Entry<?> e : PanelRegistry.all()) {
            scene.getAccelerators().put(new KeyCodeCombination(e.shortcut(), KeyCombination.SHORTCUT_DOWN), () -> {
                vm.panelProperty().set(e.panel());
                focusPanel();
            });
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                vm::toggleTheme);
    }

    private void showPanel(Panel p) {
        updateHeader(p);
        ToggleButton b = navButtons.get(p);
        if (b != null) {
            b.setSelected(true);
        }
        if (panelFactory == null || vm.context() == null) {
            return;
        }
        Node node = panels.computeIfAbsent(p, k -> panelFactory.apply(k, vm.context()));
        content.getChildren().removeIf(n -> !panels.containsValue(n)); // the loading pane
        if (!content.getChildren().contains(node)) {
            content.getChildren().add(node);
        }
        // Panels stay in the scene once built, and only the shown one is visible: taking a panel out of the scene and
        // putting it back made JavaFX look up the styles of every node in it again (a panel switch under a flood of
        // pushes held the FX thread for 50-100 ms; scripts/benchmark-ui). A hidden panel that had the focus gives it
        // to the navigation button, so keys never go to a control nobody sees.
        javafx.scene.Scene scene = content.getScene();
        Node focused = scene == null ? null : scene.getFocusOwner();
        for (Node n : content.getChildren()) {
            boolean shown = n == node;
            n.setVisible(shown);
            n.setManaged(shown);
        }
        if (focused != null && !isInside(focused, node) && isInside(focused, content) && b != null) {
            b.requestFocus();
        }
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void focusPanel() {
        if (content.getChildren().isEmpty()) {
            return;
        }
        // A panel shown for the first time has no skins yet, so the controls inside a scroll pane are not children.
        content.applyCss();
        Node shown = panels.get(vm.panelProperty().get());
        Node first = shown == null ? null : firstFocusable(shown);
        if (first != null) {
            first.requestFocus();
        }
    }

    /** The first node in scene-graph order that Tab would stop on: the order of the default focus traversal. */
    static Node firstFocusable(Node n) {
        if (!n.isVisible() || n.isDisabled()) {
            return null;
        }
        if (n.isFocusTraversable()) {
            return n;
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Node f = firstFocusable(child);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private void updateHeader(Panel p) {
        panelTitle.setText(PanelRegistry.of(p).title());
        panelDescription.setText(PanelRegistry.of(p).description());
    }

    private Node header() {
        panelTitle.getStyleClass().add("panel-title");
        panelDescription.getStyleClass().add("panel-description");
        VBox box = new VBox(2, panelTitle, panelDescription);
        box.getStyleClass().add("panel-header");
        return box;
    }

    private Node navigation() {
        Label logo = new Label("PushFlow", new FontIcon(Feather.BELL));
        logo.getStyleClass().add("app-logo");
        Label sub = new Label("iOS offline push simulator");
        sub.getStyleClass().add("app-sub");
        VBox nav = new VBox(4, logo, sub);
        nav.getStyleClass().add("nav-bar");
        ToggleGroup group = new ToggleGroup();
        for (PanelRegistry.Entry<?> entry : PanelRegistry.all()) {
            Panel p = entry.panel();
            ToggleButton b = new ToggleButton(entry.title(), new FontIcon(entry.icon()));
            b.setId("nav-" + p.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().add("nav-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setToggleGroup(group);
            b.setTooltip(new Tooltip(entry.description() + "  (Ctrl+" + entry.shortcut().getChar() + ")"));
            b.setUserData(p);
            b.setOnAction(e -> b.setSelected(true));
            navButtons.put(p, b);
            nav.getChildren().add(b);
        }
        navButtons.get(vm.panelProperty().get()).setSelected(true);
        // The selection, not the button's action: the arrow keys move through a toggle group by selecting.
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.panelProperty().set((Panel) t.getUserData());
            }
        });
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.getStyleClass().add("nav-button");
        theme.setMaxWidth(Double.MAX_VALUE);
        theme.setAlignment(Pos.CENTER_LEFT);
        theme.setTooltip(new Tooltip("Switch between light and dark (Ctrl+Shift+D)"));
        Runnable themeText = () -> {
            theme.setText(vm.darkProperty().get() ? "Light theme" : "Dark theme");
            theme.setGraphic(new FontIcon(vm.darkProperty().get() ? Feather.SUN : Feather.MOON));
        };
        themeText.run();
        vm.darkProperty().addListener((o, a, b) -> themeText.run());
        theme.setOnAction(e -> vm.toggleTheme());
        nav.getChildren().addAll(spacer, theme);
        return nav;
    }

    private Node loadingPane() {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(56, 56);
        Label text = new Label();
        text.textProperty().bind(vm.loadingTextProperty());
        text.getStyleClass().add("loading-text");
        Label error = new Label();
        error.textProperty().bind(vm.startupErrorProperty());
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        vm.startupErrorProperty().addListener((o, a, b) -> progress.setVisible(b == null));
        VBox box = new VBox(16, progress, text, error);
        box.setAlignment(Pos.CENTER);
        box.setId("loading-pane");
        return box;
    }

    private Node statusBar() {
        Label gateways = new Label();
        gateways.setId("status-gateways");
        gateways.textProperty().bind(vm.gatewaysProperty());
        FontIcon dot = new FontIcon(Feather.CIRCLE);
        dot.getStyleClass().add("status-dot");
        vm.gatewaysUpProperty().addListener((o, a, b) -> dot.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("up"), b));
        gateways.setGraphic(dot);
        Label inFlight = new Label();
        inFlight.setId("status-inflight");
        inFlight.textProperty().bind(vm.inFlightProperty());
        inFlight.setGraphic(new FontIcon(Feather.ACTIVITY));
        Label links = new Label();
        links.setId("status-connections");
        links.textProperty().bind(vm.connectionsProperty());
        FontIcon link = new FontIcon(Feather.LINK);
        link.getStyleClass().add("status-link");
        links.setGraphic(link);
        Tooltip linksTip = new Tooltip();
        linksTip.textProperty().bind(vm.connectionsDetailProperty());
        links.setTooltip(linksTip);
        vm.connectionFailedProperty().addListener((o, a, b) -> links.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("failed"), b));
        Label count = new Label();
        count.setId("status-log-count");
        count.textProperty().bind(vm.logCountProperty());
        count.setGraphic(new FontIcon(Feather.DATABASE));
        Label logProblem = new Label();
        logProblem.setId("status-log-problem");
        logProblem.getStyleClass().add("error-text");
        logProblem.textProperty().bind(vm.logProblemProperty());
        logProblem.visibleProperty().bind(vm.logProblemProperty().isNotEmpty());
        logProblem.managedProperty().bind(logProblem.visibleProperty());
        logProblem.setMaxWidth(520);
        Tooltip problemTip = new Tooltip();
        problemTip.textProperty().bind(vm.logProblemProperty());
        problemTip.setWrapText(true);
        problemTip.setMaxWidth(600);
        logProblem.setTooltip(problemTip);
        Label weather = new Label();
        weather.setId("status-weather");
        weather.textProperty().bind(vm.weatherProperty());
        weather.setGraphic(new FontIcon(Feather.CLOUD_LIGHTNING));
        weather.getStyleClass().add("warning-text");
        weather.visibleProperty().bind(vm.weatherProperty().isNotEmpty());
        weather.managedProperty().bind(weather.visibleProperty());
        weather.setTooltip(new Tooltip("The embedded gateways answer with faults or late (APNs weather). Console → APNs"
                + " weather: Clear makes it sunny again; a scenario's weather ends with the scenario."));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hint = new Label("Ctrl+1…" + PanelRegistry.all().size() + " panels · Ctrl+Enter send");
        hint.getStyleClass().add("status-hint");
        HBox bar = new HBox(18, gateways, links, inFlight, count, weather, logProblem, spacer, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }
}
