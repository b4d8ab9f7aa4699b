package dev.pushflow.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends the delivery log's bytes to its file: whole file-system blocks with direct I/O where the file system
 * takes it, the rest (a last part-block) through the page cache.
 *
 * <p>Why: under a flood the log writes about 1.5 KB per push. Through the page cache every new 4 KB page of the file
 * is a fresh page the kernel allocates, fills and later writes back; on this project's 2-core virtual machines that
 * cost 1.6-2.2 us of kernel time per KB (dd: 2 GB in 3.2-4.4 s of system time), most of the log writer's CPU and the
 * largest part of what the engine spent per push beyond a bare Pushy client. Direct writes of whole blocks from one
 * reused buffer skip the page cache (dd with oflag=direct: 0.6 s for the same 2 GB).
 *
 * <p>The file is always exactly what was written: no padding, no truncation after a good write. A block-aligned
 * write starts at the block that holds the end of the file; its first bytes (the last part-block already in the file)
 * are written again unchanged from {@link #tail}. What is left after the last whole block is either kept by the
 * caller for the next write ({@link #writeBlocks}) or written through the page cache ({@link #writeRest}). A file
 * system that refuses direct I/O (or {@code -Dpushflow.log.directIo=false}) gets plain appends.
 */
final class LogAppender implements AutoCloseable {
    /** Off with -Dpushflow.log.directIo=false: every byte through the page cache, as before (to compare, or a file system that misbehaves). */
    static final boolean DIRECT_IO = !"false".equals(System.getProperty("pushflow.log.directIo"));
    private static final OpenOption DIRECT = directOption();

    private final FileChannel buffered;
    private FileChannel direct;
    private final int block;
    /** Where the next byte goes (the file's size as this appender knows it). */
    private long length;
    /** The file's bytes from the last block boundary to {@link #length} (fewer than a block). */
    private final byte[] tail;
    private int tailLength;
    /** The direct writes' buffer: a block-aligned slice (it keeps the buffer it was cut from alive). */
    private ByteBuffer aligned;

    private LogAppender(FileChannel buffered, FileChannel direct, int block) throws IOException {
        this.buffered = buffered;
        this.direct = direct;
        this.block = block;
        this.length = buffered.size();
        this.tail = new byte[block];
        if (direct != null) {
            tailLength = (int) (length % block);
            ByteBuffer b = ByteBuffer.wrap(tail, 0, tailLength);
            long at = length - tailLength;
            while (b.hasRemaining()) {
                if (buffered.read(b, at + b.position()) < 0) {
                    throw new IOException("the file got shorter while it was opened");
                }
            }
        }
    }

    /** Opens {@code target} for appending (created if missing); direct I/O when asked for and available. */
    static LogAppender open(Path target, boolean tryDirect) throws IOException {
        FileChannel buffered = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        FileChannel direct = null;
        int block = 4096;
        if (tryDirect && DIRECT != null && Files.isRegularFile(target)) {
            try {
                long b = Files.getFileStore(target).getBlockSize();
                if (b > 0 && b <= 1 << 16 && Long.bitCount(b) == 1) {
                    block = (int) b;
                    direct = FileChannel.open(target, StandardOpenOption.WRITE, DIRECT);
                }
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                direct = null; // the file system takes no direct I/O: the page cache then
            }
        }
        try {
            return new LogAppender(buffered, direct, block);
        } catch (IOException | RuntimeException e) {
            closeQuietly(buffered);
            closeQuietly(direct);
            throw e;
        }
    }

    /**
     * An appender whose direct channel is {@code direct} as given (tests: a channel that refuses every write, to see
     * the fallback to plain appends on a real file).
     */
    static LogAppender withDirectChannel(Path target, FileChannel direct, int block) throws IOException {
        return new LogAppender(FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE), direct, block);
    }

    private static OpenOption directOption() {
        try { // com.sun.nio.file.ExtendedOpenOption.DIRECT (jdk.unsupported), looked up so a JDK without it still runs
            Class<?> c = Class.forName("com.sun.nio.file.ExtendedOpenOption");
            for (Object o : c.getEnumConstants()) {
                if ("DIRECT".equals(((Enum<?>) o).name())) {
                    return (OpenOption) o;
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // no direct I/O on this JDK
        }
        return null;
    }

    boolean isDirect() {
        return direct != null;
    }

    /** The file system's block: the unit of a direct write. */
    int block() {
        return block;
    }

    long length() {
        return length;
    }

    /**
     * Writes the whole blocks that {@code src[0, n)} completes, with direct I/O; returns how many of its leading bytes
     * are now in the file (0 when it completes no block, or without direct I/O). The rest stays with the caller.
     */
    int writeBlocks(byte[] src, int n) throws IOException {
        if (direct == null) {
            return 0;
        }
        long total = (long) tailLength + n;
        int whole = (int) (total - total % block);
        if (whole < block) {
            return 0;
        }
        int taken = whole - tailLength;
        ByteBuffer b = alignedBuffer(whole);
        b.put(tail, 0, tailLength);
        b.put(src, 0, taken);
        b.flip();
        long at = length - tailLength;
        try {
            while (b.hasRemaining()) {
                int w = direct.write(b, at + b.position());
                if (w <= 0) {
                    throw new IOException("the delivery log's file took no bytes");
                }
            }
        } catch (IOException | RuntimeException e) {
            // A file system that opened the file for direct I/O but refuses the write (or a real error, which the
            // page-cache write the caller makes next reports in words): plain appends from here on.
            closeQuietly(direct);
            direct = null;
            cutBack();
            return 0;
        }
        length = at + whole;
        tailLength = 0;
        return taken;
    }

    /** Appends {@code src[from, to)} through the page cache (a last part-block, or everything without direct I/O). */
    void writeRest(byte[] src, int from, int to) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(src, from, to - from);
        while (b.hasRemaining()) {
            buffered.write(b, length + (b.position() - from));
        }
        int n = to - from;
        if (direct != null) { // keep the new last part-block for the next aligned write
            long end = length + n;
            int newTail = (int) (end % block);
            if (newTail >= n) { // the old part-block grew by these bytes
                System.arraycopy(src, from, tail, tailLength, n);
            } else { // a new block began within them
                System.arraycopy(src, to - newTail, tail, 0, newTail);
            }
            tailLength = newTail;
        }
        length += n;
    }

    /** After a failed write: drops whatever part of it reached the file, so the file ends where it did. */
    void cutBack() {
        try {
            if (buffered.size() > length) {
                buffered.truncate(length);
            }
        } catch (IOException | RuntimeException e) {
            // not a regular file, or it cannot be cut: the caller reopens and tries again
        }
    }

    private ByteBuffer alignedBuffer(int bytes) {
        if (aligned == null || aligned.capacity() < bytes) {
            int capacity = Math.max(bytes, 512 * 1024);
            aligned = ByteBuffer.allocateDirect(capacity + block).alignedSlice(block);
        }
        aligned.clear();
        return aligned;
    }

    @Override
    public void close() {
        closeQuietly(direct);
        closeQuietly(buffered);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // everything was written already, or the failure was reported
            }
        }
    }
}
