package dev.pushflow.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One gateway's weather with its seed: the n-th request it decides draws its fault and its delay from a hash of
 * (seed, n), so a run with the same seed and the same order of requests meets the same weather. Thread-safe.
 */
final class WeatherPlan {
    private final Weather weather;
    private final long seed;
    private final AtomicLong requests = new AtomicLong();
    /** Per device token: the second of its current window and the pushes seen in it. */
    private final ConcurrentHashMap<String, long[]> perToken = new ConcurrentHashMap<>();

    WeatherPlan(Weather weather, long seed) {
        this.weather = weather;
        this.seed = seed;
    }

    Weather weather() {
        return weather;
    }

    long seed() {
        return seed;
    }

    /** Requests decided under this plan so far. */
    long requestsSeen() {
        return requests.get();
    }

    /** The number of the next request. */
    long next() {
        return requests.getAndIncrement();
    }

    Weather.Fault fault(long request) {
        return weather.faultFor(unit(mix(seed ^ 0x9E3779B97F4A7C15L, request)));
    }

    long delayMillis(long request) {
        return weather.hasLatency() ? weather.latencyFor(unit(mix(seed ^ 0xC2B2AE3D27D4EB4FL, request))) : 0;
    }

    /** Apple's per-device limit: whether this push is one too many for its token in the current second. */
    boolean tokenLimited(String token, long nowMillis) {
        int limit = weather.perTokenPerSecond();
        if (limit <= 0 || token == null) {
            return false;
        }
        long second = Math.floorDiv(nowMillis, 1000);
        long[] window = perToken.compute(token, (t, w) -> {
            if (w == null || w[0] != second) {
                return new long[]{second, 1};
            }
            w[1]++;
            return w;
        });
        if (perToken.size() > 100_000) {
            perToken.entrySet().removeIf(e -> e.getValue()[0] != second); // bounded: old windows go
        }
        return window[1] > limit;
    }

    /** SplitMix64's finaliser of (salt + index * golden ratio). */
    private static long mix(long salt, long index) {
        long z = salt + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1) from 53 bits of the hash. */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
