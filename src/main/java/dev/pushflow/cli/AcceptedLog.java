package dev.pushflow.cli;

import dev.pushflow.gateway.GatewayListener;
import dev.pushflow.gateway.GatewayNotification;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code pushflow gateway --accepted-log FILE}: one JSON line per push a gateway accepted, written to the file before
 * the gateway writes its 200 (the listener runs before the answer), so a test can count, after killing the sender,
 * every push APNs may have taken. Each line is one {@code write} to the OS (no buffer in this process, no fsync): it
 * survives the sender's kill -9 and this process's own, not a power loss. Counting is always on (GET /accepted),
 * the file only with the option.
 */
final class AcceptedLog implements GatewayListener {
    private final FileChannel out;
    private final Path file;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder unwritten = new LongAdder();
    private volatile String writeProblem;

    /** @param file the file to write, created or emptied; {@code null}: count only */
    AcceptedLog(Path file) throws IOException {
        this.file = file;
        this.out = file == null ? null : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void onAccepted(GatewayNotification n) {
        accepted.increment();
        if (out == null) {
            return;
        }
        String line = "{\"apnsId\":" + quoted(n.apnsId()) + ",\"token\":" + quoted(n.token()) + ",\"environment\":\""
                + n.environment().wireName() + "\",\"status\":200,\"time\":\"" + n.receivedAt() + "\"}\n";
        ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        synchronized (this) { // both gateways' event loops write here: whole lines, one after the other
            try {
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
            } catch (IOException | RuntimeException e) {
                unwritten.increment();
                if (writeProblem == null) {
                    writeProblem = "the accepted log " + file + " cannot be written (" + e.getMessage()
                            + "): its count is short from here on; free disk space or choose another file";
                }
            }
        }
    }

    /** apns-ids and tokens are hex and dashes when valid; anything else is escaped so the line stays JSON. */
    private static String quoted(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    long accepted() {
        return accepted.sum();
    }

    long unwritten() {
        return unwritten.sum();
    }

    Path file() {
        return file;
    }

    /** The first write failure as a sentence, {@code null} while every line was written. */
    String writeProblem() {
        return writeProblem;
    }

    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // every line was written already
            }
        }
    }
}
