package dev.pushflow.ui;

/**
 * scripts/measure-startup --trace: prints when each start-up step ended, in ms from {@code -Dpushflow.t0} (the epoch
 * ms the script took before it started the JVM). Off (one boolean read) unless {@code -Dpushflow.startupTrace=true}.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("pushflow.startupTrace");
    private static final long T0 = Long.getLong("pushflow.t0", System.currentTimeMillis());

    private StartupTrace() {
    }

    private static long processCpuMs() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1_000_000 : -1;
    }

    /** Linux: CPU ms per thread name from /proc (JIT and GC threads included), the busiest first. */
    public static void threads() {
        if (!ON) {
            return;
        }
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (var t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                String stat = java.nio.file.Files.readString(t.resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9#]+$", "");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                byName.merge(comm, ticks * 10, Long::sum);
            }
        } catch (Exception e) {
            return;
        }
        byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.println("startup-trace: thread " + e.getKey() + " cpu " + e.getValue() + " ms"));
    }

    public static void mark(String step) {
        if (ON) {
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
            System.out.println("startup-trace: " + step + " at " + (System.currentTimeMillis() - T0) + " ms ["
                    + Thread.currentThread().getName() + ", cpu " + cpu + " ms; process cpu " + processCpuMs() + " ms]");
        }
    }
}
