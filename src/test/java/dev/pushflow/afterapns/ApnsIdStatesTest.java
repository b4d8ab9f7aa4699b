package dev.pushflow.afterapns;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApnsIdStatesTest {
    private static final DeliveryState[] STATES = DeliveryState.values();

    @Test
    void keepsTheLastMaxIdsAsAnInsertionOrderedMapWould() {
        // A reference: a LinkedHashMap in insertion order with the same bound. Random puts of new and known ids,
        // many evictions, then every id ever seen is asked of both. A small table makes the probe chains long and
        // the removals shift entries back often; 3,000 makes the table double twice (it starts at 1,024 slots).
        keepsTheLastMaxIds(97);
        keepsTheLastMaxIds(3_000);
    }

    private static void keepsTheLastMaxIds(int max) {
        ApnsIdStates table = new ApnsIdStates(max);
        Map<String, DeliveryState> reference = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DeliveryState> eldest) {
                return size() > max;
            }
        };
        Random random = new Random(42);
        java.util.List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String id;
            if (!seen.isEmpty() && random.nextInt(3) == 0) {
                id = seen.get(seen.size() - 1 - random.nextInt(Math.min(seen.size(), 150)));
            } else {
                id = new UUID(random.nextLong(), random.nextLong()).toString();
                seen.add(id);
            }
            DeliveryState s = STATES[random.nextInt(STATES.length)];
            table.put(id, s);
            reference.put(id, s);
            if (i % 1_000 == 0) {
                for (String asked : seen) {
                    assertEquals(reference.get(asked), table.get(asked), asked + " after " + i + " puts");
                }
            }
        }
        assertEquals(reference.size(), table.size());
        for (String asked : seen) {
            assertEquals(reference.get(asked), table.get(asked), asked);
        }
    }

    @Test
    void anIdReadsTheSameInEitherCase() {
        ApnsIdStates table = new ApnsIdStates(10);
        String id = "9E3779B9-7F4A-7C15-BF58-476D1CE4E5B9";
        table.put(id, DeliveryState.STORED_OFFLINE);
        assertEquals(DeliveryState.STORED_OFFLINE, table.get(id.toLowerCase(Locale.ROOT)));
        table.put(id.toLowerCase(Locale.ROOT), DeliveryState.DELIVERED_FROM_STORAGE);
        assertEquals(DeliveryState.DELIVERED_FROM_STORAGE, table.get(id));
        assertEquals(1, table.size());
    }

    @Test
    void anIdThatIsNotAUuidIsKeptToo() {
        ApnsIdStates table = new ApnsIdStates(2);
        assertFalse(ApnsIdStates.isUuid("not-a-uuid"));
        assertFalse(ApnsIdStates.isUuid("9e3779b9-7f4a-7c15-bf58-476d1ce4e5bg"));
        assertFalse(ApnsIdStates.isUuid("9e3779b9a7f4a-7c15-bf58-476d1ce4e5b9"));
        assertTrue(ApnsIdStates.isUuid("9e3779b9-7f4a-7c15-bf58-476d1ce4e5b9"));
        table.put("Not-A-UUID", DeliveryState.THROTTLED);
        assertEquals(DeliveryState.THROTTLED, table.get("not-a-uuid"));
        table.put("b", DeliveryState.DELIVERED);
        table.put("c", DeliveryState.DELIVERED);
        assertNull(table.get("not-a-uuid"), "the oldest goes past the bound");
        assertNull(table.get(null));
        table.clear();
        assertEquals(0, table.size());
        assertNull(table.get("b"));
    }

    @Test
    void readersOnOtherThreadsSeeEveryStateThatWasSet() throws Exception {
        // The gateway writes while Pushy's thread reads (optimistic reads, retried under the read lock): an id put
        // before a reader asks is found, whatever the writer does meanwhile.
        ApnsIdStates table = new ApnsIdStates(5_000);
        int n = 200_000;
        String[] ids = new String[n];
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            ids[i] = new UUID(random.nextLong(), random.nextLong()).toString();
        }
        java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger(-1);
        java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            int last = -1;
            while (last < n - 1) {
                int upTo = published.get();
                for (int i = Math.max(0, upTo - 100); i <= upTo; i++) {
                    DeliveryState got = table.get(ids[i]);
                    // A miss counts when i was surely still kept while it was asked: i goes at the 5,000th put
                    // after it, and fewer than 4,000 had been published once the answer was in.
                    if (got != STATES[i % STATES.length] && published.get() - i < 4_000) {
                        misses.incrementAndGet();
                    }
                }
                last = upTo;
            }
        });
        reader.start();
        for (int i = 0; i < n; i++) {
            table.put(ids[i], STATES[i % STATES.length]);
            published.set(i);
        }
        reader.join(60_000);
        assertFalse(reader.isAlive());
        assertEquals(0, misses.get());
    }
}
