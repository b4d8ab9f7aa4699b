package dev.pushflow.ui.testsupport;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.DeviceTokenAuthority;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;

import java.nio.file.Path;

/** View-model test fixtures: the default workspace on an engine that sends nothing, everything synchronous. */
public final class Contexts {
    private Contexts() {
    }

    public static AppContext offline() {
        PushFlowEngine engine = new PushFlowEngine(new DeliveryService(env -> {
            throw new IllegalStateException("no gateway in view-model tests");
        }, 100), DeliveryLog.inMemory(), DeviceTokenAuthority.NONE, null);
        DefaultWorkspace.apply(engine);
        return wrap(engine);
    }

    public static AppContext wrap(PushFlowEngine engine) {
        UiEventQueue events = new UiEventQueue(Runnable::run);
        engine.addListener(events);
        return new AppContext(engine, events, TaskRunner.synchronous(), Path.of("target", "test-config"));
    }
}
