package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryLogTest {

    private static DeliveryRecord rejected(String reason) {
        return new DeliveryRecord(0, Instant.parse("2026-11-26T10:00:00Z"), "m1", "phone1", "Phone", "alice", 31288,
                ApnsEnvironment.PRODUCTION, "127.0.0.1:1", "com.example.chat", "alert", 10, "ab".repeat(32),
                "0b1c0b1c-0000-4000-8000-000000000000", null, DeliveryStatus.REJECTED, 400, reason, null,
                Instant.parse("2026-11-26T09:00:00Z"), 1234, "{\"aps\":{\"alert\":\"a, \\\"b\\\"\"}}");
    }

    @Test
    void recordsSurviveARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log/deliveries.jsonl");
        try (DeliveryLog log = DeliveryLog.open(file)) {
            log.append(rejected("BadDeviceToken"));
            log.append(DeliveryRecord.decision(Instant.now(), "m2", "phone1", "Phone", "alice", 31287,
                    DeliveryStatus.NO_PUSH, "logged-out", "user logged out"));
        }
        try (DeliveryLog again = DeliveryLog.open(file)) {
            List<DeliveryRecord> records = again.snapshot();
            assertEquals(2, records.size());
            assertEquals(rejected("BadDeviceToken").withSeq(1), records.get(0));
            assertEquals("logged-out", records.get(1).reason());
            assertEquals(3, again.append(rejected("Unregistered")).seq(), "numbering goes on after a restart");
        }
    }

    @Test
    void aTornLastLineCostsOnlyThatLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("deliveries.jsonl");
        try (DeliveryLog log = DeliveryLog.open(file)) {
            log.append(rejected("BadDeviceToken"));
        }
        Files.writeString(file, "{\"seq\":2,\"time\":\"2026-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (DeliveryLog again = DeliveryLog.open(file)) {
            assertEquals(1, again.size());
            assertEquals(1, again.skippedLines());
        }
    }

    @Test
    void csvExportQuotesCommasAndQuotes(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("log.csv");
        DeliveryLog.export(List.of(rejected("BadDeviceToken").withSeq(7)), csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("7,2026-11-26T10:00:00Z,m1,"));
        assertTrue(lines.get(1).contains("\"{\"\"aps\"\":{\"\"alert\"\":\"\"a, \\\"\"b\\\"\"\"\"}}\""));
    }

    @Test
    void listenersSeeEveryAppendEvenWhenOneThrows() {
        DeliveryLog log = DeliveryLog.inMemory();
        int[] seen = {0};
        log.addListener(r -> {
            throw new IllegalStateException("broken view");
        });
        log.addListener(r -> seen[0]++);
        log.append(rejected("x"));
        log.append(rejected("y"));
        assertEquals(2, seen[0]);
        assertEquals(2, log.size());
    }
}
