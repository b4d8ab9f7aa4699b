package dev.pushflow.bench;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import dev.pushflow.ui.EngineFactory;
import dev.pushflow.ui.PushFlowApp;
import dev.pushflow.ui.shell.MainViewModel.Panel;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Does the real window stay responsive while the engine pushes as fast as it can? Starts PushFlow (the real
 * {@link PushFlowApp}, the default engine with its log file, in a throwaway config folder), logs alice in on
 * the Debug iPhone in the background, then floods the engine with bob→alice messages from a background thread
 * while a simulated user switches between the Delivery log and the Phones panels, scrolls the log table and
 * selects rows. Meanwhile it measures the FX thread:
 * <ul>
 *   <li>a {@code Platform.runLater} probe posted every 5 ms: how long it waited to run (what a click would wait);</li>
 *   <li>the gaps between pulses seen by an {@code AnimationTimer} (~16.7 ms when nothing stalls).</li>
 * </ul>
 * Then waits for the log table to show every record and checks that it shows each exactly once. Prints figures;
 * asserts nothing. Run with {@code scripts/benchmark-ui [pushes] [--sort] [--filter] [--stacks]}.
 */
public final class UiStallBenchmark {
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long USER_STEP_MILLIS = 200;

    private UiStallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path config = Files.createTempDirectory("pushflow-ui-bench");
        BenchApp.config = config;
        CountDownLatch done = new CountDownLatch(1);
        PushFlowApp.onStarted(app -> {
            Thread t = new Thread(() -> {
                try {
                    run(app, o);
                } catch (Throwable e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                    Platform.exit();
                }
            }, "ui-bench");
            t.setDaemon(true);
            // The flood comes from a background thread like the app's own (TaskRunner): below normal priority.
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        });
        Application.launch(BenchApp.class);
        done.await(10, TimeUnit.SECONDS);
        deleteTree(config);
        System.exit(0);
    }

    /** The real application class on the default engine factory (log file included) and a throwaway config folder. */
    public static final class BenchApp extends PushFlowApp {
        static Path config;

        public BenchApp() {
            super(EngineFactory.DEFAULT, config);
        }
    }

    record Options(int pushes, boolean sort, boolean filter, boolean stacks, Panel only) {
        static Options parse(String[] args) {
            int n = 100_000;
            boolean sort = false;
            boolean filter = false;
            boolean stacks = false;
            Panel only = null;
            for (String a : args) {
                switch (a) {
                    case "--sort" -> sort = true;
                    case "--filter" -> filter = true;
                    case "--stacks" -> stacks = true;
                    case "--only-log" -> only = Panel.LOG;
                    case "--only-phones" -> only = Panel.PHONES;
                    default -> n = Integer.parseInt(a.replace("_", ""));
                }
            }
            return new Options(n, sort, filter, stacks, only);
        }
    }

    private static void run(PushFlowApp app, Options o) throws Exception {
        PushFlowEngine engine = app.ready().get(60, TimeUnit.SECONDS).engine();
        engine.login(DefaultWorkspace.DEBUG_PHONE, "alice");
        engine.setAppState(DefaultWorkspace.DEBUG_PHONE, AppState.BACKGROUND);
        System.out.printf(Locale.ROOT, "PushFlow UI stall benchmark: %,d pushes, %d cores (load average %s), %s, %s%s%s%n",
                o.pushes(), Runtime.getRuntime().availableProcessors(), loadAverage(),
                System.getProperty("glass.platform", "native glass"), Runtime.version(),
                o.sort() ? ", log sorted by a column" : "", o.filter() ? ", log filtered" : "");

        // Warm-up (JIT, TLS, JWT; both panels built, every user action done at least once); not measured.
        onFxRun(() -> app.viewModel().panelProperty().set(Panel.LOG));
        for (int i = 0; i < 200 && onFx(() -> table(app)) == null; i++) {
            Thread.sleep(10); // the table joins the scene graph when its split pane gets its skin, on a pulse
        }
        if (onFx(() -> table(app)) == null) {
            throw new IllegalStateException("no #log-table in the Delivery log panel");
        }
        onFxRun(() -> app.viewModel().panelProperty().set(Panel.PHONES));
        SimulatedUser user = new SimulatedUser(app, o);
        long warmStart = System.nanoTime();
        user.start();
        warmUp(app, engine, Math.min(20_000, Math.max(1, o.pushes() / 5)));
        long cycle = TimeUnit.MILLISECONDS.toNanos(USER_STEP_MILLIS * SimulatedUser.STEPS + 100);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(warmStart + cycle - System.nanoTime())));

        FxProbe probe = new FxProbe(o.stacks(), () -> app.viewModel().panelProperty().get());
        GcReading gc0 = GcReading.now();
        int actions0 = user.actions;
        probe.start();
        Map<String, Long> cpu0 = uiThreadsCpu();
        long m0 = System.nanoTime();
        System.out.println("measuring from " + java.time.LocalTime.now());
        long jit0 = NativeThreads.jitCpuNanos();
        long t0 = System.nanoTime();
        flood(engine, o.pushes());
        long t1 = System.nanoTime();
        long jit1 = NativeThreads.jitCpuNanos();
        long caughtUp = waitForTable(app, engine, 120_000);
        long t2 = System.nanoTime();
        Thread.sleep(500); // the user keeps clicking a little after the flood, with every row on the table
        user.stop();
        probe.stop();
        Map<String, Long> cpu1 = uiThreadsCpu();
        long m1 = System.nanoTime();
        GcReading gc1 = GcReading.now();

        double seconds = (t1 - t0) / 1e9;
        System.out.printf(Locale.ROOT, "flood: %,d pushes in %.2f s = %,.0f pushes/s (all answered by the gateway)%n",
                o.pushes(), seconds, o.pushes() / seconds);
        if (jit0 >= 0 && jit1 >= 0) {
            System.out.printf(Locale.ROOT, "jit: its compiler threads used %.0f%% of one core during the flood%n",
                    100.0 * (jit1 - jit0) / (t1 - t0));
        }
        System.out.printf(Locale.ROOT, "table caught up %s ms after the last answer%n",
                caughtUp < 0 ? "NOT within 120 000" : String.valueOf(TimeUnit.NANOSECONDS.toMillis(t2 - t1)));
        probe.report();
        System.out.printf(Locale.ROOT, "user: %d actions (panel switches, scrolls, row selections%s%s)%n", user.actions - actions0,
                o.sort() ? ", sorts" : "", o.filter() ? ", filters" : "");
        StringBuilder busy = new StringBuilder("ui threads' cpu during the run (share of one core):");
        cpu1.forEach((name, t) -> busy.append(String.format(Locale.ROOT, " %s %.0f%%", name,
                100.0 * (t - cpu0.getOrDefault(name, 0L)) / (m1 - m0))));
        System.out.println(busy);
        System.out.printf(Locale.ROOT, "gc: %s during the run; load average now %s%n", gc1.since(gc0), loadAverage());
        checkTable(app, engine);
        if (Boolean.getBoolean("bench.histogram")) { // what the heap holds after the run, class by class
            HeapHistogram.print(40);
        }
    }

    /** At most this many warm-up floods. */
    private static final int MAX_WARM_FLOODS = 8;
    /** The JIT has settled when its compiler threads used less than this share of one core during a warm-up flood. */
    private static final double JIT_SETTLED = 0.15;

    /**
     * Floods of {@code step} pushes until the JIT has settled: with a fixed warm-up of 20,000 pushes the C2 compiler
     * (nice 5 on two cores, as the window runs it) still compiled Netty's and the engine's hot paths for half a core
     * during the measured flood, which then measured the compiler as much as the window (11-13k pushes/s against
     * 20-25k once warm). Prints what each flood left the JIT doing, so a run that never settled says so.
     */
    private static void warmUp(PushFlowApp app, PushFlowEngine engine, int step) throws Exception {
        int floods = 0;
        double share = Double.NaN;
        StringBuilder shares = new StringBuilder();
        while (floods < MAX_WARM_FLOODS) {
            long c0 = NativeThreads.jitCpuNanos();
            long w0 = System.nanoTime();
            flood(engine, step);
            waitForTable(app, engine, 30_000);
            floods++;
            long c1 = NativeThreads.jitCpuNanos();
            if (c0 < 0 || c1 < 0) {
                break; // no /proc: one flood, as before
            }
            share = (c1 - c0) / (double) Math.max(1, System.nanoTime() - w0);
            shares.append(shares.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f%%", 100 * share));
            if (share < JIT_SETTLED) {
                break;
            }
        }
        System.out.printf(Locale.ROOT, "warm-up: %,d pushes in %d flood(s); %s%n", (long) floods * step, floods,
                Double.isNaN(share) ? "the JIT's CPU is not measurable here"
                        : "the JIT's share of one core in each: " + shares
                        + (share < JIT_SETTLED ? " (settled)" : " (NOT settled: the measured flood includes compiling)"));
    }

    // ---------------------------------------------------------------- the flood

    private static void flood(PushFlowEngine engine, int n) throws Exception {
        List<CompletableFuture<List<DeliveryRecord>>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(engine.send(ImMessage.text("bob", "alice", "benchmark " + i)).records());
        }
        int accepted = 0;
        for (CompletableFuture<List<DeliveryRecord>> f : all) {
            for (DeliveryRecord r : f.get(120, TimeUnit.SECONDS)) {
                if (r.status() == DeliveryStatus.ACCEPTED) {
                    accepted++;
                }
            }
        }
        if (accepted != n) {
            System.out.printf(Locale.ROOT, "WARNING: only %,d of %,d pushes accepted%n", accepted, n);
        }
    }

    // ---------------------------------------------------------------- the table

    private static TableView<DeliveryRecord> table;

    /** The log table (found once while the Delivery log shows; it lives on when another panel shows). */
    @SuppressWarnings("unchecked")
    private static TableView<DeliveryRecord> table(PushFlowApp app) {
        if (table == null) {
            table = (TableView<DeliveryRecord>) app.scene().getRoot().lookup("#log-table");
        }
        return table;
    }

    /** Waits until the log view holds as many records as the engine's log; returns the nanos it took or -1. */
    private static long waitForTable(PushFlowApp app, PushFlowEngine engine, long timeoutMillis) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            int want = engine.log().size();
            int shown = onFx(() -> logRecords(app));
            if (shown >= want) {
                return System.nanoTime() - start;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /** The view model's records (the table may be filtered): reached through the view, as a user would count. */
    private static int logRecords(PushFlowApp app) {
        TableView<DeliveryRecord> t = table(app);
        if (t == null) {
            return -1;
        }
        if (t.getItems() instanceof javafx.collections.transformation.TransformationList<?, ?> s) {
            return s.getSource() instanceof javafx.collections.transformation.TransformationList<?, ?> f
                    ? f.getSource().size() : s.getSource().size();
        }
        return t.getItems().size();
    }

    private static void checkTable(PushFlowApp app, PushFlowEngine engine) throws Exception {
        // Clear any filter so the table shows everything, then compare with the engine's log.
        onFxRun(() -> {
            app.viewModel().panelProperty().set(Panel.LOG);
            if (app.scene().getRoot().lookup("#log-filter") instanceof javafx.scene.control.TextField tf) {
                tf.setText("");
            }
        });
        Thread.sleep(200);
        int logSize = engine.log().size();
        // A new filter or order on many rows is computed in the background: wait (up to 5 s) for it to be shown.
        for (int i = 0; i < 100 && onFx(() -> table(app).getItems().size()) != logSize; i++) {
            Thread.sleep(50);
        }
        int[] r = onFx(() -> {
            TableView<DeliveryRecord> t = table(app);
            Set<Long> seqs = new HashSet<>();
            for (DeliveryRecord d : t.getItems()) {
                seqs.add(d.seq());
            }
            return new int[]{t.getItems().size(), seqs.size()};
        });
        Label status = onFx(() -> (Label) app.scene().getRoot().lookup("#status-log-count"));
        String statusText = onFx(status::getText);
        System.out.printf(Locale.ROOT, "log: engine %,d records, table %,d rows, %,d distinct -> %s; status bar \"%s\"%n",
                logSize, r[0], r[1], r[0] == logSize && r[1] == logSize ? "nothing lost, nothing doubled" : "MISMATCH",
                statusText);
    }

    // ---------------------------------------------------------------- the simulated user

    /** Every 200 ms one action, on the FX thread, as a user would click: a cycle of about 4 s. */
    private static final class SimulatedUser {
        static final int STEPS = 20;
        private final PushFlowApp app;
        private final Options o;
        private volatile boolean running = true;
        private Thread thread;
        volatile int actions;

        SimulatedUser(PushFlowApp app, Options o) {
            this.app = app;
            this.o = o;
        }

        void start() {
            thread = new Thread(this::loop, "ui-bench-user");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        private void loop() {
            int step = 0;
            while (running) {
                int s = step++ % STEPS;
                Platform.runLater(() -> act(s));
                actions++;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(USER_STEP_MILLIS));
            }
        }

        private void act(int s) {
            TableView<DeliveryRecord> t = table(app);
            if (o.only() != null) {
                app.viewModel().panelProperty().set(o.only());
                if (o.only() != Panel.LOG) {
                    return;
                }
                s = s % 10;
            }
            switch (s) {
                case 0 -> app.viewModel().panelProperty().set(Panel.LOG);
                case 1 -> t.scrollTo(Math.max(0, t.getItems().size() - 1));
                case 2, 3 -> scroll(t, -240);
                case 4 -> select(t, 3);
                case 5 -> scroll(t, 120);
                case 6 -> select(t, 6);
                case 7 -> {
                    if (o.sort()) {
                        t.getSortOrder().setAll(t.getColumns().get(0));
                        t.getColumns().get(0).setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
                    } else {
                        t.scrollTo(t.getItems().size() / 2);
                    }
                }
                case 8 -> {
                    if (o.filter()) {
                        ((javafx.scene.control.TextField) app.scene().getRoot().lookup("#log-filter")).setText("accepted");
                    } else {
                        scroll(t, 600);
                    }
                }
                case 9 -> select(t, 2);
                case 10 -> app.viewModel().panelProperty().set(Panel.PHONES);
                case 14 -> app.viewModel().panelProperty().set(Panel.LOG);
                case 15 -> {
                    if (o.filter()) {
                        ((javafx.scene.control.TextField) app.scene().getRoot().lookup("#log-filter")).setText("");
                    }
                    t.scrollTo(0);
                }
                case 16 -> select(t, 1);
                case 17 -> {
                    if (o.sort()) {
                        t.getSortOrder().clear();
                    }
                }
                case 18 -> app.viewModel().panelProperty().set(Panel.PHONES);
                default -> {
                    // a moment's look at the panel
                }
            }
        }

        private static void scroll(TableView<DeliveryRecord> t, double pixels) {
            if (t.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.scrollPixels(pixels);
            }
        }

        /** Selects the n-th visible row, which shows its explanation, headers and pretty-printed payload. */
        private static void select(TableView<DeliveryRecord> t, int n) {
            if (t.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getFirstVisibleCell() != null) {
                int i = Math.min(t.getItems().size() - 1, flow.getFirstVisibleCell().getIndex() + n);
                if (i >= 0) {
                    t.getSelectionModel().clearAndSelect(i);
                }
            }
        }
    }

    // ---------------------------------------------------------------- the probes

    /** The runLater probe, the pulse timer and, optionally, the FX thread's stack whenever a probe is overdue. */
    private static final class FxProbe {
        private final boolean stacks;
        private final LongList delays = new LongList();
        private final LongList gaps = new LongList();
        private final AtomicLong oldestPending = new AtomicLong();
        /** FX thread only: the previous probe's time and the thread's CPU and run-queue nanos then. */
        private long lastProbeRan;
        private long[] lastSched;
        private long stallWall;
        private long stallCpu;
        private long stallRunQueue;
        private final List<long[]> stalls = new ArrayList<>();
        /** Pulse gaps and probe delays over 50 ms: {start, end} in System.nanoTime (guarded by longGaps). */
        private final List<long[]> longGaps = new ArrayList<>();
        private final List<long[]> longDelays = new ArrayList<>();
        private final GcPauses gcPauses = new GcPauses();
        private final long started = System.nanoTime();
        private final java.util.function.Supplier<Panel> panel;
        private final Map<String, Integer> stallStacks = new HashMap<>();
        private volatile boolean running = true;
        private Thread poster;
        private Thread sampler;
        private AnimationTimer timer;
        private Thread fxThread;

        FxProbe(boolean stacks, java.util.function.Supplier<Panel> panel) {
            this.stacks = stacks;
            this.panel = panel;
        }

        void start() throws Exception {
            onFx(() -> {
                fxThread = Thread.currentThread();
                timer = new AnimationTimer() {
                    private long last;

                    @Override
                    public void handle(long now) {
                        if (last != 0) {
                            gaps.add(now - last);
                            if (now - last > STALL_NANOS) {
                                synchronized (longGaps) {
                                    longGaps.add(new long[]{last, now});
                                }
                            }
                        }
                        last = now;
                    }
                };
                timer.start();
                return null;
            });
            poster = new Thread(() -> {
                long next = System.nanoTime();
                while (running) {
                    long posted = System.nanoTime();
                    oldestPending.compareAndSet(0, posted);
                    Platform.runLater(() -> {
                        long now = System.nanoTime();
                        long d = now - posted;
                        delays.add(d);
                        oldestPending.set(0);
                        long[] sched = schedstat();
                        if (d > STALL_NANOS) {
                            synchronized (longGaps) {
                                longDelays.add(new long[]{posted, now});
                            }
                            stalls.add(new long[]{TimeUnit.NANOSECONDS.toMillis(posted - started),
                                TimeUnit.NANOSECONDS.toMillis(d), panel.get().ordinal()});
                            if (sched != null && lastSched != null) {
                                // What the FX thread did since the previous probe ran (about the stall's length).
                                stallWall += now - lastProbeRan;
                                stallCpu += sched[0] - lastSched[0];
                                stallRunQueue += sched[1] - lastSched[1];
                            }
                        }
                        lastSched = sched;
                        lastProbeRan = now;
                    });
                    next += PROBE_PERIOD_NANOS;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else {
                        next = System.nanoTime();
                    }
                }
            }, "ui-bench-probe");
            poster.setDaemon(true);
            poster.start();
            if (stacks) {
                sampler = new Thread(this::sample, "ui-bench-sampler");
                sampler.setDaemon(true);
                sampler.start();
            }
        }

        /**
         * Every 10 ms: when a probe has waited over 50 ms, records the FX thread's top frames (and the renderer's
         * when the FX thread is waiting for it to finish the previous frame).
         */
        private void sample() {
            while (running) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                long p = oldestPending.get();
                if (p != 0 && System.nanoTime() - p > STALL_NANOS) {
                    StackTraceElement[] st = fxThread.getStackTrace();
                    String key = frames(fxThread, st);
                    if (Arrays.stream(st).anyMatch(e -> e.getMethodName().equals("waitForRenderingToComplete"))) {
                        Thread renderer = Thread.getAllStackTraces().keySet().stream()
                                .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
                        if (renderer != null) {
                            key = "    (the FX thread waits for the renderer)\n" + frames(renderer, renderer.getStackTrace());
                        }
                    }
                    synchronized (stallStacks) {
                        stallStacks.merge(key, 1, Integer::sum);
                    }
                }
            }
        }

        /** The top frames, and the innermost PushFlow frame below them if any. */
        private static String frames(Thread t, StackTraceElement[] st) {
            StringBuilder sb = new StringBuilder("    " + t.getName() + " [" + t.getState() + "]");
            for (int i = 0; i < Math.min(12, st.length); i++) {
                sb.append("\n      at ").append(st[i]);
            }
            for (int i = 12; i < st.length; i++) {
                if (st[i].getClassName().startsWith("dev.pushflow.")) {
                    sb.append("\n      ...\n      at ").append(st[i]);
                    break;
                }
            }
            return sb.toString();
        }

        void stop() throws Exception {
            gcPauses.close();
            running = false;
            poster.join(2_000);
            if (sampler != null) {
                sampler.join(2_000);
            }
            onFx(() -> {
                timer.stop();
                return null;
            });
        }

        /** This thread's CPU time and time spent runnable but waiting for a CPU (Linux), or null. */
        private static long[] schedstat() {
            try {
                String[] f = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split("\\s+");
                return new long[]{Long.parseLong(f[0]), Long.parseLong(f[1])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        void report() {
            print("runLater probe delay", delays.sorted());
            print("pulse gap", gaps.sorted());
            synchronized (longGaps) {
                System.out.println("stalls over 50 ms and GC: " + gcPauses.within("probe delays", longDelays) + "; "
                        + gcPauses.within("pulse gaps", longGaps) + "; longest pause during the run "
                        + String.format(Locale.ROOT, "%.0f ms", gcPauses.longestMillis()));
            }
            if (stallWall > 0) {
                System.out.printf(Locale.ROOT, "during those stalls the FX thread ran %.0f%% of the time and waited for a CPU "
                                + "%.0f%% (the rest: blocked, e.g. waiting for the renderer, or paused by GC)%n",
                        100.0 * stallCpu / stallWall, 100.0 * stallRunQueue / stallWall);
            }
            if (stacks) {
                // Stalls: runs of overdue probes; each stall is named by its worst delay, when it began and the panel.
                List<long[]> episodes = new ArrayList<>();
                long[] cur = null;
                for (long[] x : stalls) {
                    if (cur != null && x[0] <= cur[0] + cur[1] + 10) {
                        cur[1] = Math.max(cur[1], x[0] + x[1] - cur[0]);
                    } else {
                        cur = new long[]{x[0], x[1], x[2]};
                        episodes.add(cur);
                    }
                }
                episodes.sort(Comparator.comparingLong((long[] x) -> -x[1]));
                StringBuilder sb = new StringBuilder("stalls over 50 ms: " + episodes.size() + "; the longest (began at: ms, panel):");
                java.time.LocalTime t0 = java.time.LocalTime.now().minusNanos(System.nanoTime() - started);
                for (int i = 0; i < Math.min(15, episodes.size()); i++) {
                    sb.append(String.format(Locale.ROOT, " %s: %d %s;", t0.plusNanos(episodes.get(i)[0] * 1_000_000),
                            episodes.get(i)[1], Panel.values()[(int) episodes.get(i)[2]]));
                }
                System.out.println(sb);
            }
            if (stacks) {
                List<Map.Entry<String, Integer>> top = new ArrayList<>(stallStacks.entrySet());
                top.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
                System.out.println("FX thread while a probe was overdue (samples every 10 ms, most frequent first):");
                for (int i = 0; i < Math.min(8, top.size()); i++) {
                    System.out.println("  " + top.get(i).getValue() + " samples:\n" + top.get(i).getKey());
                }
            }
        }

        private static void print(String what, long[] v) {
            if (v.length == 0) {
                System.out.println(what + ": no samples");
                return;
            }
            long over = Arrays.stream(v).filter(x -> x > STALL_NANOS).count();
            System.out.printf(Locale.ROOT, "%s: %,d samples, median %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, "
                            + "%d over 50 ms%n", what, v.length, ms(pct(v, 0.5)), ms(pct(v, 0.99)), ms(pct(v, 0.999)),
                    ms(v[v.length - 1]), over);
        }
    }

    static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** A growable long array filled on one thread (the FX thread) and read after it stopped. */
    private static final class LongList {
        private long[] a = new long[4096];
        private int n;

        synchronized void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        synchronized long[] sorted() {
            long[] c = Arrays.copyOf(a, n);
            Arrays.sort(c);
            return c;
        }
    }

    /**
     * The collector's stop-the-world pauses while the probes run, from the JMX notifications each collection sends
     * (millisecond resolution), so that a stall over 50 ms can be told apart from a pause: how many of the stalls had
     * a pause inside them, and how much of their time the pauses took. Beans of concurrent work are left out.
     */
    private static final class GcPauses implements javax.management.NotificationListener {
        /** {start, end} in ms on the collector's clock, and when the notification arrived (System.nanoTime). */
        private final List<long[]> pauses = new ArrayList<>();
        private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();

        GcPauses() {
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (!GcReading.concurrent(b.getName()) && b instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(this, null, null);
                    emitters.add(e);
                }
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            long arrived = System.nanoTime();
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo
                    .from((javax.management.openmbean.CompositeData) n.getUserData()).getGcInfo();
            synchronized (pauses) {
                pauses.add(new long[]{info.getStartTime(), info.getEndTime(), arrived});
            }
        }

        void close() {
            for (var e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // not registered: nothing to remove
                }
            }
        }

        /**
         * The pauses as {start, end} in System.nanoTime. The collector's clock (ms since the JVM started) is not
         * RuntimeMXBean's uptime to the millisecond, so it is placed by the notifications themselves: each arrives
         * after its pause ended, so the earliest arrival relative to its end is the closest placement (within the
         * delivery delay, a millisecond or so).
         */
        private List<long[]> placed() {
            synchronized (pauses) {
                long origin = Long.MAX_VALUE;
                for (long[] p : pauses) {
                    origin = Math.min(origin, p[2] - TimeUnit.MILLISECONDS.toNanos(p[1]));
                }
                List<long[]> out = new ArrayList<>();
                for (long[] p : pauses) {
                    out.add(new long[]{origin + TimeUnit.MILLISECONDS.toNanos(p[0]),
                        origin + TimeUnit.MILLISECONDS.toNanos(p[1])});
                }
                return out;
            }
        }

        double longestMillis() {
            return placed().stream().mapToLong(p -> p[1] - p[0]).max().orElse(0) / 1e6;
        }

        /** "pulse gaps: 3 of 5 with a pause inside (pauses 92 of their 290 ms)". */
        String within(String what, List<long[]> stalls) {
            List<long[]> pauses = placed();
            int with = 0;
            long total = 0;
            long paused = 0;
            for (long[] s : stalls) {
                total += s[1] - s[0];
                long in = 0;
                for (long[] p : pauses) {
                    in += Math.max(0, Math.min(s[1], p[1]) - Math.max(s[0], p[0]));
                }
                paused += in;
                if (in > 0) {
                    with++;
                }
            }
            return String.format(Locale.ROOT, "%s: %d of %d with a pause inside (pauses %.0f of their %.0f ms)", what,
                    with, stalls.size(), paused / 1e6, total / 1e6);
        }
    }

    /** Per collector MXBean (G1's young and old, Shenandoah's pauses and cycles, ...): collections and their time. */
    private record GcReading(java.util.Map<String, long[]> beans) {
        static GcReading now() {
            java.util.Map<String, long[]> m = new java.util.LinkedHashMap<>();
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                m.put(b.getName(), new long[] {Math.max(0, b.getCollectionCount()), Math.max(0, b.getCollectionTime())});
            }
            return new GcReading(m);
        }

        /**
         * "G1 Young Generation 7 (480 ms)" per collector that ran since {@code before}. A bean of concurrent work
         * times whole cycles, which run beside the application: that time is not a pause, and the line says so.
         */
        String since(GcReading before) {
            StringBuilder sb = new StringBuilder();
            beans.forEach((name, v) -> {
                long[] b = before.beans.getOrDefault(name, new long[2]);
                long count = v[0] - b[0];
                if (count == 0) {
                    return;
                }
                sb.append(sb.isEmpty() ? "" : ", ").append(name).append(' ').append(count).append(" (")
                        .append(v[1] - b[1]).append(" ms").append(concurrent(name) ? ", concurrent" : "")
                        .append(')');
            });
            return sb.isEmpty() ? "no collection" : sb.toString();
        }

        /** Shenandoah's and ZGC's "... Cycles", G1's "G1 Concurrent GC": beans that time concurrent work. */
        static boolean concurrent(String bean) {
            return bean.endsWith("Cycles") || bean.contains("Concurrent");
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static <T> T onFx(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void onFxRun(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    /** CPU nanos of the FX thread and the renderer. */
    private static Map<String, Long> uiThreadsCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            String key = n.equals("JavaFX Application Thread") ? "FX" : n.startsWith("QuantumRenderer") ? "renderer" : null;
            if (key != null) {
                out.put(key, mx.getThreadCpuTime(t.threadId()));
            }
        }
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temp folder: best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
