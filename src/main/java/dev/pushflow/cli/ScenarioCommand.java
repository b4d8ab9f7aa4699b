package dev.pushflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.scenario.JUnitXmlReport;
import dev.pushflow.scenario.Scenario;
import dev.pushflow.scenario.ScenarioException;
import dev.pushflow.scenario.ScenarioLoader;
import dev.pushflow.scenario.ScenarioResult;
import dev.pushflow.scenario.ScenarioRunner;
import dev.pushflow.scenario.StepResult;
import dev.pushflow.scenario.TextReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code pushflow scenario run|validate}: scenario files for QA pipelines. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Runs or checks scenario files (see docs/scenarios.md).",
        subcommands = {ScenarioCommand.Run.class, ScenarioCommand.Validate.class, CommandLine.HelpCommand.class})
final class ScenarioCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use run or validate");
    }

    /** A file that loaded, or the message why it did not. */
    private record Loaded(Path file, Scenario scenario, String problem) {
    }

    /** Files and folders (every *.json inside, sorted) in the order given. */
    private static List<Path> expand(List<Path> args) {
        List<Path> files = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, "cannot list " + p + ": " + e.getMessage());
                }
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, "no scenario files in " + args
                    + ": give scenario .json files, or a folder that holds some");
        }
        return files;
    }

    private static List<Loaded> loadAll(List<Path> args) {
        List<Loaded> loaded = new ArrayList<>();
        for (Path f : expand(args)) {
            try {
                loaded.add(new Loaded(f, ScenarioLoader.load(f), null));
            } catch (ScenarioException e) {
                loaded.add(new Loaded(f, null, e.getMessage()));
            }
        }
        return loaded;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Checks scenario files without running them: JSON syntax, keys, types, and that steps name "
                    + "devices, users and groups of the workspace.", "Exit 0 when every file is valid, 2 otherwise."})
    static final class Validate implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files, or folders of them")
        List<Path> files;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int invalid = 0;
            for (Loaded l : loadAll(files)) {
                if (l.problem() == null) {
                    out.println("valid    " + l.file() + " (" + l.scenario().name() + ", " + l.scenario().steps().size()
                            + " steps)");
                } else {
                    invalid++;
                    err.println("INVALID  " + l.problem());
                }
            }
            if (invalid > 0) {
                throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT,
                        invalid + " invalid file" + (invalid == 1 ? "" : "s"));
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs scenario files against embedded sandbox and production gateways: a line per step, "
                    + "pass or fail, with the delivery record behind each push.",
                    "Exit 0 when every expectation holds, 1 when one fails, 2 when a file is invalid."})
    static final class Run implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files, or folders of them")
        List<Path> files;

        @Option(names = "--junit", paramLabel = "OUT.xml", description = "also write JUnit XML (one test case per scenario)")
        Path junit;

        @Option(names = "--json", description = "print a machine-readable JSON summary instead of the step lines")
        boolean json;

        @Option(names = "--send-timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "how long a send step waits for APNs' answers (default: ${DEFAULT-VALUE})")
        int sendTimeoutSeconds;

        @Override
        public Integer call() {
            if (sendTimeoutSeconds < 1 || sendTimeoutSeconds > CliChecks.MAX_SECONDS) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--send-timeout must be 1 to "
                        + CliChecks.MAX_SECONDS + " seconds, not " + sendTimeoutSeconds + ": like --send-timeout 30");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Loaded> loaded = loadAll(files);
            List<JUnitXmlReport.InvalidFile> invalid = new ArrayList<>();
            for (Loaded l : loaded) {
                if (l.problem() != null) {
                    invalid.add(new JUnitXmlReport.InvalidFile(l.file().toString(), l.problem()));
                    err.println("pushflow scenario run: " + l.problem());
                }
            }
            List<ScenarioResult> results = new ArrayList<>();
            // A file that is not valid stops the run before anything is sent, like a compiler would.
            if (invalid.isEmpty()) {
                runAll(loaded, results, invalid, out, err);
            }
            report(results, invalid, out, err);
            if (!invalid.isEmpty()) {
                return PushFlowCli.INVALID_INPUT;
            }
            return results.stream().allMatch(ScenarioResult::passed) ? PushFlowCli.OK : PushFlowCli.EXPECTATION_FAILED;
        }

        private void runAll(List<Loaded> loaded, List<ScenarioResult> results, List<JUnitXmlReport.InvalidFile> invalid,
                            PrintWriter out, PrintWriter err) {
            PushFlowEngine engine;
            try {
                engine = Engines.startEmbedded(DeliveryLog.inMemory());
            } catch (RuntimeException e) {
                throw new PushFlowCli.CliException(PushFlowCli.INTERNAL_ERROR,
                        "cannot start the embedded gateways: " + e.getMessage());
            }
            try (engine) {
                ScenarioRunner runner = new ScenarioRunner(engine, System::getenv,
                        Duration.ofSeconds(sendTimeoutSeconds));
                for (Loaded l : loaded) {
                    if (!json) {
                        out.println(TextReport.header(l.scenario()));
                    }
                    try {
                        ScenarioResult r = runner.run(l.scenario(), step -> {
                            if (!json) {
                                TextReport.stepLines(l.scenario().steps().get(step.index()), step).forEach(out::println);
                                out.flush();
                            }
                        });
                        results.add(r);
                        if (!json) {
                            out.println(TextReport.verdict(r));
                        }
                        if (!r.passed()) {
                            err.println("pushflow scenario run: " + r.failureMessage());
                        }
                    } catch (ScenarioException e) {
                        // The workspace could not be set up (a .p12 password variable not set, say): invalid input.
                        invalid.add(new JUnitXmlReport.InvalidFile(l.file().toString(), e.getMessage()));
                        err.println("pushflow scenario run: " + e.getMessage());
                    }
                }
            }
        }

        private void report(List<ScenarioResult> results, List<JUnitXmlReport.InvalidFile> invalid, PrintWriter out,
                            PrintWriter err) {
            long passed = results.stream().filter(ScenarioResult::passed).count();
            long failed = results.size() - passed;
            if (junit != null) {
                try {
                    JUnitXmlReport.write(junit, results, invalid);
                } catch (IOException e) {
                    throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT,
                            "cannot write " + junit + ": " + e.getMessage());
                }
            }
            if (json) {
                out.println(summary(results, invalid, passed, failed));
            } else {
                out.println(results.size() + invalid.size() + " scenario" + (results.size() + invalid.size() == 1 ? "" : "s")
                        + ": " + passed + " passed, " + failed + " failed" + (invalid.isEmpty() ? "" : ", " + invalid.size()
                        + " invalid") + (junit == null ? "" : " (JUnit XML: " + junit + ")"));
            }
        }

        private static String summary(List<ScenarioResult> results, List<JUnitXmlReport.InvalidFile> invalid,
                                      long passed, long failed) {
            ObjectNode root = DeliveryLog.JSON.createObjectNode();
            root.put("passed", failed == 0 && invalid.isEmpty());
            root.putObject("counts").put("scenarios", results.size() + invalid.size()).put("passed", passed)
                    .put("failed", failed).put("invalid", invalid.size());
            ArrayNode list = root.putArray("scenarios");
            for (ScenarioResult r : results) {
                ObjectNode s = list.addObject().put("name", r.scenario().name()).put("file", r.scenario().source())
                        .put("passed", r.passed()).put("durationMs", r.duration().toMillis());
                if (r.passed()) {
                    s.putNull("failure");
                } else {
                    s.put("failure", r.failureMessage());
                }
                ArrayNode steps = s.putArray("steps");
                for (StepResult st : r.steps()) {
                    ObjectNode o = steps.addObject().put("step", st.number()).put("index", st.index())
                            .put("key", r.scenario().steps().get(st.index()).key())
                            .put("description", st.description()).put("passed", st.passed())
                            .put("message", st.message());
                    ArrayNode records = o.putArray("records");
                    for (DeliveryRecord rec : st.records()) {
                        records.add(DeliveryLog.JSON.valueToTree(rec));
                    }
                }
            }
            ArrayNode bad = root.putArray("invalid");
            invalid.forEach(i -> bad.addObject().put("file", i.source()).put("message", i.message()));
            try {
                return DeliveryLog.JSON.writeValueAsString(root);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
