package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The delivery log's file broken on disk: torn tails, invalid lines, folders, full disks. Nothing is lost. */
@Timeout(60)
class DeliveryLogFileTest {

    private static DeliveryRecord record(String reason) {
        return new DeliveryRecord(0, Instant.parse("2026-11-26T10:00:00Z"), "m1", "phone1", "Phone", "alice", 31288,
                ApnsEnvironment.PRODUCTION, "127.0.0.1:1", "com.example.chat", "alert", 10, "ab".repeat(32),
                "0b1c0b1c-0000-4000-8000-000000000000", null, DeliveryStatus.REJECTED, 400, reason, null, null, 12,
                "{\"aps\":{}}");
    }

    private static List<Path> asideFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("delivery-log.unreadable-")).toList();
        }
    }

    @Test
    void aTornTailIsSetAsideAndTheNextAppendStartsOnAFreshLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        try (DeliveryLog log = DeliveryLog.open(file)) {
            log.append(record("one"));
        }
        byte[] torn = "{\"seq\":2,\"time\":\"2026-".getBytes(StandardCharsets.UTF_8);
        Files.write(file, torn, StandardOpenOption.APPEND);
        byte[] original = Files.readAllBytes(file);
        try (DeliveryLog log = DeliveryLog.open(file)) {
            assertEquals(1, log.skippedLines());
            assertTrue(log.openProblem().contains("1 line(s)"), log.openProblem());
            log.append(record("two"));
        }
        try (DeliveryLog again = DeliveryLog.open(file)) {
            assertEquals(0, again.skippedLines(), "the record after the torn line is not glued onto it");
            assertEquals(List.of("one", "two"), again.snapshot().stream().map(DeliveryRecord::reason).toList());
        }
        List<Path> aside = asideFiles(dir);
        assertEquals(1, aside.size());
        assertArrayEquals(original, Files.readAllBytes(aside.get(0)), "the original file is kept byte for byte");
    }

    @Test
    void invalidBytesNullLinesAndNonRecordsAreSkippedCountedAndKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        try (DeliveryLog log = DeliveryLog.open(file)) {
            log.append(record("one"));
            log.append(record("two"));
        }
        List<String> lines = Files.readAllLines(file);
        byte[] bad = ("\uFEFF" + lines.get(0) + "\nnull\n[1]\n{}\n\"text\"\n").getBytes(StandardCharsets.UTF_8);
        byte[] invalidByte = lines.get(1).replace("two", "t\u0000o").getBytes(StandardCharsets.UTF_8);
        invalidByte[invalidByte.length - 5] = (byte) 0xC3; // a lone lead byte: not UTF-8
        byte[] all = new byte[bad.length + invalidByte.length + 1];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(invalidByte, 0, all, bad.length, invalidByte.length);
        all[all.length - 1] = '\n';
        Files.write(file, all);
        try (DeliveryLog log = DeliveryLog.open(file)) {
            assertEquals(5, log.skippedLines(), "null, [1], {}, a string and the line with the invalid byte");
            assertEquals(List.of("one"), log.snapshot().stream().map(DeliveryRecord::reason).toList(),
                    "a leading byte-order mark does not cost the first record");
            assertNotNull(log.setAside());
            assertArrayEquals(all, Files.readAllBytes(log.setAside()));
            assertTrue(log.openProblem().contains("5 line(s)") && log.openProblem().contains(log.setAside().toString()));
            assertEquals(2, log.append(record("three")).seq(), "numbering goes on after the last good record");
        }
    }

    @Test
    void aLineWithAStatusThisVersionDoesNotKnowStillReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        Files.writeString(file, "{\"seq\":1,\"time\":\"2026-11-26T10:00:00Z\",\"status\":\"SOME_NEW_STATUS\","
                + "\"reason\":\"r\"}\n");
        try (DeliveryLog log = DeliveryLog.open(file)) {
            assertEquals(0, log.skippedLines());
            assertEquals(1, log.size());
            assertNull(log.snapshot().get(0).status());
        }
    }

    @Test
    void aFolderWhereTheLogBelongsIsNamedWithTheFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        Files.createDirectory(file);
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> DeliveryLog.open(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void aConfigFolderThatIsAFileIsNamedWithTheFix(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("pushflow");
        Files.writeString(folder, "not a folder");
        ConfigFileException e = assertThrows(ConfigFileException.class,
                () -> DeliveryLog.open(folder.resolve("delivery-log.jsonl")));
        assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("move"), e.getMessage());
    }

    @Test
    void aDeviceWhereTheLogBelongsIsRefused(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("delivery-log.jsonl");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> DeliveryLog.open(link));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void anUnreadableLogSaysPermissionDenied(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(file), "root reads any file: the CLI process tests cover this as another user");
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> DeliveryLog.open(file));
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }

    @Test
    void aNewLogAndItsFolderAreOwnerOnly(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("config");
        Path file = folder.resolve("delivery-log.jsonl");
        try (DeliveryLog log = DeliveryLog.open(file)) {
            log.append(record("one"));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DeliveryLog.open(file).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "a log left 0644 by an older version is narrowed");
    }

    @Test
    void aFullDiskIsReportedAtOnceAndTheRecordsAreKeptAndWrittenLater(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full gives a real ENOSPC");
        Path file = dir.resolve("delivery-log.jsonl");
        List<DeliveryRecord> shown = new CopyOnWriteArrayList<>();
        try (DeliveryLog log = DeliveryLog.open(file)) {
            log.addListener(shown::add);
            log.append(record("before"));
            await().atMost(Duration.ofSeconds(20)).until(() -> shown.size() == 1);
            log.writeTarget = Path.of("/dev/full");
            log.append(record("during-1"));
            log.append(record("during-2"));
            await().atMost(Duration.ofSeconds(20)).until(() -> log.writeProblem() != null);
            assertTrue(log.writeProblem().contains("disk is full") && log.writeProblem().contains(file.toString()),
                    log.writeProblem());
            assertThrows(IOException.class, log::flush, "flush says the records are not on disk");
            assertEquals(1, shown.size(), "a record that is not on disk is not shown");
            assertEquals(3, log.size(), "nothing is dropped");
            log.writeTarget = file; // space was freed
            await().atMost(Duration.ofSeconds(20)).until(() -> shown.size() == 3);
            assertNull(log.writeProblem());
        }
        try (DeliveryLog again = DeliveryLog.open(file)) {
            assertEquals(0, again.skippedLines());
            assertEquals(List.of("before", "during-1", "during-2"),
                    again.snapshot().stream().map(DeliveryRecord::reason).toList());
        }
    }

    @Test
    void aFailedBatchIsCutBackSoNoHalfLineStays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        List<DeliveryRecord> shown = new CopyOnWriteArrayList<>();
        try (DeliveryLog log = DeliveryLog.open(file)) {
            log.addListener(shown::add);
            for (int i = 0; i < 2_000; i++) {
                log.append(record("r" + i));
            }
            log.flush();
            assertEquals(2_000, shown.size());
            List<DeliveryRecord> written = log.writtenSnapshot();
            assertEquals(2_000, written.size(), "everything flushed is in the written snapshot");
        }
        try (DeliveryLog again = DeliveryLog.open(file)) {
            assertEquals(2_000, again.size());
            assertEquals(0, again.skippedLines());
        }
    }

    /**
     * A flood: far more than one batch is pending all the time. With direct I/O or without, every record reaches
     * the file and reads back in order (without direct I/O an earlier writer kept a full batch waiting for a whole
     * block it never wrote, so flush timed out).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aFloodReachesTheFileWithAndWithoutDirectIo(boolean direct, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        int n = 20_000; // about 7 MB: many 256 KB batches
        try (DeliveryLog log = DeliveryLog.open(file)) {
            log.directIo = direct;
            for (int i = 0; i < n; i++) {
                log.append(record("r" + i));
            }
            log.flush();
            assertEquals(n, log.writtenSnapshot().size(), "everything flushed is written");
        }
        try (DeliveryLog again = DeliveryLog.open(file)) {
            assertEquals(0, again.skippedLines());
            assertEquals(n, again.size());
            for (int i = 0; i < n; i += 997) {
                assertEquals("r" + i, again.snapshot().get(i).reason());
            }
        }
    }
}
