package dev.pushflow.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes delivery records as JSON lines straight into UTF-8 bytes: the same document Jackson writes for a
 * {@link DeliveryRecord} (same fields, order, nulls and ISO instants; a test checks it against Jackson), without
 * databind's reflection, the char-to-byte encoder and a time formatter per record. The log writer thread runs this
 * for every push, so it is on the engine's hot path.
 */
final class DeliveryLine {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf = new byte[64 * 1024];
    private int len;
    /** The instant formatting cache: the "yyyy-MM-ddTHH:mm:ss" text of the last epoch second written. */
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedPrefix = new byte[0];

    int size() {
        return len;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
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
        string(r.deviceId());
        ascii(",\"deviceName\":");
        string(r.deviceName());
        ascii(",\"userID\":");
        string(r.userID());
        ascii(",\"certificateId\":");
        number(r.certificateId());
        ascii(",\"environment\":");
        string(r.environment() == null ? null : r.environment().name());
        ascii(",\"gateway\":");
        string(r.gateway());
        ascii(",\"topic\":");
        string(r.topic());
        ascii(",\"pushType\":");
        string(r.pushType());
        ascii(",\"priority\":");
        if (r.priority() == null) {
            ascii("null");
        } else {
            number(r.priority());
        }
        ascii(",\"token\":");
        string(r.token());
        ascii(",\"apnsId\":");
        string(r.apnsId());
        ascii(",\"apnsUniqueId\":");
        string(r.apnsUniqueId());
        ascii(",\"status\":");
        string(r.status() == null ? null : r.status().name());
        ascii(",\"statusCode\":");
        number(r.statusCode());
        ascii(",\"reason\":");
        string(r.reason());
        ascii(",\"detail\":");
        string(r.detail());
        ascii(",\"invalidationTimestamp\":");
        instant(r.invalidationTimestamp());
        ascii(",\"latencyMicros\":");
        number(r.latencyMicros());
        ascii(",\"payload\":");
        string(r.payload());
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
            cachedPrefix = text.substring(0, 19).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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

    /** A JSON string in UTF-8, escaped as Jackson does: quote, backslash and control characters. */
    private void string(String s) {
        if (s == null) {
            ascii("null");
            return;
        }
        int n = s.length();
        ensure(n * 6 + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    buf[len++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                escapeUnicode(c); // a lone surrogate cannot be UTF-8: keep it as \\uXXXX
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        buf[len++] = '"';
    }

    private void escape(char c) {
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                len--;
                escapeUnicode(c);
            }
        }
    }

    private void escapeUnicode(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xF];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
    }
}
