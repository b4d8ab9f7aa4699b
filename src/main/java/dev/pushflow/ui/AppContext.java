package dev.pushflow.ui;

import dev.pushflow.doctor.BadDeviceTokenDoctor;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.rawsend.RawSender;

import java.nio.file.Path;

/**
 * What every panel's view model is built with: the engine, the event queue, the task runner, the config folder, and
 * the navigator that moves between panels.
 */
public record AppContext(PushFlowEngine engine, UiEventQueue events, TaskRunner tasks, Path configDir,
                         Navigator navigator) {

    public AppContext {
        navigator = navigator == null ? Navigator.NONE : navigator;
    }

    /** A context that navigates nowhere (view-model tests, tools without a window). */
    public AppContext(PushFlowEngine engine, UiEventQueue events, TaskRunner tasks, Path configDir) {
        this(engine, events, tasks, configDir, Navigator.NONE);
    }

    public AppContext withNavigator(Navigator n) {
        return new AppContext(engine, events, tasks, configDir, n);
    }

    /** Raw sends through the engine's own delivery service, so Pushy clients are shared with the flow. */
    public RawSender rawSender() {
        return new RawSender(engine.delivery(), engine.delivery().embeddedDirectory());
    }

    /** The doctor on the engine's console (certificate IDs) and its delivery service (for the probe). */
    public BadDeviceTokenDoctor doctor() {
        return new BadDeviceTokenDoctor(engine.console(), rawSender());
    }
}
