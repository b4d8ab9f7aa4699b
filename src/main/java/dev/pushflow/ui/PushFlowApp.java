package dev.pushflow.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.shell.MainView;
import dev.pushflow.ui.shell.MainViewModel;
import dev.pushflow.ui.shell.MainViewModel.Panel;
import dev.pushflow.ui.shell.PanelRegistry;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The desktop application. The window shows at once with a progress indicator; the engine (embedded
 * gateways, TLS) starts on a background thread and the panels appear when it is ready.
 */
public class PushFlowApp extends Application {
    public static final double WIDTH = WindowSize.PREFERRED_WIDTH;
    public static final double HEIGHT = WindowSize.PREFERRED_HEIGHT;
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final EngineFactory factory;
    private final Path configDir;
    private final WorkspaceStore workspace;
    private final CompletableFuture<PushFlowApp> ready = new CompletableFuture<>();
    private MainViewModel vm;
    private String settingsProblem = "";
    private MainView view;
    private Scene scene;
    private volatile PushFlowEngine engine;
    private volatile Autosave autosave;
    private AppContext context;
    /** Built on first use: by the Doctor panel, or by "Open in Doctor" before that panel was shown. */
    /** The window's panels (view models made once); null until the engine runs. */
    private PanelRegistry.Instances panels;

    /** Consulted by tests and tools that launch the app and need its instance. */
    private static volatile Consumer<PushFlowApp> onStarted = app -> {
    };

    /** Set by {@link #launchApp}: the engine already starting while JavaFX starts. */
    private static volatile EngineFactory launchFactory;

    public PushFlowApp() {
        this(launchFactory != null ? launchFactory : EngineFactory.DEFAULT, ConfigDir.resolve());
    }

    public PushFlowApp(EngineFactory factory, Path configDir) {
        this.factory = factory;
        this.configDir = configDir;
        this.workspace = new WorkspaceStore(configDir);
    }

    /** Entry point used by {@code dev.pushflow.Main} when run without arguments. */
    public static void launchApp(String[] args) {
        // The gateways, their TLS and the delivery log start now, in parallel with the JavaFX toolkit and the window
        // (each takes about as long as the other): the window is interactive about when it is shown.
        StartupTrace.mark("main");
        launchFactory = EngineFactory.startingNow(EngineFactory.DEFAULT, ConfigDir.resolve());
        Application.launch(PushFlowApp.class, args);
    }

    public static void onStarted(Consumer<PushFlowApp> hook) {
        onStarted = hook;
    }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("toolkit up, start()");
        settingsProblem = ConfigDir.checkSettings(configDir, java.util.Arrays.stream(
                dev.pushflow.ui.shell.MainViewModel.Panel.values()).map(Enum::name).toList());
        StartupTrace.mark("settings checked");
        vm = new MainViewModel(ConfigDir.loadSettings(configDir));
        StartupTrace.mark("main view model");
        vm.settingsProblem(settingsProblem);
        // The theme before the first control: Control's class initialiser loads JavaFX's own Modena stylesheet when
        // no user-agent stylesheet is set yet, work thrown away a moment later.
        setThemeStylesheet(vm.darkProperty().get());
        StartupTrace.mark("theme stylesheet set");
        view = new MainView(vm);
        StartupTrace.mark("main view built");
        WindowSize size = WindowSize.fit(javafx.stage.Screen.getPrimary().getVisualBounds());
        scene = new Scene(view, size.width(), size.height());
        scene.getStylesheets().add(stylesheet());
        applyTheme(vm.darkProperty().get());
        StartupTrace.mark("theme set");
        vm.darkProperty().addListener((o, a, b) -> applyTheme(b));
        view.installAccelerators(scene);
        stage.setTitle("PushFlow — iOS offline push simulator");
        var icon = PushFlowApp.class.getResource("icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.setMinWidth(size.minWidth());
        stage.setMinHeight(size.minHeight());
        stage.setScene(scene);
        stage.setX(size.x());
        stage.setY(size.y());
        markOnNextFrame("window visible");
        stage.show();
        StartupTrace.mark("stage shown");

        TaskRunner tasks = TaskRunner.background(Platform::runLater);
        tasks.run(() -> {
            PushFlowEngine started = factory.start(configDir);
            workspace.openOrDefault(started);
            return started;
        }, this::engineStarted, t -> {
            vm.engineFailed(TaskRunner.message(t), isConfigFileProblem(t));
            ready.completeExceptionally(t);
        });
        onStarted.accept(this);
    }

    private static boolean isConfigFileProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof dev.pushflow.delivery.ConfigFileException) {
                return true;
            }
        }
        return false;
    }

    private void engineStarted(PushFlowEngine e) {
        StartupTrace.mark("engine started, workspace open");
        engine = e;
        autosave = Autosave.start(e, workspace, Autosave.DEFAULT_DELAY);
        ProxyPreference.restore(e, configDir, System.getenv());
        UiEventQueue events = new UiEventQueue(Platform::runLater, UiEventQueue.UI_MIN_INTERVAL);
        context = new AppContext(e, events, TaskRunner.background(Platform::runLater), configDir, this::openDoctor,
                workspace);
        vm.engineReady(context);
        panels = new PanelRegistry.Instances(context);
        view.engineReady(context, (panel, ctx) -> panels.view(panel));
        StartupTrace.mark("first panel built");
        e.addListener(events);
        markOnNextFrame("window interactive (engine ready, panel built)");
        ready.complete(this);
    }

    /** The {@link Navigator} of the window: fills the Doctor's form, then shows the panel (built on first show). */
    private void openDoctor(String token, Long certificateId, BuildConfiguration build) {
        panels.prefillDoctor(token, certificateId, build);
        vm.panelProperty().set(Panel.DOCTOR);
    }

    private void applyTheme(boolean dark) {
        setThemeStylesheet(dark);
        view.pseudoClassStateChanged(DARK, dark);
    }

    private static void setThemeStylesheet(boolean dark) {
        String css = themeStylesheet(dark ? new PrimerDark() : new PrimerLight());
        if (!css.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(css);
        }
    }

    /** The window's stylesheet: pushflow.bss, which the build makes from pushflow.css, else the .css itself. */
    static String stylesheet() {
        var bss = PushFlowApp.class.getResource("pushflow.bss");
        return (bss != null ? bss : PushFlowApp.class.getResource("pushflow.css")).toExternalForm();
    }

    /**
     * AtlantaFX ships each theme pre-parsed as binary CSS (.bss) beside the text: JavaFX loads that without parsing
     * 165 kB of CSS on the UI thread before the first frame (about 100 ms of a start). The text version when a theme
     * comes without it.
     */
    static String themeStylesheet(atlantafx.base.theme.Theme theme) {
        String bss = theme.getUserAgentStylesheetBSS();
        return bss != null && PushFlowApp.class.getResource(bss.startsWith("/") ? bss : "/" + bss) != null
                ? bss : theme.getUserAgentStylesheet();
    }

    /**
     * scripts/measure-startup: prints when the next frame is laid out, in ms from {@code -Dpushflow.t0} (the epoch
     * ms the script took before starting the JVM), else from JVM start.
     */
    private void markOnNextFrame(String what) {
        if (!Boolean.getBoolean("pushflow.measureStartup")) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long t0 = Long.getLong("pushflow.t0", ManagementFactory.getRuntimeMXBean().getStartTime());
            StartupTrace.mark("frame: " + what);
            if (what.startsWith("window interactive")) {
                StartupTrace.threads();
            }
            System.out.println("startup: " + what + " after " + (System.currentTimeMillis() - t0) + " ms");
            if (what.startsWith("window interactive") && Boolean.getBoolean("pushflow.exitAfterStartup")) {
                Platform.runLater(Platform::exit);
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    /** Completes once the engine is running and the panels are built. */
    public CompletableFuture<PushFlowApp> ready() {
        return ready;
    }

    public PushFlowEngine engine() {
        return engine;
    }

    /** What the panels are built with (tests and tools that drive the window's engine as a panel would). */
    public AppContext context() {
        return context;
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public Scene scene() {
        return scene;
    }

    @Override
    public void stop() {
        if (vm != null) {
            // Re-read first: panels save their own settings while the window is open (the Console's proxy).
            Properties latest = ConfigDir.loadSettings(configDir);
            if (!settingsProblem.isEmpty()) {
                ConfigDir.setAsideSettings(configDir); // reported at start: kept, never silently overwritten
            }
            vm.writeSettings(latest);
            ConfigDir.saveSettings(configDir, latest);
        }
        PushFlowEngine e = engine;
        Autosave saving = autosave;
        if (saving != null) {
            saving.close(); // the last save; the workspace is reopened from the last good one if it fails
        } else if (e != null) {
            try {
                workspace.save(e);
            } catch (Exception ex) {
                // the workspace is reopened from the last good save; never block closing on it
            }
        }
        if (e != null) {
            // Closing flushes the log and stops the gateways; never let it hold the exit for long.
            Thread closer = new Thread(e::close, "pushflow-shutdown");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
