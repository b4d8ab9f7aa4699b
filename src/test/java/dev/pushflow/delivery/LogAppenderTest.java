package dev.pushflow.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The log's file appends: whole blocks with direct I/O, the rest through the page cache, the file always exact. */
class LogAppenderTest {

    @Test
    void directBlocksAndPartBlocksMakeExactlyTheBytesWrittenAcrossReopens(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.jsonl");
        Files.write(file, "an existing first line that does not end on a block\n".getBytes());
        try (LogAppender probe = LogAppender.open(file, true)) {
            assumeTrue(probe.isDirect(), "this file system takes no direct I/O (the page-cache path is tested below)");
        }
        appendAtRandom(file, true);
    }

    @Test
    void withoutDirectIoEverythingGoesThroughThePageCache(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.jsonl");
        Files.write(file, "first\n".getBytes());
        try (LogAppender a = LogAppender.open(file, false)) {
            assertEquals(0, a.writeBlocks(new byte[10_000], 10_000), "no direct writes when not asked for");
        }
        appendAtRandom(file, false);
    }

    @Test
    void aDirectWriteTheFileRefusesFallsBackToPlainAppendsAndLosesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.jsonl");
        byte[] first = "a first line, 27 bytes ..\n".getBytes();
        Files.write(file, first);
        // A real channel on the same file that refuses every write (opened for reading only): the write throws,
        // as a file system that opens files for direct I/O and then refuses their writes would.
        java.nio.channels.FileChannel refusing = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(first);
        try (LogAppender a = LogAppender.withDirectChannel(file, refusing, 4096)) {
            assertTrue(a.isDirect());
            byte[] data = new byte[10_000];
            java.util.Arrays.fill(data, (byte) 'x');
            data[data.length - 1] = '\n';
            assertEquals(0, a.writeBlocks(data, data.length), "the refused write took none of the bytes");
            assertFalse(a.isDirect(), "and the appender gave direct I/O up");
            assertFalse(refusing.isOpen(), "its direct channel is closed");
            assertEquals(first.length, Files.size(file), "the file still ends where it did");
            a.writeRest(data, 0, data.length); // what the log does next: the same bytes through the page cache
            expected.write(data);
            assertEquals(0, a.writeBlocks(data, data.length), "no more direct writes");
            a.writeRest(data, 0, data.length);
            expected.write(data);
            assertEquals(expected.size(), a.length());
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file), "every byte, once, in order");
    }

    /** Chunks of random sizes, part-blocks held back and written later, the appender reopened now and then. */
    private static void appendAtRandom(Path file, boolean direct) throws Exception {
        Random random = new Random(42);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(Files.readAllBytes(file));
        byte[] held = new byte[0];
        for (int session = 0; session < 6; session++) {
            try (LogAppender a = LogAppender.open(file, direct)) {
                assertEquals(expected.size(), a.length(), "a reopened appender starts at the end of the file");
                for (int i = 0; i < 40; i++) {
                    byte[] chunk = new byte[random.nextInt(i % 7 == 0 ? 40_000 : 3_000) + 1];
                    for (int k = 0; k < chunk.length; k++) {
                        chunk[k] = (byte) ('a' + random.nextInt(26));
                    }
                    chunk[chunk.length - 1] = '\n';
                    byte[] data = concat(held, chunk);
                    long partBlock = a.length() % a.block();
                    int done = a.writeBlocks(data, data.length);
                    expected.write(data, 0, done);
                    if (direct && partBlock + data.length >= a.block()) {
                        assertTrue(done > 0, "a write that completes a whole block writes it");
                        assertEquals(0, a.length() % a.block(), "and then the file ends on a block");
                    }
                    if (random.nextBoolean()) { // nothing more pending: the rest now
                        a.writeRest(data, done, data.length);
                        expected.write(data, done, data.length - done);
                        held = new byte[0];
                    } else {
                        held = java.util.Arrays.copyOfRange(data, done, data.length);
                    }
                    assertEquals(expected.size(), a.length());
                    assertEquals(expected.size(), Files.size(file), "the file is exactly what was written: no padding");
                }
                a.writeRest(held, 0, held.length);
                expected.write(held);
                held = new byte[0];
            }
            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file), "session " + session);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
