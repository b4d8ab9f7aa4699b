package dev.pushflow.cli;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryPolicy;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.load.LoadOptions;
import dev.pushflow.load.LoadRun;
import dev.pushflow.load.LoadSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pushflow load}: a load run on fresh embedded gateways. Progress with rate and ETA on stderr, the summary
 * on stdout (one JSON line with --json), thresholds for CI (exit 1), Ctrl-C stops sending and still ends every push
 * already sent.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Sends MESSAGES messages between USERS simulated users whose apps are in the background, through "
                + "the engine's delivery policy, on fresh embedded gateways; prints progress (rate, ETA) on stderr and "
                + "a summary: messages, pushes, attempts, accepted, rejected by reason, failed, retried, lost, "
                + "duplicated, latency p50/p99/max, pushes per second.",
                "Exit 1 when a threshold (--max-lost, --min-rate) fails, 2 on bad options. Ctrl-C stops sending; "
                        + "pushes already sent still end and are counted."})
final class LoadCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", defaultValue = "100", description = "simulated users (2 to 100000; default 100)")
    int users;

    @Option(names = "--messages", paramLabel = "M", defaultValue = "1000", description = "messages to send (default 1000)")
    int messages;

    @Option(names = "--group-share", paramLabel = "F", defaultValue = "0",
            description = "share of group messages, 0 to 1 (groups of 5; one push per member but the sender)")
    double groupShare;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "messages per second at most (default: as fast as the in-flight bound allows)")
    double rate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "who writes to whom (default 1)")
    long seed;

    @Option(names = "--retry", paramLabel = "default|off|SPEC", defaultValue = "default",
            description = "the delivery policy: default, off, or e.g. attempts=5,backoff=200ms,max-backoff=5s,"
                    + "429-delay=1s,jitter=0.5,timeout=10s")
    String retry;

    @Option(names = "--log", paramLabel = "FILE",
            description = "append every record to this delivery log (JSON lines; default: memory only)")
    Path log;

    @Option(names = "--json", description = "print the summary as one JSON line only")
    boolean json;

    @Option(names = "--junit", paramLabel = "FILE", description = "write the thresholds' results as JUnit XML")
    Path junit;

    @Option(names = "--max-lost", paramLabel = "N", description = "fail (exit 1) when more pushes than this are lost")
    Long maxLost;

    @Option(names = "--min-rate", paramLabel = "R", description = "fail (exit 1) below this many pushes per second")
    Double minRate;

    @Option(names = "--faults", paramLabel = "SPEC",
            description = "APNs weather on both embedded gateways, as for 'pushflow gateway --faults' (e.g. "
                    + "429=3%%,500=2%%,503=2%%,goaway=1%%,reset=1%%,stall=1%%,latency=5~3); seeded by --seed")
    String faults;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "" + DeliveryService.DEFAULT_MAX_IN_FLIGHT,
            description = "pushes in flight at most (default ${DEFAULT-VALUE}; to a gateway on this machine at most "
                    + DeliveryService.LOOPBACK_MAX_IN_FLIGHT + ")")
    int maxInFlight;

    /** Fresh embedded gateways, with the weather of --faults when given, and the engine on them. */
    private PushFlowEngine startEngine(DeliveryLog deliveryLog) {
        dev.pushflow.gateway.EmbeddedGateways gateways = dev.pushflow.gateway.EmbeddedGateways.startDefault();
        try {
            if (faults != null) {
                gateways.sandbox().setWeather(faults, seed);
                gateways.production().setWeather(faults, seed + 1);
            }
            return Engines.on(gateways, deliveryLog, maxInFlight);
        } catch (RuntimeException e) {
            gateways.close();
            throw e;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadOptions options;
        DeliveryPolicy policy;
        try {
            options = new LoadOptions(users, messages, groupShare, rate, seed);
            policy = DeliveryPolicy.parse(retry);
        } catch (IllegalArgumentException e) {
            throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, (e.getMessage().startsWith("--") ? "" : "--retry: ")
                    + e.getMessage());
        }
        if (faults != null) {
            try {
                dev.pushflow.gateway.Weather.parse(faults);
            } catch (IllegalArgumentException e) {
                throw bad("--faults: " + e.getMessage());
            }
        }
        if (maxInFlight < 1 || maxInFlight > 100_000) {
            throw bad("--max-in-flight must be 1 to 100000, not " + maxInFlight);
        }
        if (maxLost != null && maxLost < 0) {
            throw bad("--max-lost must be 0 or more, not " + maxLost);
        }
        if (minRate != null && !(minRate >= 0)) {
            throw bad("--min-rate must be 0 or more pushes per second, not " + minRate);
        }
        DeliveryLog deliveryLog;
        if (log != null) {
            if (Files.isDirectory(log)) {
                throw bad("--log " + log + " is a folder: give a file such as load.jsonl");
            }
            try {
                deliveryLog = DeliveryLog.open(log);
            } catch (IOException e) {
                throw bad("--log " + log + ": cannot open it (" + e.getMessage() + "); check the folder exists and is writable");
            }
        } else {
            deliveryLog = DeliveryLog.inMemory();
        }
        LoadSummary summary;
        CountDownLatch finished = new CountDownLatch(1);
        LoadRun[] running = new LoadRun[1];
        Thread hook = new Thread(() -> {
            LoadRun r = running[0];
            if (r != null) {
                r.cancel();
                try {
                    finished.await(2L * policy.maxAttempts() * policy.pushTimeout().toSeconds() + 30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // the JVM is going down anyway
                }
            }
        }, "pushflow-load-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PushFlowEngine engine = startEngine(deliveryLog)) {
            engine.setDeliveryPolicy(policy);
            LoadRun run = new LoadRun(engine, options);
            running[0] = run;
            err.printf(Locale.ROOT, "load: %,d users, %,d messages, retry %s%n", users, messages, policy.describe());
            err.flush();
            run.prepare();
            Duration waitForEnd = policy.pushTimeout().plus(policy.maxBackoff()).multipliedBy(policy.maxAttempts())
                    .plusSeconds(30);
            summary = run.run(p -> {
                err.println("load: " + p.describe());
                err.flush();
            }, 1000, waitForEnd);
            engine.log().flush();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us
            }
        }
        List<String[]> failures = new ArrayList<>();
        List<String[]> checks = new ArrayList<>();
        if (maxLost != null) {
            String[] c = {"lost <= " + maxLost, summary.lost() <= maxLost ? null : summary.lost() + " pushes lost"};
            checks.add(c);
        }
        if (minRate != null) {
            String[] c = {"pushes per second >= " + minRate, summary.pushesPerSecond() >= minRate ? null
                    : String.format(Locale.ROOT, "%.0f pushes/s", summary.pushesPerSecond())};
            checks.add(c);
        }
        for (String[] c : checks) {
            if (c[1] != null) {
                failures.add(c);
            }
        }
        if (json) {
            out.println(summary.toJsonLine());
        } else {
            out.printf(Locale.ROOT, "%,d messages, %,d pushes, %,d attempts: %,d accepted, %,d rejected %s, %,d failed;"
                            + " %,d retried, %,d lost, %,d duplicated%n", summary.messages(), summary.pushes(),
                    summary.attempts(), summary.accepted(), summary.rejectedTotal(), summary.rejected(), summary.failed(),
                    summary.retried(), summary.lost(), summary.duplicated());
            out.printf(Locale.ROOT, "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,.0f pushes/s over %.1f s%s%n",
                    summary.latencyP50Ms(), summary.latencyP99Ms(), summary.latencyMaxMs(), summary.pushesPerSecond(),
                    summary.seconds(), summary.cancelled() ? " (cancelled)" : "");
            out.println(summary.toJsonLine());
        }
        for (String[] f : failures) {
            err.println("load: threshold failed: " + f[0] + " (got " + f[1] + ")");
        }
        if (junit != null) {
            writeJUnit(junit, checks, summary);
        }
        out.flush();
        return failures.isEmpty() ? PushFlowCli.OK : PushFlowCli.EXPECTATION_FAILED;
    }

    private static PushFlowCli.CliException bad(String message) {
        return new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, message);
    }

    private static void writeJUnit(Path target, List<String[]> checks, LoadSummary s) throws IOException {
        long failures = checks.stream().filter(c -> c[1] != null).count();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT, "<testsuite name=\"pushflow load\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">%n",
                checks.size(), failures, s.seconds()));
        x.append("  <properties><property name=\"summary\" value=\"").append(esc(s.toJsonLine())).append("\"/></properties>\n");
        for (String[] c : checks) {
            x.append("  <testcase classname=\"load\" name=\"").append(esc(c[0])).append("\"");
            if (c[1] == null) {
                x.append("/>\n");
            } else {
                x.append("><failure message=\"").append(esc(c[1])).append("\"/></testcase>\n");
            }
        }
        x.append("</testsuite>\n");
        Files.writeString(target, x, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
