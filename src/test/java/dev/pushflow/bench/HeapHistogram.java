package dev.pushflow.bench;

/** What the heap holds, class by class (the JVM's GC.class_histogram, after a full collection): for the benchmarks. */
final class HeapHistogram {
    private HeapHistogram() {
    }

    /** Prints the first {@code lines} lines of the live heap's class histogram (largest classes first). */
    static void print(int lines) throws Exception {
        String histogram = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
        histogram.lines().limit(lines).forEach(System.out::println);
    }
}
