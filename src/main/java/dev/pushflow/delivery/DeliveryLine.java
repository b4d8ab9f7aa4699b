package dev.pushflow.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes delivery records as JSON lines straight into UTF-8 bytes: the same document Jackson writes for a
 * {@link DeliveryRecord} (same fields, order, nulls and ISO instants; a test checks it against Jackson), without
 * databind's reflection, the char-to-byte encoder and a time formatter per record. The log writer thread runs this
 * for every push, so it is on the engine's hot path.
 */
final class DeliveryLine {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[64 * 1024];
    private int len;
    /** The instant formatting cache: the "yyyy-MM-ddTHH:mm:ss" text of the last epoch second written. */
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedPrefix = new byte[0];
    /** Per field, the last value and its encoded bytes: device, user, gateway, topic and token repeat a lot. */
    private final String[] lastValue = new String[FIELDS];
    private final byte[][] lastBytes = new byte[FIELDS][];

    private static final int FIELDS = 14;
    private static final int DEVICE_ID = 0;
    private static final int DEVICE_NAME = 1;
    private static final int USER = 2;
    private static final int ENVIRONMENT = 3;
    private static final int GATEWAY = 4;
    private static final int TOPIC = 5;
    private static final int PUSH_TYPE = 6;
    private static final int TOKEN = 7;
    private static final int STATUS = 8;
    private static final int REASON = 9;
    private static final int DETAIL = 10;
    private static final int MESSAGE = 11;
    private static final int SOURCE = 12;
    private static final int DELIVERY_STATE = 13;

    int size() {
        return len;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    /** Forgets what was encoded (benchmarks). */
    void reset() {
        len = 0;
    }

    /** The bytes written so far (tests). */
    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    void append(DeliveryRecord r) {
        ascii("{\"seq\":");
        number(r.seq());
        ascii(",\"time\":");
        instant(r.time());
        ascii(",\"messageId\":");
        string(r.messageId());
        ascii(",\"deviceId\":");
        repeated(DEVICE_ID, r.deviceId());
        ascii(",\"deviceName\":");
        repeated(DEVICE_NAME, r.deviceName());
        ascii(",\"userID\":");
        repeated(USER, r.userID());
        ascii(",\"certificateId\":");
        number(r.certificateId());
        ascii(",\"environment\":");
        repeated(ENVIRONMENT, r.environment() == null ? null : r.environment().name());
        ascii(",\"gateway\":");
        repeated(GATEWAY, r.gateway());
        ascii(",\"topic\":");
        repeated(TOPIC, r.topic());
        ascii(",\"pushType\":");
        repeated(PUSH_TYPE, r.pushType());
        ascii(",\"priority\":");
        if (r.priority() == null) {
            ascii("null");
        } else {
            number(r.priority());
        }
        ascii(",\"token\":");
        repeated(TOKEN, r.token());
        ascii(",\"apnsId\":");
        string(r.apnsId());
        ascii(",\"apnsUniqueId\":");
        string(r.apnsUniqueId());
        ascii(",\"status\":");
        repeated(STATUS, r.status() == null ? null : r.status().name());
        ascii(",\"statusCode\":");
        number(r.statusCode());
        ascii(",\"reason\":");
        repeated(REASON, r.reason());
        ascii(",\"detail\":");
        repeated(DETAIL, r.detail());
        ascii(",\"invalidationTimestamp\":");
        instant(r.invalidationTimestamp());
        ascii(",\"latencyMicros\":");
        number(r.latencyMicros());
        ascii(",\"payload\":");
        string(r.payload());
        ascii(",\"source\":");
        repeated(SOURCE, r.source());
        ascii(",\"attempt\":");
        number(r.attempt());
        ascii(r.finalAttempt() ? ",\"final\":true" : ",\"final\":false");
        ascii(",\"deliveryState\":");
        repeated(DELIVERY_STATE, r.deliveryState());
        ascii("}\n");
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void number(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    /** As Instant.toString (ISO_INSTANT): seconds always, then 0, 3, 6 or 9 fraction digits. */
    private void instant(Instant t) {
        if (t == null) {
            ascii("null");
            return;
        }
        long second = t.getEpochSecond();
        if (second != cachedSecond) {
            String text = t.toString();
            // Years beyond 9999 or before 0 have a different shape: no cache for them.
            if (text.length() < 20 || text.charAt(19) != (t.getNano() == 0 ? 'Z' : '.')) {
                string(text);
                return;
            }
            cachedSecond = second;
            cachedPrefix = text.substring(0, 19).getBytes(StandardCharsets.US_ASCII);
        }
        ensure(cachedPrefix.length + 13);
        buf[len++] = '"';
        System.arraycopy(cachedPrefix, 0, buf, len, cachedPrefix.length);
        len += cachedPrefix.length;
        int nano = t.getNano();
        if (nano != 0) {
            buf[len++] = '.';
            int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
            for (int i = digits - 1; i >= 0; i--) {
                buf[len + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            len += digits;
        }
        buf[len++] = 'Z';
        buf[len++] = '"';
    }

    /** A value that often repeats from one record to the next: copied from the last encoding when it does. */
    private void repeated(int slot, String s) {
        if (s == null) {
            ascii("null");
            return;
        }
        String last = lastValue[slot];
        if (s == last || s.equals(last)) {
            byte[] b = lastBytes[slot];
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return;
        }
        int start = len;
        string(s);
        lastValue[slot] = s;
        lastBytes[slot] = Arrays.copyOfRange(buf, start, len);
    }

    /**
     * A JSON string in UTF-8, escaped as Jackson does: quote, backslash and control characters. The JDK's UTF-8
     * encoder does the bulk of the work (a plain copy for ASCII text); then the few bytes that need escaping are
     * counted and the string is widened in place. Multi-byte UTF-8 sequences never need escaping (all their bytes
     * are 0x80 and up). A lone surrogate, which UTF-8 cannot hold, becomes '?' as in the JDK's encoder.
     */
    private void string(String s) {
        if (s == null) {
            ascii("null");
            return;
        }
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        int n = u.length;
        ensure(n * 6 + 2);
        byte[] b = buf;
        b[len++] = '"';
        int p = len;
        System.arraycopy(u, 0, b, p, n);
        widen(b, p, n);
        b[len++] = '"';
    }

    /**
     * Escapes in place the n UTF-8 bytes at p and sets {@code len} after them: counts the room escapes need, then
     * moves from the end so nothing is overwritten before it is read. Only quote, backslash and controls change.
     */
    private void widen(byte[] b, int p, int n) {
        // Controls other than \n \r \t \b \f take six bytes (a backslash-u escape), the rest two: count the extra exactly.
        int extra = 0;
        for (int i = p, end = p + n; i < end; i++) {
            byte c = b[i];
            if (c >= 0 && c < 0x20) {
                extra += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 1 : 5;
            } else if (c == '"' || c == '\\') {
                extra += 1;
            }
        }
        int w = p + n + extra;
        len = w;
        if (extra == 0) {
            return;
        }
        for (int r = p + n - 1; r >= p; r--) {
            byte c = b[r];
            if (c < 0 || (c >= 0x20 && c != '"' && c != '\\')) {
                b[--w] = c;
                continue;
            }
            switch (c) {
                case '"' -> { b[--w] = '"'; b[--w] = '\\'; }
                case '\\' -> { b[--w] = '\\'; b[--w] = '\\'; }
                case '\n' -> { b[--w] = 'n'; b[--w] = '\\'; }
                case '\r' -> { b[--w] = 'r'; b[--w] = '\\'; }
                case '\t' -> { b[--w] = 't'; b[--w] = '\\'; }
                case '\b' -> { b[--w] = 'b'; b[--w] = '\\'; }
                case '\f' -> { b[--w] = 'f'; b[--w] = '\\'; }
                default -> {
                    b[--w] = HEX[c & 0xF];
                    b[--w] = HEX[(c >> 4) & 0xF];
                    b[--w] = '0';
                    b[--w] = '0';
                    b[--w] = 'u';
                    b[--w] = '\\';
                }
            }
        }
    }
}
