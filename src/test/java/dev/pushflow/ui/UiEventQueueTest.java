package dev.pushflow.ui;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class UiEventQueueTest {
    private final List<Runnable> scheduled = new ArrayList<>();
    private final UiEventQueue queue = new UiEventQueue(scheduled::add);
    private final List<UiEventQueue.Batch> batches = new ArrayList<>();

    UiEventQueueTest() {
        queue.subscribe(batches::add);
    }

    static DeviceSnapshot device(String id, AppState state) {
        return new DeviceSnapshot(id, id, BuildConfiguration.DEBUG, "ab", ApnsEnvironment.SANDBOX, false, state, true,
                true, null, null, false, false, null, 0, 0, 0, null);
    }

    @Test
    void many_events_hop_to_the_ui_thread_once_and_devices_are_coalesced() {
        for (int i = 0; i < 1000; i++) {
            queue.deviceChanged(device("p", i % 2 == 0 ? AppState.BACKGROUND : AppState.LOCKED));
            queue.recordAppended(DeliveryRecord.decision(Instant.now(), "m", "p", "p", "alice", 1, DeliveryStatus.NO_PUSH, "x", "y"));
        }
        assertEquals(1, scheduled.size(), "one hop for the whole burst");
        scheduled.removeFirst().run();
        assertEquals(1, batches.size());
        assertEquals(1, batches.getFirst().devices().size());
        assertEquals(AppState.LOCKED, batches.getFirst().devices().get("p").appState());
        assertEquals(1000, batches.getFirst().records().size());
    }

    @Test
    void a_flood_is_drained_in_bounded_batches() {
        for (int i = 0; i < UiEventQueue.MAX_EVENTS_PER_DRAIN * 2 + 10; i++) {
            queue.recordAppended(DeliveryRecord.decision(Instant.now(), "m", "p", "p", "alice", 1, DeliveryStatus.NO_PUSH, "x", "y"));
        }
        int drains = 0;
        while (!scheduled.isEmpty()) {
            scheduled.removeFirst().run();
            drains++;
        }
        assertEquals(3, drains);
        assertTrue(batches.stream().allMatch(b -> b.records().size() <= UiEventQueue.MAX_EVENTS_PER_DRAIN));
    }

    @Test
    void under_a_flood_drains_are_paced_and_nothing_is_lost() throws Exception {
        List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger records = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService ui = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            UiEventQueue paced = new UiEventQueue(ui, java.time.Duration.ofMillis(40));
            paced.subscribe(b -> {
                starts.add(System.nanoTime());
                records.addAndGet(b.records().size());
            });
            int n = UiEventQueue.MAX_EVENTS_PER_DRAIN * 3;
            for (int i = 0; i < n; i++) {
                paced.recordAppended(DeliveryRecord.decision(Instant.now(), "m", "p", "p", "alice", 1, DeliveryStatus.NO_PUSH, "x", "y"));
            }
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> records.get() >= n);
            assertEquals(n, records.get(), "every record reaches the subscribers");
            assertTrue(starts.size() >= 3, "bounded batches: " + starts.size());
            for (int i = 1; i < starts.size(); i++) {
                long gapMs = (starts.get(i) - starts.get(i - 1)) / 1_000_000;
                assertTrue(gapMs >= 35, "drain " + i + " came " + gapMs + " ms after the previous one");
            }
        } finally {
            ui.shutdownNow();
        }
    }

    @Test
    void events_raised_while_subscribers_run_come_in_the_next_batch_in_order() {
        UiEventQueue q = new UiEventQueue(Runnable::run);
        List<Integer> sizes = new ArrayList<>();
        q.subscribe(b -> {
            sizes.add(b.records().size());
            if (sizes.size() == 1) {
                q.recordAppended(DeliveryRecord.decision(Instant.now(), "m2", "p", "p", "alice", 1, DeliveryStatus.NO_PUSH, "x", "y"));
                assertEquals(1, sizes.size(), "no nested drain while a batch is being handled");
            }
        });
        q.recordAppended(DeliveryRecord.decision(Instant.now(), "m1", "p", "p", "alice", 1, DeliveryStatus.NO_PUSH, "x", "y"));
        assertEquals(List.of(1, 1), sizes);
    }
}
