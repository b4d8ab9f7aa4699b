package dev.pushflow.apns;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for apns-id and message IDs. They only need to be unique, not unguessable,
 * and UUID.randomUUID() goes through a shared SecureRandom that shows in bulk runs.
 */
public final class FastIds {
    private FastIds() {
    }

    public static UUID uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
