package dev.pushflow.ui.testsupport;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.DeviceTokenAuthority;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.Navigator;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import dev.pushflow.ui.WorkspaceStore;

import java.nio.file.Path;
import java.util.Map;

/** View-model test fixtures: the default workspace on an engine that sends nothing, everything synchronous. */
public final class Contexts {
    private Contexts() {
    }

    public static AppContext offline() {
        PushFlowEngine engine = emptyEngine();
        DefaultWorkspace.apply(engine);
        return wrap(engine);
    }

    /**
     * What the window does at start, on an engine that sends nothing: reopens the workspace saved in {@code config}
     * (passwords from {@code env} and the config folder's stored passwords), else the default workspace.
     */
    public static AppContext restarted(Path config, Map<String, String> env) {
        PushFlowEngine engine = emptyEngine();
        WorkspaceStore workspace = new WorkspaceStore(config, env);
        workspace.openOrDefault(engine);
        UiEventQueue events = new UiEventQueue(Runnable::run);
        engine.addListener(events);
        return new AppContext(engine, events, TaskRunner.synchronous(), config, Navigator.NONE, workspace);
    }

    private static PushFlowEngine emptyEngine() {
        return new PushFlowEngine(new DeliveryService(env -> {
            throw new IllegalStateException("no gateway in view-model tests");
        }, 100), DeliveryLog.inMemory(), DeviceTokenAuthority.NONE, null);
    }

    public static AppContext wrap(PushFlowEngine engine) {
        UiEventQueue events = new UiEventQueue(Runnable::run);
        engine.addListener(events);
        return new AppContext(engine, events, TaskRunner.synchronous(), Path.of("target", "test-config"));
    }
}
