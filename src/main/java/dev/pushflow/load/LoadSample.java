package dev.pushflow.load;

import java.util.Map;
import java.util.TreeMap;

/**
 * A load run's counters at one moment (cumulative) and the latency of the attempts answered since the previous
 * sample (an HdrHistogram interval): what the window's live charts plot, taken a few times a second, never per push.
 *
 * @param ended          pushes with their final record
 * @param intervalCount  attempts with a latency since the previous sample
 * @param intervalP50Ms  their median latency (0 when none)
 * @param intervalP99Ms  their 99th percentile (0 when none)
 */
public record LoadSample(long attempts, long accepted, Map<String, Long> rejected, long failed, long retried,
                         long ended, long planned, long intervalCount, double intervalP50Ms, double intervalP99Ms) {
    public static final LoadSample NONE = new LoadSample(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0);

    public LoadSample {
        rejected = Map.copyOf(new TreeMap<>(rejected));
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
