package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.engine.ActivityEvent;
import dev.pushflow.engine.DeliveredNotification;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.EngineListener;
import dev.pushflow.engine.TapOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one place where engine events (from engine and Netty threads) reach the UI thread. Events are
 * queued without blocking; at most one drain is scheduled at a time, and each drain hands the view models
 * one coalesced {@link Batch} (latest snapshot per device, records in order). A drain takes at most
 * {@link #MAX_EVENTS_PER_DRAIN} events so the UI thread is never held long; the rest go in the next one.
 */
public final class UiEventQueue implements EngineListener {
    public static final int MAX_EVENTS_PER_DRAIN = 4_000;

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
    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Consumer<Batch>> subscribers = new CopyOnWriteArrayList<>();

    /** @param uiThread runs a task on the UI thread: {@code Platform::runLater}, or a direct executor in tests */
    public UiEventQueue(Executor uiThread) {
        this.uiThread = uiThread;
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
            uiThread.execute(this::drain);
        }
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
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            uiThread.execute(this::drain);
        }
        Batch batch = new Batch(devices, removed, notified, activity, records, taps, workspace);
        if (!batch.isEmpty()) {
            for (Consumer<Batch> s : subscribers) {
                s.accept(batch);
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
