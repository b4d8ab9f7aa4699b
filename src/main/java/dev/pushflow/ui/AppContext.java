package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.doctor.BadDeviceTokenDoctor;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.rawsend.RawSender;

import java.nio.file.Path;

/**
 * What every panel's view model is built with: the engine, the event queue, the task runner, the config folder, the
 * navigator that moves between panels, and the workspace saved in the config folder (with the stored passwords).
 */
public record AppContext(PushFlowEngine engine, UiEventQueue events, TaskRunner tasks, Path configDir,
                         Navigator navigator, WorkspaceStore workspace) {

    public AppContext {
        navigator = navigator == null ? Navigator.NONE : navigator;
        workspace = workspace == null ? new WorkspaceStore(configDir) : workspace;
    }

    /** A context that navigates nowhere (view-model tests, tools without a window). */
    public AppContext(PushFlowEngine engine, UiEventQueue events, TaskRunner tasks, Path configDir) {
        this(engine, events, tasks, configDir, Navigator.NONE, null);
    }

    public AppContext withNavigator(Navigator n) {
        return new AppContext(engine, events, tasks, configDir, n, workspace);
    }

    /**
     * Raw sends through the engine's own delivery service, so Pushy clients are shared with the flow; every answer is
     * appended to the engine's delivery log with source raw-push.
     */
    public RawSender rawSender() {
        return rawSender(DeliveryRecord.SOURCE_RAW_PUSH);
    }

    private RawSender rawSender(String source) {
        return new RawSender(engine.delivery(), engine.delivery().embeddedDirectory())
                .recordingTo(engine.log()::append, source);
    }

    /**
     * The doctor on the engine's console (certificate IDs) and its delivery service (for the probe); the probe's
     * pushes are in the delivery log with source doctor-probe.
     */
    public BadDeviceTokenDoctor doctor() {
        return new BadDeviceTokenDoctor(engine.console(), rawSender(DeliveryRecord.SOURCE_DOCTOR));
    }
}
