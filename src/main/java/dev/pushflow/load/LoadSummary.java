package dev.pushflow.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a load run. Every push ends as exactly one final record: {@code accepted + rejected + failed =
 * pushes - lost}; {@code attempts} counts every attempt's record (retries included); {@code retried} the pushes that
 * needed more than one attempt; {@code duplicated} records that repeat an attempt or a second final record of a
 * push (must be 0). Latency is per attempt, from sending to APNs' answer, over the attempts that got one.
 */
public record LoadSummary(int messages, long pushes, long attempts, long accepted, Map<String, Long> rejected,
                          long failed, long retried, long lost, long duplicated, double latencyP50Ms,
                          double latencyP99Ms, double latencyMaxMs, double pushesPerSecond, double seconds,
                          boolean cancelled, String retryPolicy) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public LoadSummary {
        rejected = Map.copyOf(new TreeMap<>(rejected));
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("messages", messages).put("pushes", pushes).put("attempts", attempts).put("accepted", accepted);
        ObjectNode r = o.putObject("rejected");
        new TreeMap<>(rejected).forEach(r::put);
        o.put("failed", failed).put("retried", retried).put("lost", lost).put("duplicated", duplicated);
        o.putObject("latencyMs").put("p50", round(latencyP50Ms)).put("p99", round(latencyP99Ms))
                .put("max", round(latencyMaxMs));
        o.put("pushesPerSecond", Math.round(pushesPerSecond)).put("seconds", round(seconds))
                .put("cancelled", cancelled).put("retry", retryPolicy);
        return o;
    }

    /** One JSON line. */
    public String toJsonLine() {
        return toJson().toString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
