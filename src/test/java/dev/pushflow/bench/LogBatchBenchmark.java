package dev.pushflow.bench;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.UiEventQueue;
import dev.pushflow.ui.log.DeliveryLogViewModel;
import dev.pushflow.ui.testsupport.Contexts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How long the Delivery log's view model takes to apply one batch of the event queue (10k records) while 100k
 * records arrive, unsorted and sorted + filtered. Prints figures, asserts nothing: the unit tests check the work a
 * batch costs (one change, O(b log n) comparisons), this is where its time is read. Run: scripts/benchmark-log.
 * The figures used to be budgets in DeliveryLogViewModelTest and SortedRecordsTest (50 ms / 100 ms per batch,
 * 100k in 2 s), which failed on a loaded machine.
 */
public final class LogBatchBenchmark {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int round = 1; round <= rounds; round++) {
            run("unsorted", round, false);
            run("sorted newest first, filtered", round, true);
        }
    }

    private static void run(String label, int round, boolean sorted) {
        AppContext ctx = Contexts.offline();
        DeliveryLogViewModel vm = new DeliveryLogViewModel(ctx);
        if (sorted) {
            vm.sorted().comparatorProperty().set(Comparator.comparingLong(DeliveryRecord::seq).reversed());
            vm.filterTextProperty().set("baddevice");
        }
        int size = UiEventQueue.MAX_EVENTS_PER_DRAIN;
        int batches = 100_000 / size;
        long[] nanos = new long[batches];
        long total = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            List<DeliveryRecord> list = new ArrayList<>(size);
            for (int i = 1; i <= size; i++) {
                long seq = (long) b * size + i;
                list.add(new DeliveryRecord(seq, Instant.now(), "m" + seq, "iphone-debug", "iPhone 15 · Debug build",
                        "alice", 31288, ApnsEnvironment.PRODUCTION, "embedded", "com.example.chat", "alert", 10,
                        "ab".repeat(32), "id-" + seq, null, DeliveryStatus.REJECTED, 400, "BadDeviceToken", null, null,
                        1200, "{\"aps\":{}}"));
            }
            long t = System.nanoTime();
            vm.apply(new UiEventQueue.Batch(Map.of(), Set.of(), Set.of(), List.of(), list, List.of(), false));
            nanos[b] = System.nanoTime() - t;
        }
        total = System.nanoTime() - total;
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "round %d, %s: 100k in %d ms; per 10k batch median %.1f ms, max %.1f ms%n",
                round, label, total / 1_000_000, s[s.length / 2] / 1e6, s[s.length - 1] / 1e6);
        ctx.engine().close();
    }
}
