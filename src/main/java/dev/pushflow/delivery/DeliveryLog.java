package dev.pushflow.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
 * one writer thread drains a queue and writes after each batch.
 *
 * <p>What is on disk is never lost and never mixed up:
 * <ul>
 * <li>At open, a line that does not read back (an invalid UTF-8 byte, {@code null}, broken JSON, a torn last line
 * after a crash) is skipped and counted; the file is then renamed aside ({@code delivery-log.unreadable-<time>.jsonl})
 * and the records that did read are written to a fresh file, so the next append starts on a fresh line.</li>
 * <li>A write that fails (disk full, read-only, permission) keeps the records in memory and is retried; the file
 * is cut back to where the failed batch began first, so a half-written line never stays. {@link #writeProblem()}
 * says what is wrong until a retry succeeds.</li>
 * <li>For a file-backed log the listeners hear of a record only once it is written to the file (handed to the
 * operating system, so it survives the process being killed): a record the window shows is on disk.</li>
 * </ul>
 */
public final class DeliveryLog implements AutoCloseable {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** How long the writer sleeps when nothing is pending; appends never wake it (that costs a syscall each). */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
    /** How long the writer waits before it tries a failed write again. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int BATCH_BYTES = 256 * 1024;
    /** Reads back a line written by any version: a status or environment this one does not know reads as null. */
    private static final com.fasterxml.jackson.databind.ObjectReader LINE_READER = JSON.readerFor(DeliveryRecord.class)
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    /**
     * A line waiting for the writer: the record and its sequence number (a SENDING journal line's record carries
     * none: it is written with the number it was given, not copied to hold it), and whether the listeners hear of it.
     */
    private record Line(long seq, DeliveryRecord record, boolean tell) {
    }

    private static final Line POISON = new Line(Long.MAX_VALUE, null, false);

    private final Path file;
    private final List<DeliveryRecord> records = new ArrayList<>();
    private final List<Consumer<DeliveryRecord>> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Line> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Object flushed = new Object();
    private final Thread writer;
    private final int skippedLines;
    private final Path setAside;
    private volatile String writeProblem;
    /** Where the writer writes: the file; tests point it at /dev/full for a real "disk full" and back. */
    volatile Path writeTarget;
    /** Whether the writer may use direct I/O ({@link LogAppender}); tests turn it off to run the page-cache path. */
    volatile boolean directIo = LogAppender.DIRECT_IO;
    private volatile int unwrittenCount;

    private DeliveryLog(Path file) throws IOException {
        this.file = file == null ? null : file.toAbsolutePath();
        this.writeTarget = this.file;
        int skipped = 0;
        Path aside = null;
        if (file != null) {
            Path f = this.file;
            try {
                PrivateFiles.createFolder(f.getParent());
            } catch (IOException e) {
                throw new ConfigFileException(PrivateFiles.describe("the delivery log's folder", f.getParent(), e), e);
            }
            if (Files.isDirectory(f)) {
                throw new ConfigFileException("the delivery log " + f + " is a folder, not a file: move the folder "
                        + "away or delete it, then start PushFlow again", null);
            }
            if (Files.exists(f) && !Files.isRegularFile(f)) {
                throw new ConfigFileException("the delivery log " + f + " is not a regular file (a device or a pipe): "
                        + "move it away, then start PushFlow again", null);
            }
            if (Files.exists(f)) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new ConfigFileException(PrivateFiles.describe("the delivery log", f, e)
                            + ", then start PushFlow again", e);
                } catch (OutOfMemoryError e) {
                    throw new ConfigFileException("the delivery log " + f + " is too large to read ("
                            + Files.size(f) + " bytes): move it away, then start PushFlow again", null);
                }
                ReadBack back = readBack(bytes);
                records.addAll(back.records);
                skipped = back.invalid;
                if (back.invalid > 0) {
                    aside = f.resolveSibling("delivery-log.unreadable-"
                            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".jsonl");
                    try {
                        Files.move(f, aside);
                        DeliveryLine line = new DeliveryLine();
                        java.io.ByteArrayOutputStream clean = new java.io.ByteArrayOutputStream(bytes.length);
                        for (DeliveryRecord r : back.records) {
                            line.append(r);
                            line.writeTo(clean);
                        }
                        PrivateFiles.write(f, clean.toByteArray());
                    } catch (IOException e) {
                        throw new ConfigFileException(PrivateFiles.describe("the delivery log", f, e)
                                + " (it has " + back.invalid + " unreadable line(s) to set aside)", e);
                    }
                } else if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                    // a last line that reads but lost its newline: close it, so the next record starts on a fresh line
                    try {
                        Files.write(f, new byte[] {'\n'}, StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new ConfigFileException(PrivateFiles.describe("the delivery log", f, e), e);
                    }
                }
                seq.set(records.stream().mapToLong(DeliveryRecord::seq).max().orElse(0));
                written.set(seq.get()); // what was read back is on disk already
            } else {
                try {
                    PrivateFiles.write(f, new byte[0]);
                } catch (IOException e) {
                    throw new ConfigFileException(PrivateFiles.describe("the delivery log", f, e), e);
                }
            }
            PrivateFiles.restrict(f);
            if (!Files.isWritable(f)) {
                throw new ConfigFileException(PrivateFiles.describe("the delivery log", f,
                        new java.nio.file.AccessDeniedException(f.toString())) + ", then start PushFlow again", null);
            }
            writer = new Thread(this::drain, "pushflow-delivery-log");
            writer.setDaemon(true);
            writer.setPriority(Thread.MIN_PRIORITY); // below the window's thread, like every engine thread
            writer.start();
        } else {
            writer = null;
        }
        this.skippedLines = skipped;
        this.setAside = aside;
    }

    private record ReadBack(List<DeliveryRecord> records, int invalid) {
    }

    /** Splits the file into lines and reads each on its own: one bad line costs only that line. */
    static ReadBack readBack(byte[] bytes) {
        List<DeliveryRecord> out = new ArrayList<>();
        int invalid = 0;
        int from = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            from = 3; // a UTF-8 byte-order mark left by an editor
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        while (from < bytes.length) {
            int nl = from;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            int end = nl > from && bytes[nl - 1] == '\r' ? nl - 1 : nl;
            if (!isBlank(bytes, from, end)) {
                try {
                    String line = utf8.decode(ByteBuffer.wrap(bytes, from, end - from)).toString();
                    DeliveryRecord r = LINE_READER.readValue(line);
                    if (r == null || r.seq() <= 0) {
                        invalid++; // `null`, or an object that is not a record (any status value reads back)
                    } else {
                        out.add(r);
                    }
                } catch (CharacterCodingException | JsonProcessingException | RuntimeException e) {
                    invalid++;
                }
            }
            from = nl + 1;
        }
        return new ReadBack(out, invalid);
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
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

    /** Lines of the file that could not be read back at open (a torn write after a crash, an invalid byte, ...). */
    public int skippedLines() {
        return skippedLines;
    }

    /** Where the original file was kept when it had unreadable lines, or null. */
    public Path setAside() {
        return setAside;
    }

    /** What the window says about the file at open, or "" when every line read back. */
    public String openProblem() {
        if (skippedLines == 0) {
            return "";
        }
        return skippedLines + " line(s) of the delivery log could not be read and were skipped; the original file "
                + "was kept as " + setAside + " (open it to see them).";
    }

    /**
     * Why records are not reaching the file right now (disk full, read-only, permission), with the fix and how many
     * wait in memory; null while writes succeed. Cheap: the window polls it.
     */
    public String writeProblem() {
        String p = writeProblem;
        return p == null ? null : p + " (" + unwrittenCount + " record(s) kept in memory, retried every 0.5 s)";
    }

    /** Appends a record, giving it the next sequence number, and tells the listeners (once on disk, if file-backed). */
    public DeliveryRecord append(DeliveryRecord record) {
        return append(record::withSeq);
    }

    /**
     * {@link #append(DeliveryRecord)} for a record made with its sequence number: {@code numbered} gets the number
     * and builds the record once (the per-push path: no record built and then copied to hold its number). It runs
     * under the log's lock, so it must only build the record.
     */
    public DeliveryRecord append(java.util.function.LongFunction<DeliveryRecord> numbered) {
        DeliveryRecord r;
        synchronized (records) {
            long n = seq.incrementAndGet();
            r = numbered.apply(n);
            if (r.seq() != n) {
                r = r.withSeq(n);
            }
            records.add(r);
            if (writer != null) {
                // in seq order, so "written up to seq N" means every record up to N
                pending.add(new Line(n, r, r.status() != DeliveryStatus.SENDING));
            }
        }
        if (writer == null) {
            tell(r);
        }
        return r;
    }

    private void tell(DeliveryRecord r) {
        for (Consumer<DeliveryRecord> l : listeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                // a broken listener must not cost a record
            }
        }
    }

    /**
     * Writes a record to the file only, with the next sequence number: not kept in memory, listeners not told. For
     * the {@link DeliveryStatus#SENDING} line written before a push attempt goes out, so that a push the gateway may
     * have accepted has a line on disk even after a kill -9; its outcome is {@link #append}ed as usual. A log without
     * a file has nothing to make durable and ignores it. Returns the line's sequence number (0 without a file): the
     * sender waits for it with {@link #whenWritten} before the attempt goes out.
     */
    public long journal(DeliveryRecord record) {
        if (writer == null) {
            return 0;
        }
        long n;
        synchronized (records) {
            n = seq.incrementAndGet();
            pending.add(new Line(n, record, false)); // in seq order, like append
        }
        return n;
    }

    /** An action waiting for the writer to have written up to its sequence number. */
    private record Waiter(long seq, Runnable action) {
    }

    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** The writer is (about to be) asleep with nothing pending: a waiter wakes it instead of waiting out the nap. */
    private volatile boolean idle;

    /**
     * Runs {@code action} once every line up to {@code seq} (a {@link #journal} number) is written to the file: at
     * once on this thread when it is already, else on the writer thread right after the batch that holds it (so it
     * must be quick and never block). An idle writer is woken for it. While writes fail the action runs anyway after
     * the failed batch (delivery goes on; {@link #writeProblem()} says the log is behind), and on {@link #close}. For
     * an in-memory log (seq 0) it runs at once.
     */
    public void whenWritten(long seq, Runnable action) {
        if (writer == null || seq <= written.get()) {
            action.run();
            return;
        }
        waiters.add(new Waiter(seq, action));
        if (!writer.isAlive()) {
            runWaiters(Long.MAX_VALUE); // closed: nothing more will be written
        } else if (seq <= written.get()) {
            runWaiters(written.get()); // written while it was added: the writer may have looked before
        } else if (idle) {
            LockSupport.unpark(writer);
        }
    }

    /** Runs the waiters up to {@code upTo} (their order is nearly seq order; one ahead holds the rest a batch). */
    private void runWaiters(long upTo) {
        Waiter w;
        while ((w = waiters.peek()) != null && w.seq() <= upTo) {
            if (waiters.remove(w)) {
                try {
                    w.action().run();
                } catch (RuntimeException e) {
                    // a broken action must not stop the writer
                }
            }
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

    /**
     * The records already on disk (all of them for an in-memory log): what a view may show, so that nothing it
     * showed is lost if the process is killed. Listeners hear of the rest as it is written.
     */
    public List<DeliveryRecord> writtenSnapshot() {
        if (writer == null) {
            return snapshot();
        }
        long upTo = written.get();
        synchronized (records) {
            int n = records.size();
            while (n > 0 && records.get(n - 1).seq() > upTo) {
                n--;
            }
            return List.copyOf(records.subList(0, n));
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

    /**
     * Waits (at most 30 s) until everything appended so far is on disk; fails at once with the reason while writes
     * fail (the records stay in memory and are retried).
     */
    public void flush() throws IOException {
        long target = seq.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (flushed) {
            while (writer != null && written.get() < target && writeProblem == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the delivery log " + file + " did not take the last records within 30 s");
                }
                LockSupport.unpark(writer);
                try {
                    flushed.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, IDLE_PARK_NANOS))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        String problem = writeProblem;
        if (writer != null && written.get() < target && problem != null) {
            throw new IOException(problem);
        }
    }

    /**
     * The writer thread: drains what is pending in batches, encodes each record with {@link DeliveryLine}, writes the
     * batch, then tells the listeners; sleeps a few milliseconds when idle instead of being woken per append. Under a
     * flood it writes whole file-system blocks only ({@link LogAppender}: direct I/O, no page cache) and keeps the last
     * part-block's lines for the next write; when nothing more is pending it writes them too. A line counts as written
     * (told, its waiters run) once all of it is in the file. A write that fails is cut back and written again.
     */
    private void drain() {
        DeliveryLine line = new DeliveryLine();
        List<Line> batch = new ArrayList<>(); // encoded in `line`, in seq order, not yet (all) in the file
        int[] ends = new int[1024]; // where each batch line ends in line's bytes
        LogAppender out = null;
        Path opened = null;
        boolean stop = false;
        boolean lastTry = false;
        while (true) {
            if (!stop) {
                Line r;
                while (line.size() < BATCH_BYTES && (r = pending.poll()) != null) {
                    if (r == POISON) {
                        stop = true;
                        break;
                    }
                    line.append(r.record(), r.seq()); // encoded once: these bytes are what the writes below write
                    if (batch.size() == ends.length) {
                        ends = java.util.Arrays.copyOf(ends, ends.length * 2);
                    }
                    ends[batch.size()] = line.size();
                    batch.add(r);
                }
            }
            if (batch.isEmpty()) {
                if (stop) {
                    break;
                }
                idle = true;
                if (pending.isEmpty()) { // checked after idle is set: a waiter added meanwhile sees idle and unparks
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                idle = false;
                continue;
            }
            try {
                Path target = writeTarget;
                if (out != null && target != opened) {
                    out.close();
                    out = null;
                }
                if (out == null) {
                    out = LogAppender.open(target, directIo);
                    opened = target;
                }
                int done = out.writeBlocks(line.array(), line.size());
                if (done > 0) {
                    written(batch, ends, done, line);
                }
                // With direct I/O the last part-block waits for the next batch while more lines are pending (the page
                // cache is then used only when the log goes quiet); with nothing pending it is written now. Without
                // direct I/O everything is written at once (nothing else would ever write it under a flood).
                if (!batch.isEmpty() && (stop || !out.isDirect() || pending.isEmpty() || line.size() >= BATCH_BYTES)) {
                    out.writeRest(line.array(), 0, line.size());
                    written(batch, ends, line.size(), line);
                }
                if (writeProblem != null) {
                    writeProblem = null;
                    unwrittenCount = 0;
                }
                synchronized (flushed) {
                    flushed.notifyAll();
                }
            } catch (IOException | RuntimeException e) {
                IOException io = e instanceof IOException x ? x : new IOException(String.valueOf(e), e);
                if (out != null) { // a half-written line never stays: the file ends where it did before this write
                    out.cutBack();
                    out.close();
                    out = null;
                }
                unwrittenCount = batch.size() + pending.size();
                writeProblem = "Records are not reaching the delivery log: "
                        + PrivateFiles.describe("the delivery log", file, io);
                synchronized (flushed) {
                    flushed.notifyAll();
                }
                // The file cannot take the lines now: the pushes waiting for them go out anyway rather than stall
                // (the window says the log is behind); their outcomes are kept in memory and retried like any record.
                if (!batch.isEmpty()) {
                    runWaiters(batch.get(batch.size() - 1).seq());
                }
                if (stop) {
                    if (lastTry) {
                        break; // closing: the records cannot be written; close() says so
                    }
                    lastTry = true;
                }
                LockSupport.parkNanos(this, RETRY_NANOS);
            }
        }
        if (out != null) {
            out.close();
        }
        runWaiters(Long.MAX_VALUE); // closed: nothing more will be written
    }

    /**
     * The first {@code bytes} of the batch's encoding are in the file: the lines that end within them are written.
     * They are told to the listeners and their waiters run; the batch and the encoding keep the rest.
     */
    private void written(List<Line> batch, int[] ends, int bytes, DeliveryLine line) {
        int whole = 0;
        while (whole < batch.size() && ends[whole] <= bytes) {
            whole++;
        }
        if (whole > 0) {
            for (int i = 0; i < whole; i++) {
                Line r = batch.get(i);
                if (r.tell()) { // a journal line is for the file only (see journal)
                    tell(r.record()); // on disk now: the views may show it
                }
            }
            long upTo = written.accumulateAndGet(batch.get(whole - 1).seq(), Math::max);
            if (!waiters.isEmpty()) {
                runWaiters(upTo); // the SENDING lines among them are on disk: their pushes may go out
            }
        }
        int left = batch.size() - whole;
        for (int i = 0; i < left; i++) {
            ends[i] = ends[whole + i] - bytes;
        }
        batch.subList(0, whole).clear();
        line.drop(bytes);
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
            IOException failed = null;
            try {
                flush();
            } catch (IOException e) {
                failed = e;
            }
            pending.add(POISON);
            LockSupport.unpark(writer);
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String problem = writeProblem;
            if (problem != null) {
                throw new IOException(problem, failed);
            }
        }
    }
}
