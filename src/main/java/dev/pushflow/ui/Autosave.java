package dev.pushflow.ui;

import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.EngineListener;
import dev.pushflow.engine.PushFlowEngine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Saves the workspace a moment after every change to it (users, groups, devices, the console, the app's settings),
 * and once more when the JVM stops on SIGTERM or SIGINT (a shutdown hook). Changes that come in a burst are saved
 * together: the first change schedules a save {@code delay} later and the ones after it ride along, so a kill -9
 * loses at most that delay. The save is {@link WorkspaceStore#save}: a temporary file moved over the old one, owner
 * read/write only. While a scenario runs in its own workspace, the store writes the user's workspace, never the
 * scenario's.
 */
public final class Autosave implements EngineListener, AutoCloseable {
    /** Short enough that a kill -9 loses at most the last second, long enough to save a burst of changes once. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(300);

    private final PushFlowEngine engine;
    private final WorkspaceStore store;
    private final long delayMillis;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Thread hook;
    private volatile boolean closed;
    private volatile String lastProblem = "";

    private Autosave(PushFlowEngine engine, WorkspaceStore store, Duration delay) {
        this.engine = engine;
        this.store = store;
        this.delayMillis = Math.max(0, delay.toMillis());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pushflow-autosave");
            t.setDaemon(true);
            return t;
        });
        this.hook = new Thread(this::saveNow, "pushflow-autosave-on-exit");
    }

    /** Starts saving {@code engine}'s workspace on every change and at SIGTERM/SIGINT. */
    public static Autosave start(PushFlowEngine engine, WorkspaceStore store, Duration delay) {
        Autosave a = new Autosave(engine, store, delay);
        engine.addListener(a);
        Runtime.getRuntime().addShutdownHook(a.hook);
        return a;
    }

    @Override
    public void workspaceChanged() {
        changed();
    }

    @Override
    public void deviceChanged(DeviceSnapshot device) {
        changed();
    }

    @Override
    public void deviceRemoved(String deviceId) {
        changed();
    }

    /** Schedules a save unless one is already on its way (it will see this change too). */
    public void changed() {
        if (closed || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.schedule(() -> {
                scheduled.set(false);
                saveNow();
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            scheduled.set(false); // closing: the final save is the caller's
        }
    }

    /** Saves at once; never throws (the last good file stays; {@link #problem()} says what went wrong). */
    public synchronized void saveNow() {
        try {
            store.save(engine);
            lastProblem = "";
        } catch (Exception e) {
            lastProblem = "The workspace could not be saved to " + store.file() + ": " + TaskRunner.message(e);
        }
    }

    /** Why the last save failed, "" when it did not. */
    public String problem() {
        return lastProblem;
    }

    /** Saves what is pending, stops listening and removes the shutdown hook (the window closes normally). */
    @Override
    public void close() {
        closed = true;
        engine.removeListener(this);
        timer.shutdownNow();
        saveNow();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (or ran) anyway
        }
    }
}
