package dev.pushflow.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

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

    /** CPU time so far of the threads whose name (Linux's 15-character comm) starts with one of {@code prefixes}. */
    private static long cpuNanos(String... prefixes) {
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) {
            return -1;
        }
        long ticks = 0;
        for (File task : tasks) {
            try {
                String comm = Files.readString(task.toPath().resolve("comm")).trim();
                boolean wanted = false;
                for (String p : prefixes) {
                    wanted |= comm.startsWith(p);
                }
                if (!wanted) {
                    continue;
                }
                String stat = Files.readString(task.toPath().resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime and stime: fields 14 and 15 of stat
            } catch (IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return ticks * 10_000_000L; // in USER_HZ ticks, 100 a second on Linux
    }
}
