package dev.pushflow.scenario;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.NoPushReason;
import dev.pushflow.engine.PushFlowEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example under scenarios/ passes on real embedded gateways: they are the seed's rules, executable. */
class ExampleScenariosTest {
    private static final Path FOLDER = Path.of("scenarios");
    private static PushFlowEngine engine;
    private static ScenarioRunner runner;

    @BeforeAll
    static void start() {
        // One engine for the whole folder: prepare() resets the world between scenarios.
        engine = Engines.startEmbedded(DeliveryLog.inMemory());
        runner = new ScenarioRunner(engine, name -> null, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void examplePasses(Path file) throws ScenarioException {
        ScenarioResult result = runner.run(ScenarioLoader.load(file));
        assertTrue(result.passed(), () -> String.join("\n", TextReport.lines(result)));
        assertEquals(result.scenario().steps().size(), result.steps().size());
    }

    @Test
    void everyNoPushReasonOfTheSeedHasAnExample() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (Path f : examples().toList()) {
            for (Step s : ScenarioLoader.load(f).steps()) {
                if (s instanceof Step.ExpectNoPush n && n.because() != null) {
                    covered.add(n.because());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (NoPushReason r : NoPushReason.values()) {
            // Reached only by recipients without any device or a device nobody logged in on: no seed rule.
            if (r != NoPushReason.NO_DEVICE && !covered.contains(r.code())) {
                missing.add(r.code());
            }
        }
        assertTrue(missing.isEmpty(), "no example expects these no-push reasons: " + missing);
    }

    @Test
    void everyDeliveryStateAfterThe200HasAnExample() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (Path f : examples().toList()) {
            for (Step s : ScenarioLoader.load(f).steps()) {
                if (s instanceof Step.ExpectDelivery d) {
                    covered.add(d.state().code());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (dev.pushflow.afterapns.DeliveryState st : dev.pushflow.afterapns.DeliveryState.values()) {
            if (!covered.contains(st.code())) {
                missing.add(st.code());
            }
        }
        assertTrue(missing.isEmpty(), "no example expects these delivery states: " + missing);
    }

    @Test
    void everyAppleRejectionTheSeedMentionsHasAnExample() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (Path f : examples().toList()) {
            for (Step s : ScenarioLoader.load(f).steps()) {
                if (s instanceof Step.ExpectPush p && p.reason() != null) {
                    covered.add(p.reason());
                }
            }
        }
        assertTrue(covered.containsAll(List.of("BadDeviceToken", "DeviceTokenNotForTopic", "Unregistered",
                "PayloadTooLarge")), "covered: " + covered);
    }
}
