package dev.pushflow.load;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.SendReport;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.ImUser;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A load run on an engine: sets up {@code users} users (one Debug iPhone each, logged in, app in the background) and
 * groups of five, then sends {@code messages} messages from random users to random other users (or to a group they
 * are in), every record marked {@link DeliveryRecord#SOURCE_LOAD}, and counts every record as it is appended. Not
 * thread-safe: one {@link #run} per instance; {@link #cancel} may be called from any thread (a Ctrl-C hook).
 */
public final class LoadRun {
    public static final String USER_PREFIX = "load-";
    private static final int GROUP_SIZE = 5;

    private final PushFlowEngine engine;
    private final LoadOptions options;
    private volatile boolean cancelled;

    private final LongAdder attempts = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder finals = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Set<String> finalIds = ConcurrentHashMap.newKeySet();
    private final Set<String> attemptKeys = ConcurrentHashMap.newKeySet();
    private final Recorder latency = new Recorder(3);
    private final Histogram latencyTotal = new Histogram(3);
    /** Recycled by {@link #sample}: the latencies recorded since the last sample. */
    private Histogram intervalLatency;
    private final AtomicLong planned = new AtomicLong();

    public LoadRun(PushFlowEngine engine, LoadOptions options) {
        this.engine = engine;
        this.options = options;
    }

    /** Stops sending; pushes already sent still end (the run waits for them), then {@link #run} returns. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    static String user(int i) {
        return String.format("%s%05d", USER_PREFIX, i);
    }

    /** The workspace: the default console, the users with their phones in the background, and the groups. */
    public void prepare() {
        DefaultWorkspace.applyConsole(engine);
        for (int i = 0; i < options.users(); i++) {
            String id = user(i);
            engine.putUser(ImUser.of(id));
            engine.addDevice("phone-" + id, id + "'s iPhone", BuildConfiguration.DEBUG);
            engine.login("phone-" + id, id);
            engine.setAppState("phone-" + id, AppState.BACKGROUND);
        }
        if (options.groupShare() > 0) {
            int size = Math.min(GROUP_SIZE, options.users());
            for (int g = 0; g * size < options.users(); g++) {
                List<String> members = new ArrayList<>();
                for (int k = 0; k < size; k++) {
                    members.add(user((g * size + k) % options.users()));
                }
                engine.putGroup(new ImGroup(group(g), "Load group " + g, members));
            }
        }
    }

    private static String group(int g) {
        return "@TGS#load" + g;
    }

    /**
     * Sends every message (or until cancelled), waits for every push to end (at most {@code waitForEnd}), and
     * returns the summary. {@code progress} is called about every {@code progressMillis} on this thread, and once more when every push
     * has ended.
     */
    public LoadSummary run(Consumer<LoadProgress> progress, long progressMillis, java.time.Duration waitForEnd) {
        Consumer<DeliveryRecord> counter = this::count;
        engine.log().addListener(counter);
        SplittableRandom random = new SplittableRandom(options.seed());
        int users = options.users();
        int groupSize = Math.min(GROUP_SIZE, users);
        int groups = (users + groupSize - 1) / groupSize;
        List<CompletableFuture<List<DeliveryRecord>>> reports = new ArrayList<>();
        long start = System.nanoTime();
        long nextProgress = start + TimeUnit.MILLISECONDS.toNanos(progressMillis);
        long lastEnded = 0;
        long lastAt = start;
        double rate = 0;
        int sent = 0;
        try {
            for (int i = 0; i < options.messages() && !cancelled; i++) {
                if (options.rate() > 0) {
                    long due = start + (long) (i * 1e9 / options.rate());
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0 && !cancelled) {
                        LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
                    }
                }
                ImMessage m;
                if (options.groupShare() > 0 && random.nextDouble() < options.groupShare()) {
                    int g = random.nextInt(groups);
                    int member = (g * groupSize + random.nextInt(groupSize)) % users;
                    m = ImMessage.groupText(user(member), group(g), "load message " + i);
                } else {
                    int from = random.nextInt(users);
                    int to = random.nextInt(users - 1);
                    if (to >= from) {
                        to++;
                    }
                    m = ImMessage.text(user(from), user(to), "load message " + i);
                }
                SendReport report = engine.send(m, DeliveryRecord.SOURCE_LOAD);
                planned.addAndGet(report.plan().stream().filter(p -> p.isPush()).count());
                reports.add(report.records());
                sent++;
                long now = System.nanoTime();
                if (now >= nextProgress) {
                    long ended = finals.sum();
                    rate = (ended - lastEnded) / ((now - lastAt) / 1e9);
                    lastEnded = ended;
                    lastAt = now;
                    nextProgress = now + TimeUnit.MILLISECONDS.toNanos(progressMillis);
                    progress.accept(progress(sent, ended, rate, start, now));
                }
            }
            long deadline = System.nanoTime() + waitForEnd.toNanos();
            for (CompletableFuture<List<DeliveryRecord>> f : reports) {
                long left = deadline - System.nanoTime();
                while (!f.isDone() && left > 0) {
                    try {
                        f.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(progressMillis)), TimeUnit.NANOSECONDS);
                    } catch (java.util.concurrent.TimeoutException more) {
                        long now = System.nanoTime();
                        progress.accept(progress(sent, finals.sum(), rate, start, now));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    } catch (java.util.concurrent.ExecutionException e) {
                        break; // counted as lost below when it has no final record
                    }
                    left = deadline - System.nanoTime();
                }
            }
            // A file-backed log tells its listeners once a record is on disk: wait for that before counting.
            try {
                engine.log().flush();
            } catch (java.io.IOException e) {
                // the log reports its own write problem; what was told so far is counted
            }
            // the last word: every push sent has ended (a run shorter than one interval gets its one progress here)
            progress.accept(progress(sent, finals.sum(), rate, start, System.nanoTime()));
        } finally {
            engine.log().removeListener(counter);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        latencyTotal.add(latency.getIntervalHistogram(intervalLatency));
        long pushes = planned.get();
        long ended = finalIds.size();
        Map<String, Long> byReason = new java.util.TreeMap<>();
        rejected.forEach((k, v) -> byReason.put(k, v.sum()));
        return new LoadSummary(sent, pushes, attempts.sum(), accepted.sum(), byReason, failed.sum(), retried.sum(),
                Math.max(0, pushes - ended), duplicated.sum(), ms(latencyTotal.getValueAtPercentile(50)),
                ms(latencyTotal.getValueAtPercentile(99)), ms(latencyTotal.getMaxValue()),
                seconds == 0 ? 0 : ended / seconds, seconds, cancelled, engine.deliveryPolicy().describe());
    }

    /**
     * The counters so far and the latencies recorded since the previous sample (an HdrHistogram interval, added to
     * the run's total). Call it only on the thread running {@link #run}, from its progress callback: the interval
     * recorder has one reader.
     */
    public LoadSample sample() {
        intervalLatency = latency.getIntervalHistogram(intervalLatency);
        latencyTotal.add(intervalLatency);
        Map<String, Long> byReason = new java.util.TreeMap<>();
        rejected.forEach((k, v) -> byReason.put(k, v.sum()));
        long n = intervalLatency.getTotalCount();
        return new LoadSample(attempts.sum(), accepted.sum(), byReason, failed.sum(), retried.sum(), finals.sum(),
                planned.get(), n, n == 0 ? 0 : ms(intervalLatency.getValueAtPercentile(50)),
                n == 0 ? 0 : ms(intervalLatency.getValueAtPercentile(99)));
    }

    private LoadProgress progress(int sent, long ended, double rate, long start, long now) {
        long total = Math.max(planned.get(), 1);
        double perMessage = sent == 0 ? 1 : (double) planned.get() / sent;
        double left = (options.messages() - sent) * perMessage + (planned.get() - ended);
        double eta = rate > 0 ? left / rate : -1;
        return new LoadProgress(sent, options.messages(), total, ended, rate, eta);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** Counts one appended record of this run (called on Netty threads, the sender and the timer). */
    private void count(DeliveryRecord r) {
        if (!DeliveryRecord.SOURCE_LOAD.equals(r.source()) || r.status() == null || !r.status().isPushAttempt()) {
            return;
        }
        attempts.increment();
        if (!attemptKeys.add(r.apnsId() + '#' + r.attempt())) {
            duplicated.increment();
        }
        if (r.status() != DeliveryStatus.FAILED) {
            latency.recordValue(Math.max(0, r.latencyMicros()));
        }
        if (!r.finalAttempt()) {
            return;
        }
        if (!finalIds.add(r.apnsId())) {
            duplicated.increment();
            return;
        }
        finals.increment();
        if (r.attempt() > 1) {
            retried.increment();
        }
        switch (r.status()) {
            case ACCEPTED -> accepted.increment();
            case REJECTED -> rejected.computeIfAbsent(r.reason() == null ? "(none)" : r.reason(), k -> new LongAdder())
                    .increment();
            default -> failed.increment();
        }
    }
}
