package dev.pushflow.bench;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.SendReport;
import dev.pushflow.gateway.EmbeddedGateway;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImMessage;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the engine against a bare Pushy client on the same embedded gateway, with the same bound
 * on pushes in flight, plus the memory the engine keeps per push. Both send the same requests: the engine's
 * payload, apns-push-type alert, apns-priority 10 and an apns-id per push (the engine sets one so the record and
 * the phone's notification share it), so the difference is the engine's own work: routing, the vendor payload,
 * records, the log and the simulated phone. Run with scripts/benchmark.
 * Prints figures; asserts nothing (speed is measured here, not in unit tests).
 */
public final class ThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int maxInFlight = Integer.getInteger("bench.inFlight", DeliveryService.DEFAULT_MAX_IN_FLIGHT);
        // What the engine allows in flight to the embedded gateway (on loopback: the tighter bound), and so the bare
        // client too: the same bound for both.
        int inFlight = DeliveryService.inFlightBound(maxInFlight, "127.0.0.1");
        System.out.printf(Locale.ROOT, "PushFlow throughput benchmark: %d pushes per run, %d rounds, %d in flight, %d cores,"
                + " bare client bounded by %s%n", n, rounds, inFlight, Runtime.getRuntime().availableProcessors(),
                BARE_GATE ? "the engine's InFlightGate" : "a Semaphore");

        EmbeddedGateways gateways = EmbeddedGateways.start(dev.pushflow.gateway.GatewayConfig.sample()
                .withEventLoopThreads(Integer.getInteger("bench.gatewayThreads", 2)));
        Path logFile = Files.createTempFile("pushflow-bench", ".jsonl");
        boolean memoryOnly = Boolean.getBoolean("bench.memoryLog");
        PushFlowEngine engine = Engines.on(gateways, memoryOnly ? DeliveryLog.inMemory() : DeliveryLog.open(logFile), maxInFlight);
        try {
            DefaultWorkspace.applyConsole(engine);
            DefaultWorkspace.applyUsers(engine);
            engine.addDevice("phone", "Bench iPhone", BuildConfiguration.DEBUG);
            engine.login("phone", "alice");
            engine.setAppState("phone", AppState.BACKGROUND);

            EmbeddedGateway sandbox = gateways.sandbox();
            String token = sandbox.issueToken(SampleMaterial.BUNDLE_ID);
            String payload = engine.preview(ImMessage.text("bob", "alice", "benchmark")).get(0).payload().json();
            NioEventLoopGroup group = new NioEventLoopGroup(1);
            ApnsClient bare = new ApnsClientBuilder().setApnsServer(sandbox.host(), sandbox.port())
                    .setTrustedServerCertificateChain(new ByteArrayInputStream(gateways.trustedServerCaPem()))
                    .setSigningKey(SampleMaterial.tokenKey().signingKey()).setEventLoopGroup(group).build();

            // Warm-up: JIT, TLS sessions, JWTs. Two full rounds each, not counted: with 10,000 pushes the JIT was still
            // compiling Netty's and the gateway's paths in the second counted round (its bare figure came out at half
            // the later ones, and its process CPU per push at three times), which made single rounds swing 0.5x-1.7x.
            int warm = Integer.getInteger("bench.warmRounds", 2);
            for (int w = 0; w < warm; w++) {
                bare(bare, token, payload, n, inFlight);
                engine(engine, n);
            }

            List<Double> bareRates = new ArrayList<>();
            List<Double> engineRates = new ArrayList<>();
            boolean cpu = Boolean.getBoolean("bench.cpu");
            for (int round = 1; round <= rounds; round++) {
                java.util.Map<String, Long> t0 = cpu ? threadCpu() : null;
                double b = bare(bare, token, payload, n, inFlight);
                java.util.Map<String, Long> t1 = cpu ? threadCpu() : null;
                long e0 = System.currentTimeMillis();
                double e = engine(engine, n);
                if (cpu) {
                    System.out.printf(Locale.ROOT, "  engine round %d from %d to %d (epoch ms)%n", round, e0,
                            System.currentTimeMillis());
                }
                if (cpu) {
                    printCpu("bare", t0, t1, n);
                    printCpu("engine", t1, threadCpu(), n);
                }
                bareRates.add(b);
                engineRates.add(e);
                System.out.printf(Locale.ROOT, "round %d: bare Pushy %,.0f pushes/s, engine %,.0f pushes/s (%.2fx)%n",
                        round, b, e, e / b);
            }
            double bareMedian = median(bareRates);
            double engineMedian = median(engineRates);
            System.out.printf(Locale.ROOT, "median: bare Pushy %,.0f pushes/s, engine %,.0f pushes/s, ratio %.2f%n",
                    bareMedian, engineMedian, engineMedian / bareMedian);

            engine.log().flush();
            System.gc();
            Thread.sleep(200);
            Runtime rt = Runtime.getRuntime();
            long used = rt.totalMemory() - rt.freeMemory();
            int records = engine.log().size();
            System.out.printf(Locale.ROOT, "memory: %,d records in the log, heap used %.1f MiB (%.2f KiB per record, all included)%n",
                    records, used / 1048576.0, used / 1024.0 / records);
            System.out.printf(Locale.ROOT, "log file: %,d bytes (%.0f bytes per record)%n",
                    Files.size(logFile), (double) Files.size(logFile) / records);
            if (Boolean.getBoolean("bench.histogram")) { // what the heap holds per record, class by class
                HeapHistogram.print(25);
            }
            bare.close().get(10, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        } finally {
            engine.close();
            Files.deleteIfExists(logFile);
        }
    }

    /**
     * The bare client's bound on pushes in flight: by default a Semaphore, as Pushy's documentation shows; with
     * -Dbench.bareGate=true the engine's own InFlightGate (wakes the sender once per batch of answers), to see how
     * much of the engine's lead or lag is that gate.
     */
    private static final boolean BARE_GATE = Boolean.getBoolean("bench.bareGate");

    private static double bare(ApnsClient client, String token, String payload, int n, int inFlight) throws Exception {
        dev.pushflow.delivery.InFlightGate gate = new dev.pushflow.delivery.InFlightGate(inFlight);
        Semaphore semaphore = new Semaphore(inFlight);
        Runnable release = BARE_GATE ? gate::release : semaphore::release;
        List<CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>>> all = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (BARE_GATE) {
                gate.acquire();
            } else {
                semaphore.acquire();
            }
            CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> f =
                    client.sendNotification(new SimpleApnsPushNotification(token, SampleMaterial.BUNDLE_ID, payload,
                            null, com.eatthepath.pushy.apns.DeliveryPriority.IMMEDIATE,
                            com.eatthepath.pushy.apns.PushType.ALERT, null, dev.pushflow.apns.FastIds.uuid()));
            f.whenComplete((r, t) -> release.run());
            all.add(f);
        }
        int accepted = 0;
        for (CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> f : all) {
            if (f.get(60, TimeUnit.SECONDS).isAccepted()) {
                accepted++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (accepted != n) {
            throw new IllegalStateException("bare client: only " + accepted + " of " + n + " accepted");
        }
        return n / seconds;
    }

    private static double engine(PushFlowEngine engine, int n) throws Exception {
        List<CompletableFuture<List<DeliveryRecord>>> all = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            SendReport report = engine.send(ImMessage.text("bob", "alice", "benchmark"));
            all.add(report.records());
        }
        int accepted = 0;
        for (CompletableFuture<List<DeliveryRecord>> f : all) {
            for (DeliveryRecord r : f.get(60, TimeUnit.SECONDS)) {
                if (r.status() == dev.pushflow.delivery.DeliveryStatus.ACCEPTED) {
                    accepted++;
                }
            }
        }
        // The round ends when its records are on disk too: the log's writer may still be writing the last outcome
        // lines when the last future completes, and that work belongs to this round, not to the next bare round.
        engine.log().flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (accepted != n) {
            throw new IllegalStateException("engine: only " + accepted + " of " + n + " accepted");
        }
        return n / seconds;
    }

    private static final String PROCESS = "(process)";
    private static final String SWITCHES = "(switches)";
    private static final String ALLOCATED = "(allocated)";
    /** A thread's CPU time in the kernel (system calls: socket and file writes, wake-ups), part of its CPU time. */
    private static final String KERNEL = "(kernel)";
    /** The JIT's compiler threads and the collector's threads (not Java threads: read from /proc). */
    private static final String JIT = "(jit)";
    private static final String GC = "(gc)";

    /** CPU time of every live thread, by name. */
    private static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    out.merge(info.getThreadName() + "#" + info.getThreadId(), t, Long::sum);
                    long user = mx.getThreadUserTime(info.getThreadId());
                    if (user >= 0 && t - user > 0) {
                        out.merge(KERNEL + info.getThreadName(), t - user, Long::sum);
                    }
                }
                if (mx instanceof com.sun.management.ThreadMXBean sun) {
                    long a = sun.getThreadAllocatedBytes(info.getThreadId());
                    if (a > 0) {
                        out.merge(ALLOCATED + info.getThreadName(), a, Long::sum);
                    }
                }
            }
        }
        // The whole process, GC and JIT threads included (they are not Java threads).
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            out.put(PROCESS, os.getProcessCpuTime());
        }
        long jit = NativeThreads.jitCpuNanos();
        long gc = NativeThreads.gcCpuNanos();
        if (jit >= 0 && gc >= 0) {
            out.put(JIT, jit);
            out.put(GC, gc);
        }
        // Context switches of every native thread (Linux only), by its name: a hand-off between threads that
        // wakes a sleeping one costs a switch, and a round whose pipeline runs in small batches shows many.
        NativeThreads.forEachTask((comm, task) -> {
            for (String l : Files.readAllLines(task.resolve("status"))) {
                if (l.startsWith("voluntary_ctxt_switches:") || l.startsWith("nonvoluntary_ctxt_switches:")) {
                    out.merge(SWITCHES + comm, Long.parseLong(l.substring(l.indexOf(':') + 1).trim()), Long::sum);
                }
            }
        });
        return out;
    }

    /** CPU microseconds per push spent by each thread between two readings (-Dbench.cpu=true). */
    private static void printCpu(String what, java.util.Map<String, Long> before, java.util.Map<String, Long> after, int n) {
        StringBuilder sb = new StringBuilder();
        StringBuilder sw = new StringBuilder();
        long switches = 0;
        StringBuilder al = new StringBuilder();
        long allocated = 0;
        StringBuilder ke = new StringBuilder();
        long kernel = 0;
        long total = 0;
        long process = after.getOrDefault(PROCESS, 0L) - before.getOrDefault(PROCESS, 0L);
        for (var e : new java.util.TreeMap<>(after).entrySet()) {
            if (e.getKey().equals(PROCESS) || e.getKey().equals(JIT) || e.getKey().equals(GC)) {
                continue;
            }
            if (e.getKey().startsWith(ALLOCATED)) {
                long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                allocated += d;
                if (d / n >= 50) {
                    al.append(String.format(Locale.ROOT, "  %s %d", e.getKey().substring(ALLOCATED.length()), d / n));
                }
                continue;
            }
            if (e.getKey().startsWith(KERNEL)) {
                long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                kernel += d;
                if (d / 1000.0 / n >= 0.3) {
                    ke.append(String.format(Locale.ROOT, "  %s %.1f", e.getKey().substring(KERNEL.length()), d / 1000.0 / n));
                }
                continue;
            }
            if (e.getKey().startsWith(SWITCHES)) {
                long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                switches += d;
                if ((double) d / n >= 0.05) {
                    sw.append(String.format(Locale.ROOT, "  %s %.2f", e.getKey().substring(SWITCHES.length()), (double) d / n));
                }
                continue;
            }
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            total += d;
            if (d / 1000.0 / n >= 0.3) {
                sb.append(String.format(Locale.ROOT, "  %s %.1f", e.getKey(), d / 1000.0 / n));
            }
        }
        System.out.printf(Locale.ROOT, "  cpu %s: %.1f us/push in the process (%.1f in Java threads);%s%n", what,
                process / 1000.0 / n, total / 1000.0 / n, sb);
        if (after.containsKey(JIT) && before.containsKey(JIT)) {
            System.out.printf(Locale.ROOT, "  not in Java threads %s: JIT %.1f us/push, collector %.1f us/push%n", what,
                    (after.get(JIT) - before.get(JIT)) / 1000.0 / n, (after.get(GC) - before.get(GC)) / 1000.0 / n);
        }
        System.out.printf(Locale.ROOT, "  of which in the kernel %s: %.1f us/push in Java threads;%s%n", what,
                kernel / 1000.0 / n, ke);
        System.out.printf(Locale.ROOT, "  allocated %s: %d bytes per push;%s%n", what, allocated / n, al);
        if (switches > 0) {
            System.out.printf(Locale.ROOT, "  switches %s: %.2f per push;%s%n", what, (double) switches / n, sw);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
