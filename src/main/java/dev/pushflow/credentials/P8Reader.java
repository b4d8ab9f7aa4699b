package dev.pushflow.credentials;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a token key (.p8) and explains every way it can be the wrong thing. Never prints key material. */
final class P8Reader {
    static final String WHERE_KEYS = "Certificates, Identifiers & Profiles > Keys";
    private static final String OID_EC = "1.2.840.10045.2.1";
    private static final String OID_P256 = "1.2.840.10045.3.1.7";
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final Map<String, String> CURVES = Map.of(
            OID_P256, "P-256",
            "1.3.132.0.34", "P-384 (secp384r1)",
            "1.3.132.0.35", "P-521 (secp521r1)",
            "1.3.132.0.10", "secp256k1",
            "1.2.840.10045.3.1.1", "P-192 (secp192r1)",
            "1.3.132.0.33", "P-224 (secp224r1)",
            "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1");
    private static final Map<String, String> OTHER_ALGORITHMS = Map.of(
            "1.3.101.112", "an Ed25519 key",
            "1.3.101.113", "an Ed448 key",
            "1.3.101.110", "an X25519 key",
            "1.3.101.111", "an X448 key",
            "1.2.840.10040.4.1", "a DSA key",
            "1.2.840.113549.1.3.1", "a Diffie-Hellman key");
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)(-----END \\1-----|\\z)", Pattern.DOTALL);

    private P8Reader() {
    }

    /** A usable token key: EC P-256, with its canonical PKCS#8 PEM (what Pushy reads). */
    record Key(ECPrivateKey key, String algorithm, byte[] canonicalPem) {
        @Override
        public String toString() {
            return "Key[" + algorithm + ", key=***]";
        }
    }

    static Key parse(String label, byte[] bytes) throws CredentialException {
        String fix = "Use the AuthKey_<KEYID>.p8 downloaded from " + WHERE_KEYS + " (a key with Apple Push"
                + " Notifications service enabled).";
        FileSniffer.Result sniff = FileSniffer.sniff(bytes);
        byte[] der = switch (sniff.kind()) {
            case EMPTY -> throw new CredentialException(label + " is empty. " + fix + " Apple lets you download a key"
                    + " only once: if the file is lost, revoke the key and create a new one.");
            case PEM -> pemBody(label, new String(bytes, StandardCharsets.ISO_8859_1), sniff, fix);
            case PKCS12 -> throw new CredentialException(label + " is a .p12 certificate file, not a .p8 token key:"
                    + " load it as a certificate (.p12) with its password instead.");
            case DER_CERTIFICATE -> throw new CredentialException(label + " is a certificate (.cer), not a .p8 token"
                    + " key. " + fix);
            case DER_PKCS8 -> throw new CredentialException(label + " is a private key in binary (DER) form, not the"
                    + " PEM text Apple's .p8 files are. Use the original .p8, or convert it: openssl pkcs8 -nocrypt"
                    + " -inform DER -in " + label + " -out AuthKey_<KEYID>.p8");
            case TEXT -> throw new CredentialException(bareBase64(bytes)
                    ? label + " is missing its -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines."
                            + " Copy the whole .p8 file, including those lines, or " + lowerFirst(fix)
                    : label + " is not a .p8 key: it is text without a -----BEGIN PRIVATE KEY----- line. " + fix);
            case BINARY -> throw new CredentialException(label + " is not a .p8 key: it is binary data, while a .p8"
                    + " is text starting with -----BEGIN PRIVATE KEY-----. " + fix);
        };
        return analyse(label, der, fix);
    }

    private static byte[] pemBody(String label, String text, FileSniffer.Result sniff, String fix)
            throws CredentialException {
        Matcher m = PEM_BLOCK.matcher(text);
        String firstType = null;
        String firstBody = null;
        boolean firstClosed = false;
        while (m.find()) {
            String type = m.group(1).trim();
            if (firstType == null) {
                firstType = type;
                firstBody = m.group(2);
                firstClosed = !m.group(3).isEmpty();
            }
            if (type.equals("PRIVATE KEY")) {
                if (m.group(3).isEmpty()) {
                    throw new CredentialException(label + " is cut off: its -----END PRIVATE KEY----- line is"
                            + " missing. Copy or download the whole file again.");
                }
                return decodeBody(label, m.group(2), fix);
            }
        }
        String type = firstType == null ? sniff.firstPemType() : firstType;
        if (sniff.hasPem("ENCRYPTED PRIVATE KEY") || (firstBody != null && firstBody.contains("ENCRYPTED"))) {
            throw new CredentialException(label + " is an encrypted private key; Apple's .p8 files are not"
                    + " encrypted. Use the original AuthKey_<KEYID>.p8, or decrypt it: openssl pkcs8 -in " + label
                    + " -nocrypt -out AuthKey_<KEYID>.p8");
        }
        if (type.equals("RSA PRIVATE KEY")) {
            throw new CredentialException(rsa(label));
        }
        if (type.equals("EC PRIVATE KEY")) {
            String curve = firstClosed ? sec1Curve(firstBody) : null;
            if (curve != null && !curve.equals("P-256")) {
                throw new CredentialException(wrongCurve(label, curve));
            }
            throw new CredentialException(label + " is an EC key in the older SEC1 form (BEGIN EC PRIVATE KEY), not"
                    + " PKCS#8 (BEGIN PRIVATE KEY) as Apple's .p8 files are. Use the original .p8, or convert it:"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + label + " -out AuthKey_<KEYID>.p8");
        }
        if (type.equals("PUBLIC KEY") || type.equals("EC PUBLIC KEY")) {
            throw new CredentialException(label + " is a public key; token authentication needs the private key. "
                    + fix);
        }
        if (type.equals("CERTIFICATE")) {
            throw new CredentialException(label + " is a certificate, not a .p8 token key. For certificate"
                    + " authentication load a .p12 with the certificate and its key instead; for token"
                    + " authentication " + lowerFirst(fix));
        }
        throw new CredentialException(label + " is a PEM \"" + type + "\" block, not a PKCS#8 PRIVATE KEY. " + fix);
    }

    private static byte[] decodeBody(String label, String body, String fix) throws CredentialException {
        if (body.contains(":")) { // RFC 1421 headers such as Proc-Type: 4,ENCRYPTED
            throw new CredentialException(label + " is an encrypted private key; Apple's .p8 files are not"
                    + " encrypted. Use the original AuthKey_<KEYID>.p8.");
        }
        try {
            byte[] der = Base64.getDecoder().decode(body.replaceAll("\\s+", ""));
            if (der.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new CredentialException(label + " is damaged: the text between its BEGIN and END lines is not"
                    + " valid base64. Copy or download the whole file again. " + fix);
        }
    }

    private static Key analyse(String label, byte[] der, String fix) throws CredentialException {
        String algOid;
        Der.Tlv params;
        try {
            List<Der.Tlv> info = Der.sequence(Der.read(der), 3);
            List<Der.Tlv> algorithm = Der.sequence(info.get(1), 1);
            algOid = algorithm.get(0).oid();
            params = algorithm.size() > 1 ? algorithm.get(1) : null;
        } catch (Der.Malformed | RuntimeException e) {
            throw new CredentialException(label + " is damaged: its content is not a PKCS#8 private key. " + fix);
        }
        if (algOid.startsWith("1.2.840.113549.1.1.")) {
            throw new CredentialException(rsa(label));
        }
        if (!algOid.equals(OID_EC)) {
            String what = OTHER_ALGORITHMS.getOrDefault(algOid, "a key of another type (" + algOid + ")");
            throw new CredentialException(label + " is " + what + "; APNs token keys are EC P-256. " + fix);
        }
        String curveOid = null;
        try {
            if (params != null && params.tag() == Der.OID) {
                curveOid = params.oid();
            }
        } catch (Der.Malformed e) {
            // explicit or odd parameters: judged from the parsed key below
        }
        if (curveOid != null && !curveOid.equals(OID_P256)) {
            throw new CredentialException(wrongCurve(label, CURVES.getOrDefault(curveOid, curveOid)));
        }
        ECPrivateKey key;
        try {
            key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new CredentialException(label + " is damaged: Java cannot read the EC key inside it. " + fix, e);
        }
        if (key.getParams().getCurve().getField().getFieldSize() != 256 || !P256_ORDER.equals(key.getParams().getOrder())) {
            throw new CredentialException(wrongCurve(label, "a curve other than P-256 ("
                    + key.getParams().getCurve().getField().getFieldSize() + " bits)"));
        }
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update("PushFlow key check".getBytes(StandardCharsets.US_ASCII));
            s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CredentialException(label + " holds an EC P-256 key that cannot sign ("
                    + CredentialException.plain(e) + "). " + fix, e);
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
        return new Key(key, "EC P-256", pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** The curve of a SEC1 "EC PRIVATE KEY" body, if it names one. */
    private static String sec1Curve(String body) {
        try {
            byte[] der = Base64.getDecoder().decode(body.replaceAll("\\s+", ""));
            for (Der.Tlv t : Der.sequence(Der.read(der), 2)) {
                if (t.tag() == Der.CONTEXT_0) {
                    String oid = t.inner().oid();
                    return CURVES.getOrDefault(oid, oid);
                }
            }
        } catch (Der.Malformed | RuntimeException e) {
            // unknown
        }
        return null;
    }

    private static boolean bareBase64(byte[] bytes) {
        try {
            String s = new String(bytes, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
            byte[] der = Base64.getDecoder().decode(s);
            return der.length > 16 && Der.sequence(Der.read(der), 3).get(1).tag() == Der.SEQUENCE;
        } catch (Der.Malformed | RuntimeException e) {
            return false;
        }
    }

    static String rsa(String label) {
        return label + " is an RSA key; APNs token keys are EC P-256 (.p8 from " + WHERE_KEYS + "). Create a key with"
                + " Apple Push Notifications service (APNs) enabled there and download its AuthKey_<KEYID>.p8.";
    }

    private static String wrongCurve(String label, String curve) {
        return label + " is an EC key on " + (curve.startsWith("a ") ? "" : "curve ") + curve + "; APNs token keys are"
                + " EC P-256 (.p8 from " + WHERE_KEYS + "). Use the AuthKey_<KEYID>.p8 Apple gave you.";
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
