package dev.pushflow.delivery;

import java.nio.charset.StandardCharsets;

/**
 * Where delivery records keep the text that is new with each push (its message ID, apns-id, apns-unique-id and
 * payload): as bytes in shared chunks, not as a {@code String} and its array per field.
 *
 * <p>Why: a window or a load run keeps every record of the session, and under a flood each young collection had to
 * copy the records born since the last one, ~760 bytes each in five objects, twice (into a survivor space, then into
 * the old generation). With the four texts here a record is one object of ~180 bytes. Once the session has made
 * 16 MB of text the chunks are 8 MB each: G1 allocates arrays that large straight into the old generation (a
 * humongous object, at least half a region) and never copies them. The first chunks are small, so a test or a short
 * CLI run that makes a handful of records does not hold 8 MB.</p>
 *
 * <p>A chunk lives as long as one record that points into it. Records write their bytes once, before they are
 * published, into a range no other record uses (see {@link DeliveryRecord}); nothing is written twice.</p>
 */
final class TextArena {
    /** Text kept as Latin-1 bytes (one byte per char: exact for chars up to U+00FF). */
    static final byte LATIN1 = 1;
    /** Text kept as UTF-8 bytes (any well-formed UTF-16 string round-trips). */
    static final byte UTF8 = 2;

    private static final int FIRST_CHUNK = 64 * 1024;
    private static final int MIDDLE_CHUNK = 1024 * 1024;
    private static final int LARGE_CHUNK = 8 * 1024 * 1024;
    private static final long LARGE_AFTER = 16L * 1024 * 1024;

    static final TextArena SHARED = new TextArena();

    private byte[] chunk = new byte[FIRST_CHUNK];
    private int used;
    private long made = FIRST_CHUNK;

    /** Bytes this arena has allocated in chunks so far (for the benchmarks). */
    synchronized long allocatedBytes() {
        return made;
    }

    /**
     * Reserves {@code n} bytes; returns the chunk and puts the offset in {@code at[0]}. The caller writes the range
     * before it publishes what points to it, and never again.
     */
    synchronized byte[] reserve(int n, int[] at) {
        if (n > chunk.length - used) {
            int size = made >= LARGE_AFTER ? LARGE_CHUNK : made >= MIDDLE_CHUNK ? MIDDLE_CHUNK : FIRST_CHUNK;
            if (n > size / 4) { // a very long text gets an array of its own; the current chunk stays in use
                made += n;
                at[0] = 0;
                return new byte[n];
            }
            chunk = new byte[size];
            used = 0;
            made += size;
        }
        at[0] = used;
        used += n;
        return chunk;
    }

    /** How {@code s} is kept: {@link #LATIN1}, {@link #UTF8}, or 0 when it stays a String (an unpaired surrogate). */
    static byte encodingOf(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                return wellFormed(s, i) ? UTF8 : 0;
            }
        }
        return LATIN1;
    }

    private static boolean wellFormed(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes {@code s} takes in {@code encoding}; for UTF-8 the encoded bytes are returned through {@code utf8}. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the chars' low bytes, exactly Latin-1
    static void putLatin1(String s, byte[] dst, int at) {
        s.getBytes(0, s.length(), dst, at);
    }

    static String text(byte[] chunk, int at, int length, byte encoding) {
        return new String(chunk, at, length, encoding == LATIN1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
}
