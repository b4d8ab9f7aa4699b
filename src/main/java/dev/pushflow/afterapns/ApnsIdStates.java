package dev.pushflow.afterapns;

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
    private final int mask;
    /** The key's two halves per slot; {@code state[i] == 0} marks an empty slot (else the state's ordinal + 1). */
    private final long[] hi;
    private final long[] lo;
    private final byte[] state;
    /** The ids in the order they were first seen, {@code max} of them at most: the oldest goes first. */
    private final long[] ringHi;
    private final long[] ringLo;
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
        int slots = Integer.highestOneBit(Math.max(4, max) * 2 - 1) << 1; // a power of two, at least twice max
        this.mask = slots - 1;
        this.hi = new long[slots];
        this.lo = new long[slots];
        this.state = new byte[slots];
        this.ringHi = new long[max];
        this.ringLo = new long[max];
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
        long h = half(apnsId, 0);
        long l = half(apnsId, 19);
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
        long h = uuid ? half(apnsId, 0) : 0;
        long l = uuid ? half(apnsId, 19) : 0;
        long stamp = rw.writeLock();
        try {
            if (!uuid) {
                other.put(apnsId.toLowerCase(java.util.Locale.ROOT), s);
                return;
            }
            int i = slot(h, l);
            while (state[i] != 0) {
                if (hi[i] == h && lo[i] == l) {
                    state[i] = (byte) (s.ordinal() + 1);
                    return;
                }
                i = (i + 1) & mask;
            }
            if (count == max) { // full: the oldest goes first
                remove(ringHi[ringHead], ringLo[ringHead]);
                ringHead = (ringHead + 1) % max;
                count--;
                // the removal may have moved entries back along this id's probe path: find its slot again
                i = slot(h, l);
                while (state[i] != 0) {
                    i = (i + 1) & mask;
                }
            }
            hi[i] = h;
            lo[i] = l;
            state[i] = (byte) (s.ordinal() + 1);
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
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (hex(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The 16 hex digits of a canonical UUID from {@code from} (0: the high half, 19: the low half), dashes skipped. */
    private static long half(String s, int from) {
        long v = 0;
        for (int i = from, digits = 0; digits < 16; i++) {
            char c = s.charAt(i);
            if (c != '-') {
                v = v << 4 | hex(c);
                digits++;
            }
        }
        return v;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
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
            java.util.Arrays.fill(state, (byte) 0);
            ringHead = 0;
            count = 0;
            other.clear();
        } finally {
            rw.unlockWrite(stamp);
        }
    }

    /** The slot's state (ordinal + 1), 0 when the id is not kept. Bounded: an optimistic read may see a torn table. */
    private int find(long h, long l) {
        int i = slot(h, l);
        for (int probes = 0; probes <= mask; probes++) {
            byte s = state[i];
            if (s == 0) {
                return 0;
            }
            if (hi[i] == h && lo[i] == l) {
                return s;
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    /** Takes an id out (linear probing: the entries after it that probed past its slot move back). */
    private void remove(long h, long l) {
        int i = slot(h, l);
        while (state[i] != 0 && !(hi[i] == h && lo[i] == l)) {
            i = (i + 1) & mask;
        }
        if (state[i] == 0) {
            return;
        }
        state[i] = 0;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (state[j] == 0) {
                return;
            }
            int home = slot(hi[j], lo[j]);
            // j's entry may move into the hole at i unless its home lies cyclically in (i, j]
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                hi[i] = hi[j];
                lo[i] = lo[j];
                state[i] = state[j];
                state[j] = 0;
                i = j;
            }
        }
    }

    private int slot(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L ^ l;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        return (int) (x ^ (x >>> 29)) & mask;
    }
}
