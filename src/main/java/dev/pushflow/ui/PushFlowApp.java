package dev.pushflow.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.compose.ComposeView;
import dev.pushflow.ui.compose.ComposeViewModel;
import dev.pushflow.ui.console.ConsoleView;
import dev.pushflow.ui.console.ConsoleViewModel;
import dev.pushflow.ui.devices.DevicesView;
import dev.pushflow.ui.devices.DevicesViewModel;
import dev.pushflow.ui.doctor.DoctorView;
import dev.pushflow.ui.doctor.DoctorViewModel;
import dev.pushflow.ui.log.DeliveryLogView;
import dev.pushflow.ui.log.DeliveryLogViewModel;
import dev.pushflow.ui.phones.PhonesView;
import dev.pushflow.ui.phones.PhonesViewModel;
import dev.pushflow.ui.rawpush.RawPushView;
import dev.pushflow.ui.rawpush.RawPushViewModel;
import dev.pushflow.ui.scenarios.ScenariosView;
import dev.pushflow.ui.scenarios.ScenariosViewModel;
import dev.pushflow.ui.shell.MainView;
import dev.pushflow.ui.shell.MainViewModel;
import dev.pushflow.ui.shell.MainViewModel.Panel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
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
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
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
    private AppContext context;
    /** Built on first use: by the Doctor panel, or by "Open in Doctor" before that panel was shown. */
    private DoctorViewModel doctor;

    /** Consulted by tests and tools that launch the app and need its instance. */
    private static volatile Consumer<PushFlowApp> onStarted = app -> {
    };

    public PushFlowApp() {
        this(EngineFactory.DEFAULT, ConfigDir.resolve());
    }

    public PushFlowApp(EngineFactory factory, Path configDir) {
        this.factory = factory;
        this.configDir = configDir;
        this.workspace = new WorkspaceStore(configDir);
    }

    /** Entry point used by {@code dev.pushflow.Main} when run without arguments. */
    public static void launchApp(String[] args) {
        Application.launch(PushFlowApp.class, args);
    }

    public static void onStarted(Consumer<PushFlowApp> hook) {
        onStarted = hook;
    }

    @Override
    public void start(Stage stage) {
        settingsProblem = ConfigDir.checkSettings(configDir);
        vm = new MainViewModel(ConfigDir.loadSettings(configDir));
        vm.settingsProblem(settingsProblem);
        view = new MainView(vm);
        scene = new Scene(view, WIDTH, HEIGHT);
        scene.getStylesheets().add(PushFlowApp.class.getResource("pushflow.css").toExternalForm());
        applyTheme(vm.darkProperty().get());
        vm.darkProperty().addListener((o, a, b) -> applyTheme(b));
        view.installAccelerators(scene);
        stage.setTitle("PushFlow — iOS offline push simulator");
        var icon = PushFlowApp.class.getResource("icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.setMinWidth(1024);
        stage.setMinHeight(680);
        stage.setScene(scene);
        stage.show();
        mark("window shown");

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
        engine = e;
        ProxyPreference.restore(e, configDir, System.getenv());
        UiEventQueue events = new UiEventQueue(Platform::runLater, UiEventQueue.UI_MIN_INTERVAL);
        context = new AppContext(e, events, TaskRunner.background(Platform::runLater), configDir, this::openDoctor,
                workspace);
        vm.engineReady(context);
        view.engineReady(context, this::createPanel);
        e.addListener(events);
        mark("engine ready, window interactive");
        ready.complete(this);
    }

    /** One view and view model per panel. */
    private Node createPanel(Panel panel, AppContext ctx) {
        return switch (panel) {
            case CONSOLE -> new ConsoleView(new ConsoleViewModel(ctx));
            case DEVICES -> new DevicesView(new DevicesViewModel(ctx));
            case COMPOSE -> new ComposeView(new ComposeViewModel(ctx));
            case PHONES -> new PhonesView(new PhonesViewModel(ctx));
            case LOG -> new DeliveryLogView(new DeliveryLogViewModel(ctx));
            case SCENARIOS -> new ScenariosView(new ScenariosViewModel(ctx));
            case RAW_PUSH -> new RawPushView(new RawPushViewModel(ctx));
            case DOCTOR -> new DoctorView(doctor());
        };
    }

    private DoctorViewModel doctor() {
        if (doctor == null) {
            doctor = new DoctorViewModel(context);
        }
        return doctor;
    }

    /** The {@link Navigator} of the window: fills the Doctor's form, then shows the panel (built on first show). */
    private void openDoctor(String token, Long certificateId, BuildConfiguration build) {
        doctor().prefill(token, certificateId, build);
        vm.panelProperty().set(Panel.DOCTOR);
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        view.pseudoClassStateChanged(DARK, dark);
    }

    private static void mark(String what) {
        if (Boolean.getBoolean("pushflow.measureStartup")) {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("startup: " + what + " after " + ms + " ms");
            if (what.startsWith("engine ready") && Boolean.getBoolean("pushflow.exitAfterStartup")) {
                Platform.runLater(Platform::exit);
            }
        }
    }

    /** Completes once the engine is running and the panels are built. */
    public CompletableFuture<PushFlowApp> ready() {
        return ready;
    }

    public PushFlowEngine engine() {
        return engine;
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
        if (e != null) {
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
