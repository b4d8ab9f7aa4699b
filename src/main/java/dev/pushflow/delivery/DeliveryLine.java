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

    /** The bytes written so far, without a copy (the writer thread writes them to the file, then resets). */
    java.nio.ByteBuffer buffer() {
        return java.nio.ByteBuffer.wrap(buf, 0, len);
    }

    /** The buffer itself: its first {@link #size()} bytes are the lines encoded so far (the log writer's file writes). */
    byte[] array() {
        return buf;
    }

    /** Forgets the first {@code n} bytes (lines now in the file), keeping the rest at the start of the buffer. */
    void drop(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }

    /** The bytes written so far (tests). */
    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    // The field names with their punctuation, as bytes once (the writer copies them instead of a char loop).
    private static final byte[] K_SEQ = key("{\"seq\":");
    private static final byte[] K_TIME = key(",\"time\":");
    private static final byte[] K_MESSAGE = key(",\"messageId\":");
    private static final byte[] K_DEVICE_ID = key(",\"deviceId\":");
    private static final byte[] K_DEVICE_NAME = key(",\"deviceName\":");
    private static final byte[] K_USER = key(",\"userID\":");
    private static final byte[] K_CERTIFICATE = key(",\"certificateId\":");
    private static final byte[] K_ENVIRONMENT = key(",\"environment\":");
    private static final byte[] K_GATEWAY = key(",\"gateway\":");
    private static final byte[] K_TOPIC = key(",\"topic\":");
    private static final byte[] K_PUSH_TYPE = key(",\"pushType\":");
    private static final byte[] K_PRIORITY = key(",\"priority\":");
    private static final byte[] K_TOKEN = key(",\"token\":");
    private static final byte[] K_APNS_ID = key(",\"apnsId\":");
    private static final byte[] K_UNIQUE_ID = key(",\"apnsUniqueId\":");
    private static final byte[] K_STATUS = key(",\"status\":");
    private static final byte[] K_STATUS_CODE = key(",\"statusCode\":");
    private static final byte[] K_REASON = key(",\"reason\":");
    private static final byte[] K_DETAIL = key(",\"detail\":");
    private static final byte[] K_INVALIDATION = key(",\"invalidationTimestamp\":");
    private static final byte[] K_LATENCY = key(",\"latencyMicros\":");
    private static final byte[] K_PAYLOAD = key(",\"payload\":");
    private static final byte[] K_SOURCE = key(",\"source\":");
    private static final byte[] K_ATTEMPT = key(",\"attempt\":");
    private static final byte[] K_FINAL_TRUE = key(",\"final\":true");
    private static final byte[] K_FINAL_FALSE = key(",\"final\":false");
    private static final byte[] K_DELIVERY_STATE = key(",\"deliveryState\":");
    private static final byte[] NULL = key("null");
    private static final byte[] END = key("}\n");

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    void append(DeliveryRecord r) {
        append(r, r.seq());
    }

    /** The line of {@code r} with sequence number {@code seq} (whatever the record's own says). */
    void append(DeliveryRecord r, long seq) {
        if (r.status() == DeliveryStatus.SENDING) {
            appendJournal(r, seq);
            return;
        }
        raw(K_SEQ);
        number(seq);
        raw(K_TIME);
        instant(r.time());
        raw(K_MESSAGE);
        text(r, DeliveryRecord.MESSAGE_ID);
        raw(K_DEVICE_ID);
        repeated(DEVICE_ID, r.deviceId());
        raw(K_DEVICE_NAME);
        repeated(DEVICE_NAME, r.deviceName());
        raw(K_USER);
        repeated(USER, r.userID());
        raw(K_CERTIFICATE);
        number(r.certificateId());
        raw(K_ENVIRONMENT);
        repeated(ENVIRONMENT, r.environment() == null ? null : r.environment().name());
        raw(K_GATEWAY);
        repeated(GATEWAY, r.gateway());
        raw(K_TOPIC);
        repeated(TOPIC, r.topic());
        raw(K_PUSH_TYPE);
        repeated(PUSH_TYPE, r.pushType());
        raw(K_PRIORITY);
        if (r.priority() == null) {
            raw(NULL);
        } else {
            number(r.priority());
        }
        raw(K_TOKEN);
        repeated(TOKEN, r.token());
        raw(K_APNS_ID);
        text(r, DeliveryRecord.APNS_ID);
        raw(K_UNIQUE_ID);
        text(r, DeliveryRecord.APNS_UNIQUE_ID);
        raw(K_STATUS);
        repeated(STATUS, r.status() == null ? null : r.status().name());
        raw(K_STATUS_CODE);
        number(r.statusCode());
        raw(K_REASON);
        repeated(REASON, r.reason());
        raw(K_DETAIL);
        repeated(DETAIL, r.detail());
        raw(K_INVALIDATION);
        instant(r.invalidationTimestamp());
        raw(K_LATENCY);
        number(r.latencyMicros());
        raw(K_PAYLOAD);
        text(r, DeliveryRecord.PAYLOAD);
        raw(K_SOURCE);
        repeated(SOURCE, r.source());
        raw(K_ATTEMPT);
        number(r.attempt());
        raw(r.finalAttempt() ? K_FINAL_TRUE : K_FINAL_FALSE);
        raw(K_DELIVERY_STATE);
        repeated(DELIVERY_STATE, r.deliveryState());
        raw(END);
    }

    /**
     * A SENDING journal line (written before every attempt): the same document without the fields that are null,
     * 0 or false, which a SENDING record mostly has (no answer, no payload, not final). It reads back as the same
     * record (a missing field reads as null, 0 or false) at about 60 % of the full line's size.
     */
    private void appendJournal(DeliveryRecord r, long seq) {
        raw(K_SEQ);
        number(seq);
        if (r.time() != null) {
            raw(K_TIME);
            instant(r.time());
        }
        optionalText(K_MESSAGE, r, DeliveryRecord.MESSAGE_ID);
        optional(K_DEVICE_ID, DEVICE_ID, r.deviceId());
        optional(K_DEVICE_NAME, DEVICE_NAME, r.deviceName());
        optional(K_USER, USER, r.userID());
        optionalNumber(K_CERTIFICATE, r.certificateId());
        optional(K_ENVIRONMENT, ENVIRONMENT, r.environment() == null ? null : r.environment().name());
        optional(K_GATEWAY, GATEWAY, r.gateway());
        optional(K_TOPIC, TOPIC, r.topic());
        optional(K_PUSH_TYPE, PUSH_TYPE, r.pushType());
        if (r.priority() != null) {
            raw(K_PRIORITY);
            number(r.priority());
        }
        optional(K_TOKEN, TOKEN, r.token());
        optionalText(K_APNS_ID, r, DeliveryRecord.APNS_ID);
        optionalText(K_UNIQUE_ID, r, DeliveryRecord.APNS_UNIQUE_ID);
        optional(K_STATUS, STATUS, r.status().name());
        optionalNumber(K_STATUS_CODE, r.statusCode());
        optional(K_REASON, REASON, r.reason());
        optional(K_DETAIL, DETAIL, r.detail());
        if (r.invalidationTimestamp() != null) {
            raw(K_INVALIDATION);
            instant(r.invalidationTimestamp());
        }
        optionalNumber(K_LATENCY, r.latencyMicros());
        optionalText(K_PAYLOAD, r, DeliveryRecord.PAYLOAD);
        optional(K_SOURCE, SOURCE, r.source());
        raw(K_ATTEMPT); // always: a line without it reads back as a first and final attempt
        number(r.attempt());
        if (r.finalAttempt()) {
            raw(K_FINAL_TRUE);
        }
        optional(K_DELIVERY_STATE, DELIVERY_STATE, r.deliveryState());
        raw(END);
    }

    /** {@link #optional} for one of the record's own texts ({@link DeliveryRecord#PAYLOAD}, ...). */
    private void optionalText(byte[] key, DeliveryRecord r, int k) {
        if (r.encoding(k) != DeliveryRecord.NONE) {
            raw(key);
            text(r, k);
        }
    }

    /**
     * One of the record's own texts, encoded from the bytes the record keeps it in (no String made): Latin-1 bytes
     * are escaped and widened to UTF-8 in one pass, UTF-8 bytes copied and escaped in place.
     */
    private void text(DeliveryRecord r, int k) {
        int e = r.encoding(k);
        if (e == DeliveryRecord.NONE) {
            raw(NULL);
            return;
        }
        if (e == DeliveryRecord.AS_STRING) {
            string(r.keptText(k));
            return;
        }
        byte[] src = r.textBytes();
        int from = r.offset(k);
        int n = r.length(k);
        if (e == TextArena.UTF8) {
            ensure(n * 6 + 2);
            byte[] b = buf;
            b[len++] = '"';
            int p = len;
            System.arraycopy(src, from, b, p, n);
            widen(b, p, n);
            b[len++] = '"';
            return;
        }
        ensure(n * 6 + 2);
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        for (int i = from, end = from + n; i < end; i++) {
            int c = src[i] & 0xFF;
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    b[p++] = '\\';
                }
                b[p++] = (byte) c;
            } else if (c >= 0x80) { // Latin-1 beyond ASCII: two UTF-8 bytes
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else {
                p = escapeControl(b, p, c);
            }
        }
        b[p++] = '"';
        len = p;
    }

    /** A field written only when it has a value; {@code slot} -1 for values that never repeat. */
    private void optional(byte[] key, int slot, String value) {
        if (value == null) {
            return;
        }
        raw(key);
        if (slot < 0) {
            string(value);
        } else {
            repeated(slot, value);
        }
    }

    private void optionalNumber(byte[] key, long value) {
        if (value != 0) {
            raw(key);
            number(value);
        }
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void ascii(String s) { // only for rare text (a null instant, Long.MIN_VALUE)
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
            raw(NULL);
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
            raw(NULL);
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
            raw(NULL);
            return;
        }
        int n = s.length();
        ensure(n * 6 + 2);
        byte[] b = buf;
        int start = len;
        int p = start;
        b[p++] = '"';
        // One pass straight into the buffer for ASCII text (what a log line almost always holds): no byte[] copy of
        // the string per field. The first other character sends the whole string the UTF-8 way below.
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    b[p++] = '\\';
                }
                b[p++] = (byte) c;
            } else if (c < 0x20) {
                p = escapeControl(b, p, c);
            } else {
                len = start;
                utf8String(s);
                return;
            }
        }
        b[p++] = '"';
        len = p;
    }

    /** {@link #string} for text beyond ASCII: the JDK's UTF-8 encoder, then the escapes widened in place. */
    private void utf8String(String s) {
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

    /** Writes control character {@code c} (below 0x20) escaped as JSON at {@code p}; returns the position after it. */
    private static int escapeControl(byte[] b, int p, int c) {
        b[p++] = '\\';
        switch (c) {
            case '\n' -> b[p++] = 'n';
            case '\r' -> b[p++] = 'r';
            case '\t' -> b[p++] = 't';
            case '\b' -> b[p++] = 'b';
            case '\f' -> b[p++] = 'f';
            default -> {
                b[p++] = 'u';
                b[p++] = '0';
                b[p++] = '0';
                b[p++] = HEX[(c >> 4) & 0xF];
                b[p++] = HEX[c & 0xF];
            }
        }
        return p;
    }
}
