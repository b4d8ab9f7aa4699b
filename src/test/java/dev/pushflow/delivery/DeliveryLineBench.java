package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;

import java.time.Instant;
import java.util.Locale;

/**
 * Nanoseconds per delivery-log line, encoded as the log writer thread does it (the engine's hot path). Prints
 * figures, asserts nothing. Run: scripts/benchmark-line (or this main class with the test classpath).
 */
public final class DeliveryLineBench {
    public static void main(String[] args) throws Exception {
        String payload = "{\"aps\":{\"alert\":\"Bob: benchmark\",\"badge\":1,\"sound\":\"default\"},\"ext\":\"{\\n  \\\"entity\\\" : {\\n"
                + "    \\\"action\\\" : 1,\\n    \\\"chatType\\\" : 1,\\n    \\\"sender\\\" : \\\"bob\\\",\\n    \\\"nickname\\\" : "
                + "\\\"Bob\\\",\\n    \\\"faceUrl\\\" : \\\"https://example.com/faces/bob.png\\\",\\n    \\\"content\\\" : "
                + "\\\"benchmark\\\",\\n    \\\"version\\\" : 1\\n  }\\n}\"}";
        String device = "iPhone 15 · Debug build";
        String gateway = "embedded sandbox 127.0.0.1:36353";
        String token = "4c5aa6d5c5038e479856702f7d31dfedb2215865aed3c5c7e8056e02819db7cd";
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        DeliveryRecord[] records = new DeliveryRecord[1024];
        Instant t0 = Instant.now();
        for (int i = 0; i < records.length; i++) {
            records[i] = new DeliveryRecord(i, t0.plusNanos(i * 17_000L), java.util.UUID.randomUUID().toString(),
                    "iphone-debug", device, "alice", 31287, ApnsEnvironment.SANDBOX, gateway, "com.example.chat",
                    "alert", 10, token, java.util.UUID.randomUUID().toString(), java.util.UUID.randomUUID().toString(),
                    DeliveryStatus.ACCEPTED, 200, null, null, null, 700 + i, payload);
        }
        DeliveryLine line = new DeliveryLine();
        long bytes = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                line.append(records[i & 1023]);
                if (line.size() >= 256 * 1024) {
                    bytes += line.size();
                    line.reset();
                }
            }
            double ns = (System.nanoTime() - start) / (double) n;
            System.out.printf(Locale.ROOT, "round %d: %.0f ns per line%n", round + 1, ns);
        }
        System.out.println("(" + bytes + " bytes)");

        // The whole writer: append from this thread, the log's writer thread encodes and writes to a file.
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("pushflow-line-bench", ".jsonl");
            try (DeliveryLog log = DeliveryLog.open(file)) {
                Thread writer = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("pushflow-delivery-log")).findFirst().orElseThrow();
                long cpu0 = mx.getThreadCpuTime(writer.threadId());
                long start = System.nanoTime();
                int m = n / 4;
                for (int i = 0; i < m; i++) {
                    log.append(records[i & 1023]);
                }
                log.flush();
                long wall = System.nanoTime() - start;
                long cpu = mx.getThreadCpuTime(writer.threadId()) - cpu0;
                System.out.printf(Locale.ROOT, "log round %d: writer thread %.0f ns CPU per record, %.0f ns wall"
                        + " per record (%,d bytes)%n", round + 1, cpu / (double) m, wall / (double) m,
                        java.nio.file.Files.size(file));
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
    }
}
