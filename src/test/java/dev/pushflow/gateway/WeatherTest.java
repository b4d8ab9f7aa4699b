package dev.pushflow.gateway;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weather spec and its seeded plan. */
class WeatherTest {

    @Test
    void theIssuesExampleSpecReadsAsWritten() {
        Weather w = Weather.parse("429=5%,500=2%,503=1%,shutdown=0.5%,goaway=1%,reset=1%,stall=0.5%,latency=20~10");
        assertEquals(0.05, w.rate(Weather.Fault.TOO_MANY_REQUESTS), 1e-12);
        assertEquals(0.02, w.rate(Weather.Fault.INTERNAL_SERVER_ERROR), 1e-12);
        assertEquals(0.01, w.rate(Weather.Fault.SERVICE_UNAVAILABLE), 1e-12);
        assertEquals(0.005, w.rate(Weather.Fault.SHUTDOWN), 1e-12);
        assertEquals(0.01, w.rate(Weather.Fault.GOAWAY), 1e-12);
        assertEquals(0.01, w.rate(Weather.Fault.RESET), 1e-12);
        assertEquals(0.005, w.rate(Weather.Fault.STALL), 1e-12);
        assertEquals(20, w.latencyMillis());
        assertEquals(10, w.jitterMillis());
        assertFalse(w.isClear());
    }

    @Test
    void fractionsFixedLatencyAndPerTokenLimitAreUnderstood() {
        Weather w = Weather.parse(" 500 = 0.25 , latency=5, per-token=3 ");
        assertEquals(0.25, w.rate(Weather.Fault.INTERNAL_SERVER_ERROR), 1e-12);
        assertEquals(5, w.latencyMillis());
        assertEquals(0, w.jitterMillis());
        assertEquals(3, w.perTokenPerSecond());
    }

    @Test
    void blankIsClearWeather() {
        assertTrue(Weather.parse("").isClear());
        assertTrue(Weather.parse(null).isClear());
        assertEquals("clear", Weather.CLEAR.toString());
    }

    @Test
    void aBadPartIsNamedInTheMessage() {
        for (String[] c : new String[][]{
                {"429=5%,drizzle=1%", "drizzle=1%"},
                {"429=5", "429=5"},
                {"500=-1%", "500=-1%"},
                {"503=lots", "503=lots"},
                {"latency=fast", "latency=fast"},
                {"latency=10~x", "latency=10~x"},
                {"per-token=0", "per-token=0"},
                {"429", "'429'"},
                {"429=5%,,500=1%", "''"},
                {"429=5%,429=1%", "429=1%"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Weather.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), () -> c[0] + " -> " + e.getMessage());
        }
        IllegalArgumentException over = assertThrows(IllegalArgumentException.class,
                () -> Weather.parse("429=60%,500=50%"));
        assertTrue(over.getMessage().contains("more than 100%"), over.getMessage());
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
        Weather w = Weather.parse("429=5%,500=2%,stall=1%,latency=10~50");
        WeatherPlan a = new WeatherPlan(w, 42);
        WeatherPlan b = new WeatherPlan(w, 42);
        WeatherPlan c = new WeatherPlan(w, 43);
        int differences = 0;
        for (int i = 0; i < 10_000; i++) {
            long na = a.next();
            long nb = b.next();
            assertEquals(a.fault(na), b.fault(nb));
            assertEquals(a.delayMillis(na), b.delayMillis(nb));
            long nc = c.next();
            if (a.fault(na) != c.fault(nc)) {
                differences++;
            }
        }
        assertTrue(differences > 0, "another seed, another plan");
    }

    @Test
    void ratesComeOutAsAskedOverManyRequests() {
        Weather w = Weather.parse("429=5%,500=2%,503=1%,reset=1%");
        WeatherPlan plan = new WeatherPlan(w, 7);
        Map<Weather.Fault, Integer> counts = new EnumMap<>(Weather.Fault.class);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            Weather.Fault f = plan.fault(plan.next());
            if (f != null) {
                counts.merge(f, 1, Integer::sum);
            }
        }
        // deterministic for seed 7: these bounds are about the mix, not luck
        assertEquals(0.05, counts.get(Weather.Fault.TOO_MANY_REQUESTS) / (double) n, 0.003);
        assertEquals(0.02, counts.get(Weather.Fault.INTERNAL_SERVER_ERROR) / (double) n, 0.002);
        assertEquals(0.01, counts.get(Weather.Fault.SERVICE_UNAVAILABLE) / (double) n, 0.002);
        assertEquals(0.01, counts.get(Weather.Fault.RESET) / (double) n, 0.002);
        assertNull(counts.get(Weather.Fault.STALL));
        for (int i = 0; i < 1000; i++) {
            long d = new WeatherPlan(Weather.parse("latency=10~5"), 1).delayMillis(i);
            assertTrue(d >= 10 && d <= 15, "latency " + d);
        }
    }

    @Test
    void perTokenLimitCountsPushesPerTokenPerSecond() {
        WeatherPlan plan = new WeatherPlan(Weather.parse("per-token=2"), 1);
        long t = 1_800_000_000_000L;
        assertFalse(plan.tokenLimited("aa", t));
        assertFalse(plan.tokenLimited("aa", t + 10));
        assertTrue(plan.tokenLimited("aa", t + 20), "the third push in the same second");
        assertFalse(plan.tokenLimited("bb", t + 20), "another token has its own budget");
        assertFalse(plan.tokenLimited("aa", t + 1000), "a new second, a new budget");
    }
}
