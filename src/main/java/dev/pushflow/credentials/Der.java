package dev.pushflow.credentials;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal DER reader for the few structures this package looks into itself (Apple's certificate
 * extensions, subject names, PKCS#8 headers, PKCS#12 bags). Single-byte tags and definite lengths only;
 * anything else is reported as {@link Malformed}, which callers turn into "could not read" rather than a crash.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0C;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;
    /** [0] constructed, as in EXPLICIT [0] wrappers. */
    static final int CONTEXT_0 = 0xA0;
    /** [0] primitive, as in IMPLICIT [0] OCTET STRING. */
    static final int CONTEXT_0_PRIMITIVE = 0x80;

    private Der() {
    }

    /** Structure that this reader cannot follow: odd, damaged or BER-only encodings. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** One tag-length-value element inside {@code src}. */
    record Tlv(int tag, byte[] src, int start, int valueStart, int end) {

        int length() {
            return end - valueStart;
        }

        boolean constructed() {
            return (tag & 0x20) != 0;
        }

        byte[] value() {
            return Arrays.copyOfRange(src, valueStart, end);
        }

        /** The whole element, tag and length included. */
        byte[] encoded() {
            return Arrays.copyOfRange(src, start, end);
        }

        List<Tlv> children() throws Malformed {
            if (!constructed()) {
                throw new Malformed("primitive element has no children");
            }
            return readAll(src, valueStart, end);
        }

        /** The single element inside an EXPLICIT wrapper or an OCTET STRING that wraps DER. */
        Tlv inner() throws Malformed {
            return read(src, valueStart, end);
        }

        boolean isString() {
            return switch (tag) {
                case UTF8_STRING, 0x12, 0x13, 0x14, 0x16, 0x1A, 0x1C, 0x1E -> true;
                default -> false;
            };
        }

        String string() throws Malformed {
            return switch (tag) {
                case UTF8_STRING -> new String(src, valueStart, length(), StandardCharsets.UTF_8);
                // Numeric, Printable, T61 (Teletex, read as Latin-1), IA5, Visible
                case 0x12, 0x13, 0x14, 0x16, 0x1A -> new String(src, valueStart, length(), StandardCharsets.ISO_8859_1);
                case 0x1E -> new String(src, valueStart, length(), StandardCharsets.UTF_16BE);
                case 0x1C -> new String(src, valueStart, length(), java.nio.charset.Charset.forName("UTF-32BE"));
                default -> throw new Malformed("not a string: tag " + tag);
            };
        }

        BigInteger integer() throws Malformed {
            if (tag != INTEGER || length() == 0) {
                throw new Malformed("not an INTEGER");
            }
            return new BigInteger(value());
        }

        String oid() throws Malformed {
            if (tag != OID || length() == 0) {
                throw new Malformed("not an OBJECT IDENTIFIER");
            }
            StringBuilder out = new StringBuilder();
            long arc = 0;
            boolean first = true;
            for (int i = valueStart; i < end; i++) {
                int b = src[i] & 0xFF;
                if (arc > (Long.MAX_VALUE >> 7)) {
                    throw new Malformed("OID arc too large");
                }
                arc = (arc << 7) | (b & 0x7F);
                if ((b & 0x80) == 0) {
                    if (first) {
                        int x = arc < 40 ? 0 : arc < 80 ? 1 : 2;
                        out.append(x).append('.').append(arc - 40L * x);
                        first = false;
                    } else {
                        out.append('.').append(arc);
                    }
                    arc = 0;
                } else if (i == end - 1) {
                    throw new Malformed("truncated OID");
                }
            }
            return out.toString();
        }
    }

    static Tlv read(byte[] src) throws Malformed {
        return read(src, 0, src.length);
    }

    /** Reads the element starting at {@code offset}, which must end at or before {@code limit}. */
    static Tlv read(byte[] src, int offset, int limit) throws Malformed {
        if (src == null || offset < 0 || limit > src.length || offset + 2 > limit) {
            throw new Malformed("truncated element");
        }
        int tag = src[offset] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new Malformed("multi-byte tags are not supported");
        }
        int first = src[offset + 1] & 0xFF;
        int pos = offset + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new Malformed("indefinite length (BER) is not supported");
        } else {
            int n = first & 0x7F;
            if (n > 4 || pos + n > limit) {
                throw new Malformed("bad length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (src[pos++] & 0xFF);
            }
        }
        if (length > limit - pos) {
            throw new Malformed("element runs past its container");
        }
        return new Tlv(tag, src, offset, pos, pos + (int) length);
    }

    static List<Tlv> readAll(byte[] src, int start, int end) throws Malformed {
        List<Tlv> out = new ArrayList<>();
        int pos = start;
        while (pos < end) {
            Tlv t = read(src, pos, end);
            out.add(t);
            pos = t.end();
        }
        return out;
    }

    /** Children of {@code t}, checking that it is a SEQUENCE with at least {@code min} elements. */
    static List<Tlv> sequence(Tlv t, int min) throws Malformed {
        if (t.tag() != SEQUENCE) {
            throw new Malformed("expected a SEQUENCE, found tag " + t.tag());
        }
        List<Tlv> c = t.children();
        if (c.size() < min) {
            throw new Malformed("SEQUENCE too short");
        }
        return c;
    }
}
