package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.engine.ActivityEvent;
import dev.pushflow.engine.DeliveredNotification;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.EngineListener;
import dev.pushflow.engine.TapOutcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one place where engine events (from engine and Netty threads) reach the UI thread. Events are
 * queued without blocking; at most one drain is scheduled at a time, and each drain hands the view models
 * one coalesced {@link Batch} (latest snapshot per device, records in order). A drain takes at most
 * {@link #MAX_EVENTS_PER_DRAIN} events so the UI thread is never held long; the rest go in the next one.
 * <p>
 * Under a flood, drains are paced: the next one runs no sooner than {@code minInterval} after the previous one
 * ended, so the UI thread keeps time for pulses (CSS, layout, rendering) and input between them, and the
 * per-batch work of the views (a list change, a lock screen refresh) happens a few dozen times a second, not
 * thousands. Nothing is dropped: events wait in the queue.
 */
public final class UiEventQueue implements EngineListener {
    /** Enough for 100k pushes a second at 20 drains a second (a push is two events: its record and its arrival). */
    public static final int MAX_EVENTS_PER_DRAIN = 10_000;
    /**
     * The window's pacing: at most about 20 drains a second, each followed by at least 50 ms for pulses and input.
     * A flood then costs the FX thread about a tenth of a core (25 ms: about 15%), and a lone event still goes at once.
     */
    public static final Duration UI_MIN_INTERVAL = Duration.ofMillis(50);

    /** Everything that happened since the last drain, coalesced. */
    public record Batch(Map<String, DeviceSnapshot> devices, Set<String> removedDevices, Set<String> notifiedDevices,
                        List<ActivityEvent> activity, List<DeliveryRecord> records, List<TapOutcome> taps,
                        boolean workspaceChanged) {
        public boolean isEmpty() {
            return devices.isEmpty() && removedDevices.isEmpty() && notifiedDevices.isEmpty() && activity.isEmpty()
                    && records.isEmpty() && taps.isEmpty() && !workspaceChanged;
        }
    }

    private sealed interface Event {
    }

    private record DeviceEvent(DeviceSnapshot s) implements Event {
    }

    private record Removed(String id) implements Event {
    }

    private record Notified(String id) implements Event {
    }

    private record Activity(ActivityEvent e) implements Event {
    }

    private record Record(DeliveryRecord r) implements Event {
    }

    private record Tap(TapOutcome t) implements Event {
    }

    private record Workspace() implements Event {
    }

    private final Executor uiThread;
    private final long minIntervalNanos;
    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Consumer<Batch>> subscribers = new CopyOnWriteArrayList<>();
    /** When the last drain ended (System.nanoTime); only read when pacing. */
    private volatile long lastDrainEnd;

    /** Unpaced: a drain is scheduled as soon as an event arrives (tests, direct executors). */
    public UiEventQueue(Executor uiThread) {
        this(uiThread, Duration.ZERO);
    }

    /**
     * @param uiThread    runs a task on the UI thread: {@code Platform::runLater}, or a direct executor in tests
     * @param minInterval the least time between the end of a drain and the start of the next one
     */
    public UiEventQueue(Executor uiThread, Duration minInterval) {
        this.uiThread = uiThread;
        this.minIntervalNanos = minInterval.toNanos();
        this.lastDrainEnd = System.nanoTime() - minIntervalNanos;
    }

    /** Called on the UI thread with each batch, in subscription order. */
    public void subscribe(Consumer<Batch> subscriber) {
        subscribers.add(subscriber);
    }

    /** Runs on the UI thread after already queued events; used to ask for a refresh. */
    public void requestRefresh() {
        offer(new Workspace());
    }

    private void offer(Event e) {
        queue.add(e);
        if (scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    /** Runs a drain on the UI thread: now, or once {@code minInterval} has passed since the last one ended. */
    private void schedule() {
        long wait = minIntervalNanos == 0 ? 0 : lastDrainEnd + minIntervalNanos - System.nanoTime();
        if (wait <= 0) {
            uiThread.execute(this::drain);
        } else {
            Pacer.TIMER.schedule(() -> uiThread.execute(this::drain), wait, TimeUnit.NANOSECONDS);
        }
    }

    /** One daemon thread for every queue's delayed drains; it only hands them to the UI thread. */
    private static final class Pacer {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pushflow-ui-pacer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Drains up to {@link #MAX_EVENTS_PER_DRAIN} events into one batch; reschedules when more are waiting. */
    void drain() {
        Map<String, DeviceSnapshot> devices = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        Set<String> notified = new LinkedHashSet<>();
        List<ActivityEvent> activity = new ArrayList<>();
        List<DeliveryRecord> records = new ArrayList<>();
        List<TapOutcome> taps = new ArrayList<>();
        boolean workspace = false;
        Event e;
        int n = 0;
        while (n < MAX_EVENTS_PER_DRAIN && (e = queue.poll()) != null) {
            n++;
            switch (e) {
                case DeviceEvent d -> {
                    devices.put(d.s().deviceId(), d.s());
                    removed.remove(d.s().deviceId());
                }
                case Removed r -> {
                    devices.remove(r.id());
                    removed.add(r.id());
                }
                case Notified x -> notified.add(x.id());
                case Activity a -> activity.add(a.e());
                case Record r -> records.add(r.r());
                case Tap t -> taps.add(t.t());
                case Workspace w -> workspace = true;
            }
        }
        Batch batch = new Batch(devices, removed, notified, activity, records, taps, workspace);
        try {
            if (!batch.isEmpty()) {
                for (Consumer<Batch> s : subscribers) {
                    s.accept(batch);
                }
            }
        } finally {
            lastDrainEnd = System.nanoTime();
            scheduled.set(false);
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                schedule();
            }
        }
    }

    @Override
    public void deviceChanged(DeviceSnapshot device) {
        offer(new DeviceEvent(device));
    }

    @Override
    public void deviceRemoved(String deviceId) {
        offer(new Removed(deviceId));
    }

    @Override
    public void notificationDelivered(String deviceId, DeliveredNotification notification) {
        offer(new Notified(deviceId));
    }

    @Override
    public void recordAppended(DeliveryRecord record) {
        offer(new Record(record));
    }

    @Override
    public void tapped(TapOutcome outcome) {
        offer(new Tap(outcome));
    }

    @Override
    public void activity(ActivityEvent event) {
        offer(new Activity(event));
    }

    @Override
    public void workspaceChanged() {
        offer(new Workspace());
    }
}
