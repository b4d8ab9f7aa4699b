package dev.pushflow.credentials;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells what a credential file really is, so a message can say "this is a .cer, not a .p12". */
final class FileSniffer {

    enum Kind {
        EMPTY,
        /** Starts like a PKCS#12 PFX: SEQUENCE { INTEGER 3, ... }. */
        PKCS12,
        /** A binary (DER) X.509 certificate, as the Apple Developer portal downloads it (.cer). */
        DER_CERTIFICATE,
        /** A binary (DER) PKCS#8 PrivateKeyInfo. */
        DER_PKCS8,
        /** Text with at least one -----BEGIN ...----- line. */
        PEM,
        /** Text without PEM armour. */
        TEXT,
        /** Anything else. */
        BINARY
    }

    /** What the bytes are; for PEM, the types of its blocks in order ("PRIVATE KEY", "CERTIFICATE", ...). */
    record Result(Kind kind, List<String> pemTypes) {
        boolean hasPem(String type) {
            return pemTypes.contains(type);
        }

        String firstPemType() {
            return pemTypes.isEmpty() ? "" : pemTypes.get(0);
        }
    }

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");

    private FileSniffer() {
    }

    static Result sniff(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || isBlank(bytes)) {
            return new Result(Kind.EMPTY, List.of());
        }
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher m = BEGIN.matcher(latin);
        List<String> types = new ArrayList<>();
        while (m.find()) {
            types.add(m.group(1).trim());
        }
        if (!types.isEmpty()) {
            return new Result(Kind.PEM, List.copyOf(types));
        }
        if (looksLikePfx(bytes)) {
            return new Result(Kind.PKCS12, List.of());
        }
        if ((bytes[0] & 0xFF) == Der.SEQUENCE) {
            if (looksLikePkcs8(bytes)) {
                return new Result(Kind.DER_PKCS8, List.of());
            }
            try {
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
                return new Result(Kind.DER_CERTIFICATE, List.of());
            } catch (Exception | LinkageError notACertificate) {
                // fall through
            }
        }
        return new Result(isMostlyText(bytes) ? Kind.TEXT : Kind.BINARY, List.of());
    }

    /** SEQUENCE (definite or indefinite length) whose first element is INTEGER 3, the PFX version. */
    static boolean looksLikePfx(byte[] b) {
        if (b.length < 5 || (b[0] & 0xFF) != Der.SEQUENCE) {
            return false;
        }
        int first = b[1] & 0xFF;
        int pos = first < 0x80 ? 2 : first == 0x80 ? 2 : 2 + (first & 0x7F);
        return pos + 3 <= b.length && b[pos] == Der.INTEGER && b[pos + 1] == 1 && b[pos + 2] == 3;
    }

    private static boolean looksLikePkcs8(byte[] b) {
        try {
            List<Der.Tlv> c = Der.sequence(Der.read(b), 3);
            return c.get(0).tag() == Der.INTEGER && c.get(1).tag() == Der.SEQUENCE
                    && c.get(1).children().get(0).tag() == Der.OID && c.get(2).tag() == Der.OCTET_STRING;
        } catch (Der.Malformed | RuntimeException e) {
            return false;
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isMostlyText(byte[] b) {
        int n = Math.min(b.length, 4096);
        int text = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F) || c >= 0x80) {
                text++;
            }
        }
        return text >= n * 0.95;
    }
}
