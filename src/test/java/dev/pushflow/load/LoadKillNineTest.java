package dev.pushflow.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.UnansweredPushes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 in the middle of a load run, counted against what APNs accepted: a real {@code pushflow gateway} process
 * writes every push it accepts to its {@code --accepted-log} before the 200; a real sender process
 * ({@link ExternalGatewayLoadChild}: the engine, a load run, a file-backed delivery log) floods it and is killed with
 * SIGKILL once a given number of lines is on disk. Then the log reads back (at most its torn last line lost), every
 * apns-id the gateway accepted has a record (its outcome, or its SENDING line read back as unknown), no push has two
 * final records, and every record a listener was told of (what the window showed) is in the file.
 */
@Timeout(600)
class LoadKillNineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static Process gateway;
    private static JsonNode info;
    private static Path dir;
    private static Path acceptedLog;
    private static URI acceptedEndpoint;

    @BeforeAll
    static void startGateway() throws Exception {
        dir = Files.createTempDirectory("pushflow-load-kill9-");
        acceptedLog = dir.resolve("accepted.jsonl");
        gateway = new ProcessBuilder(java("-Xmx256m", "dev.pushflow.Main", "gateway", "--accepted-log",
                acceptedLog.toString(), "--exit-after", "900"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine(); // its JSON line once it serves (bounded by @Timeout)
        assertTrue(first != null && first.startsWith("{"), "the gateway printed its JSON line: " + first);
        info = JSON.readTree(first);
        assertEquals(acceptedLog.toAbsolutePath().toString(), info.path("acceptedLog").asText());
        acceptedEndpoint = URI.create(info.get("tokensEndpoint").asText().replace("/tokens", "/accepted"));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
                gateway.waitFor(20, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> java(String heap, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"),
                heap, "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                "-Dio.netty.leakDetection.level=disabled", "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Three kill points in the suite; {@code -Dkill9.runs=10} (scripts/kill9-campaign) for the ten. */
    @TestFactory
    Stream<DynamicTest> everyAcceptedPushHasARecordAfterKillNine() {
        return IntStream.rangeClosed(1, Integer.getInteger("kill9.runs", 3))
                .mapToObj(i -> DynamicTest.dynamicTest("kill -9 load run " + i, () -> run(i)));
    }

    private static void run(int i) throws Exception {
        // Kill points spread over the run: a few hundred answers in (connections young, many pushes in flight) to a
        // few thousand. Answers, not lines: the first 2000 SENDING lines (the in-flight bound) come before any answer.
        int killAt = 200 + (i * 733) % 3_000;
        Path log = dir.resolve("delivery-log-" + i + ".jsonl");
        long acceptedFrom = Files.size(acceptedLog); // the earlier runs' senders are gone and their connections closed
        Process child = new ProcessBuilder(java("-Xmx384m", ExternalGatewayLoadChild.class.getName(), log.toString(),
                info.toString(), "20", Integer.toString(i)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Long> shown = ConcurrentHashMap.newKeySet();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("shown ")) {
                        shown.add(Long.parseLong(line.substring(6)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the pipe ends with the child
            }
        }, "kill9-child-out");
        reader.start();
        try {
            LineCounter lines = new LineCounter(log);
            await("the sender's log reaches " + killAt + " answers").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        assertTrue(child.isAlive(), "the sender ended by itself (exit " + (child.isAlive() ? "" :
                                child.exitValue()) + ") before " + killAt + " answers");
                        return lines.count() >= killAt;
                    });
            // SIGKILL: no shutdown hook, no flush, no close (Process.destroyForcibly is kill -9 on Linux)
            new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the sender died");
        } finally {
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
            reader.join(20_000);
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        // What was already in the gateway's socket may still be accepted after the kill: count once it has seen the
        // connections close.
        await("the gateway sees the sender's connections closed").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50)).until(() -> accepted().path("openConnections").asInt(-1) == 0);

        Set<String> acceptedIds = new HashSet<>();
        for (String line : tail(acceptedLog, acceptedFrom).split("\n")) {
            if (!line.isBlank()) {
                acceptedIds.add(JSON.readTree(line).get("apnsId").asText());
            }
        }
        List<DeliveryRecord> onDisk;
        int skipped;
        try (DeliveryLog again = DeliveryLog.open(log)) { // the real reader: throws if the log does not read back
            onDisk = again.snapshot();
            skipped = again.skippedLines();
        }
        List<DeliveryRecord> read = UnansweredPushes.interpret(onDisk, Long.MAX_VALUE);
        Set<String> recorded = new HashSet<>();
        Map<String, Integer> finals = new HashMap<>();
        int unknown = 0;
        for (DeliveryRecord r : read) {
            recorded.add(r.apnsId());
            if (r.finalAttempt()) {
                finals.merge(r.apnsId(), 1, Integer::sum);
            }
            if (UnansweredPushes.isUnknown(r)) {
                unknown++;
            }
        }
        Set<String> withoutRecord = new HashSet<>(acceptedIds);
        withoutRecord.removeAll(recorded);
        Set<Long> seqs = new HashSet<>();
        onDisk.forEach(r -> seqs.add(r.seq()));
        Set<Long> shownMissing = new HashSet<>(shown);
        shownMissing.removeAll(seqs);
        List<String> twiceFinal = finals.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        // One line per run for scripts/kill9-campaign to add up.
        System.out.println("KILL9 run=" + i + " killAt=" + killAt + " lines=" + onDisk.size() + " torn=" + skipped
                + " shown=" + shown.size() + " shownMissing=" + shownMissing.size() + " accepted=" + acceptedIds.size()
                + " acceptedWithoutRecord=" + withoutRecord.size() + " unknown=" + unknown
                + " twiceFinal=" + twiceFinal.size());

        assertTrue(skipped <= 1, "at most the torn last line: " + skipped);
        assertTrue(acceptedIds.size() > 0, "the gateway accepted pushes of this run");
        assertEquals(Set.of(), shownMissing, shown.size() + " shown; shown but missing from the file");
        assertEquals(Set.of(), withoutRecord.stream().limit(10).collect(java.util.stream.Collectors.toSet()),
                withoutRecord.size() + " of " + acceptedIds.size() + " accepted pushes have no record (first 10 shown)");
        assertEquals(List.of(), twiceFinal, "pushes with two final records");
    }

    private static JsonNode accepted() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(acceptedEndpoint).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String tail(Path file, long from) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /**
     * Counts the complete lines of a growing delivery log that are not SENDING lines (answers), reading only what was
     * added since the last count.
     */
    private static final class LineCounter {
        private final Path file;
        private static final byte[] SENDING = ",\"status\":\"SENDING\"".getBytes(StandardCharsets.US_ASCII);
        private long offset;
        private long lines;
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        LineCounter(Path file) {
            this.file = file;
        }

        long count() throws IOException {
            if (!Files.exists(file)) {
                return 0;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long len = f.length();
                if (len > offset) {
                    byte[] b = new byte[(int) Math.min(len - offset, 1 << 20)];
                    f.seek(offset);
                    f.readFully(b);
                    offset += b.length;
                    for (byte x : b) {
                        if (x != '\n') {
                            partial.write(x);
                            continue;
                        }
                        if (!contains(partial.toByteArray(), SENDING)) {
                            lines++;
                        }
                        partial.reset();
                    }
                }
            }
            return lines;
        }

        private static boolean contains(byte[] line, byte[] part) {
            outer:
            for (int i = 0; i + part.length <= line.length; i++) {
                for (int k = 0; k < part.length; k++) {
                    if (line[i + k] != part[k]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
