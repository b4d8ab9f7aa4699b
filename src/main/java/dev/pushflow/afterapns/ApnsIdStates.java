package dev.pushflow.afterapns;

import dev.pushflow.apns.HexDigits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * The delivery state of the last {@code max} apns-ids, oldest forgotten first, in flat arrays: an apns-id is a UUID,
 * kept as its two longs in an open-addressing table, with the state as one byte and a ring of the ids in the order
 * they were first seen. Every accepted push adds one: a map of strings held a key string, its bytes and a node per
 * push (about 110 bytes, 200,000 of them), which the young collections copied and the lookups missed the cache on;
 * these arrays hold no references at all.
 *
 * <p>Writes come from the gateway's threads under {@link AfterApns}'s lock (and this table's write lock); reads
 * from any thread take an optimistic read and retry under the read lock only if a write came in between. An
 * apns-id that is not a canonical UUID (APNs would answer BadMessageId, but a test or tool may still hand one in)
 * goes to a small map with the same bound.</p>
 */
final class ApnsIdStates {
    private static final DeliveryState[] STATES = DeliveryState.values();

    private final int max;
    /** The most slots the table grows to: a power of two, at least twice {@code max} (so it is never half full). */
    private final int maxSlots;
    /**
     * The table: the key's two halves per slot; {@code state[i] == 0} marks an empty slot (else the state's ordinal
     * + 1). One object holding the three arrays, replaced whole when the table doubles (it starts small and doubles
     * while half full, up to {@code maxSlots}), so an optimistic reader never pairs arrays of two sizes.
     */
    private record Slots(long[] hi, long[] lo, byte[] state) {
        Slots(int n) {
            this(new long[n], new long[n], new byte[n]);
        }
    }

    private volatile Slots slots;
    /**
     * The ids in the order they were first seen, {@code max} of them at most: the oldest goes first. It grows with
     * the count; nothing is forgotten before it holds {@code max}, so its head stays at 0 until then.
     */
    private long[] ringHi;
    private long[] ringLo;
    private int ringHead;
    private int count;
    private final StampedLock rw = new StampedLock();
    /** Ids that are not canonical UUIDs, in insertion order, same bound (guarded by {@link #rw}). */
    private final LinkedHashMap<String, DeliveryState> other;

    ApnsIdStates(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one state, not " + max);
        }
        this.max = max;
        this.maxSlots = Integer.highestOneBit(Math.max(4, max) * 2 - 1) << 1;
        this.slots = new Slots(Math.min(maxSlots, 1024));
        this.ringHi = new long[Math.min(max, 512)];
        this.ringLo = new long[ringHi.length];
        this.other = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DeliveryState> eldest) {
                return size() > ApnsIdStates.this.max;
            }
        };
    }

    /** The state of {@code apnsId} (either case), or null when none is kept. */
    DeliveryState get(String apnsId) {
        if (apnsId == null) {
            return null;
        }
        if (!isUuid(apnsId)) {
            long stamp = rw.readLock();
            try {
                return other.get(apnsId.toLowerCase(java.util.Locale.ROOT));
            } finally {
                rw.unlockRead(stamp);
            }
        }
        long h = high(apnsId);
        long l = low(apnsId);
        long stamp = rw.tryOptimisticRead();
        int found = find(h, l);
        if (!rw.validate(stamp)) {
            stamp = rw.readLock();
            try {
                found = find(h, l);
            } finally {
                rw.unlockRead(stamp);
            }
        }
        return found == 0 ? null : STATES[found - 1];
    }

    /** Sets the state of {@code apnsId}; a new id past the bound makes the oldest one go. */
    void put(String apnsId, DeliveryState s) {
        boolean uuid = isUuid(apnsId);
        long h = uuid ? high(apnsId) : 0;
        long l = uuid ? low(apnsId) : 0;
        byte code = (byte) (s.ordinal() + 1);
        long stamp = rw.writeLock();
        try {
            if (!uuid) {
                other.put(apnsId.toLowerCase(java.util.Locale.ROOT), s);
                return;
            }
            Slots t = slots;
            int i = probe(t, h, l);
            if (t.state[i] != 0) { // known: a later state of the same push
                t.state[i] = code;
                return;
            }
            if (count == max) { // full: the oldest goes first
                remove(t, ringHi[ringHead], ringLo[ringHead]);
                ringHead = (ringHead + 1) % max;
                count--;
            } else if (2 * (count + 1) > t.state.length && t.state.length < maxSlots) {
                t = grow(t);
            }
            if (count == ringHi.length) { // not full (or one went above), so the ring's head is still 0
                int more = (int) Math.min(max, 2L * ringHi.length);
                ringHi = java.util.Arrays.copyOf(ringHi, more);
                ringLo = java.util.Arrays.copyOf(ringLo, more);
            }
            i = probe(t, h, l); // the removal or the growth may have moved entries along this id's path
            t.hi[i] = h;
            t.lo[i] = l;
            t.state[i] = code;
            int tail = (ringHead + count) % max;
            ringHi[tail] = h;
            ringLo[tail] = l;
            count++;
        } finally {
            rw.unlockWrite(stamp);
        }
    }

    /** True for a UUID in its canonical text form, 8-4-4-4-12 hex digits in either case. */
    static boolean isUuid(String s) {
        return dev.pushflow.apns.AppleIds.isCanonicalUuid(s, false);
    }

    /** The high half of a canonical UUID (its first 16 hex digits: 8-4-4), dashes skipped. */
    private static long high(String s) {
        return HexDigits.parse(s, 0, 8) << 32 | HexDigits.parse(s, 9, 13) << 16 | HexDigits.parse(s, 14, 18);
    }

    /** The low half (the last 16 hex digits: 4-12). */
    private static long low(String s) {
        return HexDigits.parse(s, 19, 23) << 48 | HexDigits.parse(s, 24, 36);
    }

    /** Twice the slots, every entry put again, then published whole (under the write lock). */
    private Slots grow(Slots old) {
        Slots t = new Slots(old.state.length * 2);
        for (int j = 0; j < old.state.length; j++) {
            if (old.state[j] != 0) {
                int i = probe(t, old.hi[j], old.lo[j]);
                t.hi[i] = old.hi[j];
                t.lo[i] = old.lo[j];
                t.state[i] = old.state[j];
            }
        }
        slots = t;
        return t;
    }

    /** How many ids have a state kept (tests). */
    int size() {
        long stamp = rw.readLock();
        try {
            return count + other.size();
        } finally {
            rw.unlockRead(stamp);
        }
    }

    void clear() {
        long stamp = rw.writeLock();
        try {
            slots = new Slots(Math.min(maxSlots, 1024));
            ringHi = new long[Math.min(max, 512)];
            ringLo = new long[ringHi.length];
            ringHead = 0;
            count = 0;
            other.clear();
        } finally {
            rw.unlockWrite(stamp);
        }
    }

    /** The slot's state (ordinal + 1), 0 when the id is not kept. Bounded: an optimistic read may see a torn table. */
    private int find(long h, long l) {
        Slots t = slots;
        byte[] state = t.state;
        int mask = state.length - 1;
        int i = slot(h, l, mask);
        for (int probes = 0; probes <= mask; probes++) {
            byte s = state[i];
            if (s == 0) {
                return 0;
            }
            if (t.hi[i] == h && t.lo[i] == l) {
                return s;
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    /** The slot that holds the id, or the empty slot where its probe ends (under the write lock). */
    private static int probe(Slots t, long h, long l) {
        int mask = t.state.length - 1;
        int i = slot(h, l, mask);
        while (t.state[i] != 0 && !(t.hi[i] == h && t.lo[i] == l)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Takes an id out (linear probing: the entries after it that probed past its slot move back). */
    private static void remove(Slots t, long h, long l) {
        int mask = t.state.length - 1;
        int i = probe(t, h, l);
        if (t.state[i] == 0) {
            return;
        }
        t.state[i] = 0;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (t.state[j] == 0) {
                return;
            }
            int home = slot(t.hi[j], t.lo[j], mask);
            // j's entry stays unless the hole at i lies on its probe path: its home cyclically in (i, j] keeps it
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                t.hi[i] = t.hi[j];
                t.lo[i] = t.lo[j];
                t.state[i] = t.state[j];
                t.state[j] = 0;
                i = j;
            }
        }
    }

    private static int slot(long h, long l, int mask) {
        long x = h * 0x9E3779B97F4A7C15L ^ l;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        return (int) (x ^ (x >>> 29)) & mask;
    }
}
