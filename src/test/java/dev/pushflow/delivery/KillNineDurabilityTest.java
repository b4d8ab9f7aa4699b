package dev.pushflow.delivery;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 in a flood: a real child JVM sends pushes as fast as it can into a file-backed log and prints each record
 * its listener was told of; it is killed with SIGKILL mid-flood. After a restart, every record it reported as shown
 * is in the file, and the file reads back without a lost line but (at most) the torn tail.
 */
@Timeout(900)
class KillNineDurabilityTest {

    /** Two runs in the suite; {@code -Dkill9.runs=10} for the full campaign. */
    @TestFactory
    Stream<DynamicTest> noShownRecordIsMissingAfterKillNine() {
        return IntStream.rangeClosed(1, Integer.getInteger("kill9.runs", 2))
                .mapToObj(i -> DynamicTest.dynamicTest("kill -9 run " + i, () -> {
                    Path dir = Files.createTempDirectory("pushflow-kill9-");
                    try {
                        run(dir.resolve("delivery-log.jsonl"));
                    } finally {
                        try (Stream<Path> all = Files.walk(dir)) {
                            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                        }
                    }
                }));
    }

    private static void run(Path file) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"),
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "-Dio.netty.leakDetection.level=disabled",
                "-cp", System.getProperty("java.class.path"), FloodChild.class.getName(), file.toString()));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Long> shown = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("shown ")) {
                    shown.add(Long.parseLong(line.substring(6)));
                }
                if (!killed && shown.size() >= 2_000) {
                    // SIGKILL: no shutdown hook, no flush, no close (Process.destroyForcibly is kill -9 on Linux)
                    new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
                    killed = true;
                }
            }
            assertTrue(killed, "the child flooded at least 2000 records before it ended");
        } finally {
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        try (DeliveryLog again = DeliveryLog.open(file)) {
            Set<Long> onDisk = new HashSet<>();
            again.snapshot().forEach(r -> onDisk.add(r.seq()));
            Set<Long> missing = new HashSet<>(shown);
            missing.removeAll(onDisk);
            assertEquals(Set.of(), missing, shown.size() + " shown, " + onDisk.size() + " on disk; shown but missing");
            assertTrue(again.skippedLines() <= 1, "at most the torn last line: " + again.skippedLines());
        }
    }
}
