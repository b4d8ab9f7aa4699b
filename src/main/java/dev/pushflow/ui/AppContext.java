package dev.pushflow.ui;

import dev.pushflow.engine.PushFlowEngine;

import java.nio.file.Path;

/** What every panel's view model is built with: the engine, the event queue, the task runner, the config folder. */
public record AppContext(PushFlowEngine engine, UiEventQueue events, TaskRunner tasks, Path configDir) {
}
