package dev.pushflow.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The append-only delivery log: every push attempt and every no-push decision, kept in memory for the
 * views and appended as JSON lines to a file that survives a restart. Appending never blocks on disk:
 * one writer thread drains a queue and flushes after each batch.
 */
public final class DeliveryLog implements AutoCloseable {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** How long the writer sleeps when nothing is pending; appends never wake it (that costs a syscall each). */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
    private static final DeliveryRecord POISON = DeliveryRecord.decision(null, null, null, null, null, 0, null, null, null);

    private final Path file;
    private final List<DeliveryRecord> records = new ArrayList<>();
    private final List<Consumer<DeliveryRecord>> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<DeliveryRecord> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private final int skippedLines;
    private volatile IOException writeError;

    private DeliveryLog(Path file) throws IOException {
        this.file = file;
        int skipped = 0;
        if (file != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        records.add(JSON.readValue(line, DeliveryRecord.class));
                    } catch (JsonProcessingException e) {
                        skipped++; // a torn last line after a crash: keep every other record
                    }
                }
                seq.set(records.stream().mapToLong(DeliveryRecord::seq).max().orElse(0));
                written.set(seq.get()); // what was read back is on disk already
            }
            writer = new Thread(this::drain, "pushflow-delivery-log");
            writer.setDaemon(true);
            writer.setPriority(Thread.MIN_PRIORITY); // below the window's thread, like every engine thread
            writer.start();
        } else {
            writer = null;
        }
        this.skippedLines = skipped;
    }

    /** A log backed by a JSON-lines file; existing records are read back. */
    public static DeliveryLog open(Path file) throws IOException {
        return new DeliveryLog(file);
    }

    /** A log that lives in memory only (tests, benchmarks, throwaway scenario runs). */
    public static DeliveryLog inMemory() {
        try {
            return new DeliveryLog(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /** Lines of the file that could not be read back (a torn write after a crash). */
    public int skippedLines() {
        return skippedLines;
    }

    /** Appends a record, giving it the next sequence number, and tells the listeners. */
    public DeliveryRecord append(DeliveryRecord record) {
        DeliveryRecord numbered;
        synchronized (records) {
            numbered = record.withSeq(seq.incrementAndGet());
            records.add(numbered);
            if (writer != null) {
                pending.add(numbered); // in seq order, so "written up to seq N" means every record up to N
            }
        }
        for (Consumer<DeliveryRecord> l : listeners) {
            try {
                l.accept(numbered);
            } catch (RuntimeException e) {
                // a broken listener must not cost a record
            }
        }
        return numbered;
    }

    /**
     * Writes a record to the file only, with the next sequence number: not kept in memory, listeners not told. For
     * the {@link DeliveryStatus#SENDING} line written before a push attempt goes out, so that a push the gateway may
     * have accepted has a line on disk even after a kill -9; its outcome is {@link #append}ed as usual. A log without
     * a file has nothing to make durable and ignores it.
     */
    public void journal(DeliveryRecord record) {
        if (writer == null) {
            return;
        }
        synchronized (records) {
            pending.add(record.withSeq(seq.incrementAndGet())); // in seq order, like append
        }
    }

    public void addListener(Consumer<DeliveryRecord> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<DeliveryRecord> listener) {
        listeners.remove(listener);
    }

    public List<DeliveryRecord> snapshot() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    public int size() {
        synchronized (records) {
            return records.size();
        }
    }

    /** Records from index {@code from} on, for views that poll for what is new. */
    public List<DeliveryRecord> since(int from) {
        synchronized (records) {
            return from >= records.size() ? List.of() : List.copyOf(records.subList(Math.max(0, from), records.size()));
        }
    }

    /** Waits until everything appended so far is on disk. */
    public void flush() throws IOException {
        long target = seq.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer != null && written.get() < target && writeError == null && System.nanoTime() < deadline) {
            LockSupport.unpark(writer);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (writeError != null) {
            throw writeError;
        }
    }

    /**
     * The writer thread: drains what is pending in batches, encodes each record with {@link DeliveryLine} and
     * writes the batch to the file; sleeps a few milliseconds when idle instead of being woken per append.
     */
    private void drain() {
        DeliveryLine line = new DeliveryLine();
        try (OutputStream out = new FileOutputStream(file.toFile(), true)) {
            boolean stop = false;
            while (!stop) {
                long last = 0;
                DeliveryRecord r;
                while ((r = pending.poll()) != null) {
                    if (r == POISON) {
                        stop = true;
                        break;
                    }
                    line.append(r);
                    last = r.seq();
                    if (line.size() >= 256 * 1024) {
                        line.writeTo(out);
                    }
                }
                if (line.size() > 0) {
                    line.writeTo(out);
                }
                if (last > 0) {
                    written.accumulateAndGet(last, Math::max);
                } else if (!stop) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
            }
        } catch (IOException | RuntimeException e) {
            writeError = e instanceof IOException io ? io : new IOException("delivery log writer failed: " + e, e);
        }
    }

    /** Writes the whole log as a JSON array or as CSV. */
    public static void export(List<DeliveryRecord> list, Path target) throws IOException {
        String name = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) {
            Files.writeString(target, DeliveryCsv.toCsv(list), StandardCharsets.UTF_8);
        } else {
            JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), list);
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null && writer.isAlive()) {
            flush();
            pending.add(POISON);
            LockSupport.unpark(writer);
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
