package dev.pushflow.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the JVM's own threads that are not Java threads (the JIT's compilers, the collector's workers), read
 * from Linux's /proc: ThreadMXBean sees only Java threads, and the process total does not say which of them took it.
 */
final class NativeThreads {
    private NativeThreads() {
    }

    /** CPU time of the JIT's compiler threads so far, or -1 where /proc cannot be read. */
    static long jitCpuNanos() {
        return cpuNanos("C1 Compiler", "C2 Compiler");
    }

    /** CPU time of G1's threads (workers, refinement, marking, service) so far, or -1 where /proc cannot be read. */
    static long gcCpuNanos() {
        return cpuNanos("GC Thread", "G1 ");
    }

    /** Reads one native thread's files: its name (Linux's 15-character comm) and its /proc/self/task folder. */
    interface TaskReader {
        void read(String comm, Path task) throws IOException;
    }

    /**
     * Calls {@code reader} for every native thread of this process (Java's and the JVM's own); a thread that ends
     * meanwhile is skipped. False where /proc cannot be read.
     */
    static boolean forEachTask(TaskReader reader) {
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) {
            return false;
        }
        for (File task : tasks) {
            try {
                reader.read(Files.readString(task.toPath().resolve("comm")).trim(), task.toPath());
            } catch (IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return true;
    }

    /** CPU time so far of the threads whose name starts with one of {@code prefixes}. */
    private static long cpuNanos(String... prefixes) {
        long[] ticks = {0};
        boolean read = forEachTask((comm, task) -> {
            for (String p : prefixes) {
                if (comm.startsWith(p)) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks[0] += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime and stime: fields 14 and 15
                    return;
                }
            }
        });
        return read ? ticks[0] * 10_000_000L : -1; // in USER_HZ ticks, 100 a second on Linux
    }
}
