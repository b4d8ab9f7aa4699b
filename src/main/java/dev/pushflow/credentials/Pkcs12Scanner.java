package dev.pushflow.credentials;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Looks inside a PKCS#12 file where the JDK's KeyStore does not: the KeyStore silently drops a certificate
 * that has no private key (a "certificate only" export from Keychain Access), and it cannot tell a wrong
 * password from a damaged file in every case. Best effort: every method answers "don't know" instead of
 * throwing. Passwords are only passed to the JDK's key derivation, never kept or printed.
 */
final class Pkcs12Scanner {
    private static final String DATA = "1.2.840.113549.1.7.1";
    private static final String ENCRYPTED_DATA = "1.2.840.113549.1.7.6";
    private static final String KEY_BAG = "1.2.840.113549.1.12.10.1.1";
    private static final String SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2";
    private static final String CERT_BAG = "1.2.840.113549.1.12.10.1.3";
    private static final String SAFE_CONTENTS_BAG = "1.2.840.113549.1.12.10.1.6";
    private static final String X509_CERT = "1.2.840.113549.1.9.22.1";
    private static final String PBES2 = "1.2.840.113549.1.5.13";
    private static final String PBKDF2 = "1.2.840.113549.1.5.12";

    private static final Map<String, String> MAC_DIGESTS = Map.of(
            "1.3.14.3.2.26", "HmacPBESHA1",
            "2.16.840.1.101.3.4.2.4", "HmacPBESHA224",
            "2.16.840.1.101.3.4.2.1", "HmacPBESHA256",
            "2.16.840.1.101.3.4.2.2", "HmacPBESHA384",
            "2.16.840.1.101.3.4.2.3", "HmacPBESHA512");
    private static final Map<String, String> PKCS12_PBE = Map.of(
            "1.2.840.113549.1.12.1.1", "PBEWithSHA1AndRC4_128",
            "1.2.840.113549.1.12.1.2", "PBEWithSHA1AndRC4_40",
            "1.2.840.113549.1.12.1.3", "PBEWithSHA1AndDESede",
            "1.2.840.113549.1.12.1.5", "PBEWithSHA1AndRC2_128",
            "1.2.840.113549.1.12.1.6", "PBEWithSHA1AndRC2_40");
    private static final Map<String, String> PBKDF2_PRFS = Map.of(
            "1.2.840.113549.2.7", "PBKDF2WithHmacSHA1",
            "1.2.840.113549.2.8", "PBKDF2WithHmacSHA224",
            "1.2.840.113549.2.9", "PBKDF2WithHmacSHA256",
            "1.2.840.113549.2.10", "PBKDF2WithHmacSHA384",
            "1.2.840.113549.2.11", "PBKDF2WithHmacSHA512");
    private static final Map<String, Integer> AES_CBC_KEY_BYTES = Map.of(
            "2.16.840.1.101.3.4.1.2", 16,
            "2.16.840.1.101.3.4.1.22", 24,
            "2.16.840.1.101.3.4.1.42", 32);

    private Pkcs12Scanner() {
    }

    /** What the file holds, as far as it could be read; {@code complete} is false when some part could not be. */
    record Contents(int keyBags, List<X509Certificate> certificates, boolean complete) {
    }

    /**
     * Checks the file's integrity MAC with {@code password}: true = right password, false = wrong password,
     * empty = cannot tell (no MAC, an algorithm this JDK lacks, odd encoding).
     */
    static Optional<Boolean> macMatches(byte[] p12, char[] password) {
        try {
            List<Der.Tlv> pfx = Der.sequence(Der.read(p12), 2);
            if (pfx.size() < 3) {
                return Optional.empty();
            }
            byte[] authSafe = dataContent(pfx.get(1));
            List<Der.Tlv> macData = Der.sequence(pfx.get(2), 2);
            List<Der.Tlv> digestInfo = Der.sequence(macData.get(0), 2);
            String digestOid = Der.sequence(digestInfo.get(0), 1).get(0).oid();
            byte[] expected = digestInfo.get(1).value();
            byte[] salt = macData.get(1).value();
            int iterations = macData.size() > 2 ? macData.get(2).integer().intValueExact() : 1;
            String algorithm = MAC_DIGESTS.get(digestOid);
            if (algorithm == null) {
                return Optional.empty();
            }
            char[][] candidates = password.length == 0 ? new char[][] {password, new char[1]} : new char[][] {password};
            for (char[] candidate : candidates) {
                Mac mac = Mac.getInstance(algorithm);
                mac.init(pbeKey(candidate), new PBEParameterSpec(salt, iterations));
                if (MessageDigest.isEqual(expected, mac.doFinal(authSafe))) {
                    return Optional.of(true);
                }
            }
            return Optional.of(false);
        } catch (Der.Malformed | RuntimeException | java.security.GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Counts private-key bags and reads the certificates, decrypting the encrypted parts with {@code password}. */
    static Contents scan(byte[] p12, char[] password) {
        int[] keys = {0};
        List<X509Certificate> certs = new ArrayList<>();
        boolean complete = true;
        try {
            List<Der.Tlv> pfx = Der.sequence(Der.read(p12), 2);
            Der.Tlv authSafe = Der.read(dataContent(pfx.get(1)));
            for (Der.Tlv contentInfo : Der.sequence(authSafe, 0)) {
                try {
                    List<Der.Tlv> ci = Der.sequence(contentInfo, 2);
                    String type = ci.get(0).oid();
                    byte[] safeContents;
                    if (DATA.equals(type)) {
                        safeContents = dataContent(contentInfo);
                    } else if (ENCRYPTED_DATA.equals(type)) {
                        safeContents = decrypt(ci.get(1).inner(), password);
                    } else {
                        complete = false;
                        continue;
                    }
                    complete &= readBags(Der.read(safeContents), keys, certs, 0);
                } catch (Der.Malformed | RuntimeException | java.security.GeneralSecurityException e) {
                    complete = false;
                }
            }
        } catch (Der.Malformed | RuntimeException e) {
            complete = false;
        }
        return new Contents(keys[0], List.copyOf(certs), complete);
    }

    private static boolean readBags(Der.Tlv safeContents, int[] keys, List<X509Certificate> certs, int depth)
            throws Der.Malformed {
        boolean complete = true;
        for (Der.Tlv bag : Der.sequence(safeContents, 0)) {
            List<Der.Tlv> b = Der.sequence(bag, 2);
            String bagId = b.get(0).oid();
            Der.Tlv value = b.get(1).inner();
            switch (bagId) {
                case KEY_BAG, SHROUDED_KEY_BAG -> keys[0]++;
                case CERT_BAG -> {
                    List<Der.Tlv> certBag = Der.sequence(value, 2);
                    if (X509_CERT.equals(certBag.get(0).oid())) {
                        byte[] der = certBag.get(1).inner().value();
                        try {
                            certs.add((X509Certificate) CertificateFactory.getInstance("X.509")
                                    .generateCertificate(new ByteArrayInputStream(der)));
                        } catch (java.security.cert.CertificateException | ClassCastException e) {
                            complete = false;
                        }
                    }
                }
                case SAFE_CONTENTS_BAG -> {
                    if (depth < 4) {
                        complete &= readBags(value, keys, certs, depth + 1);
                    }
                }
                default -> {
                    // CRL and secret bags: not relevant for a push certificate
                }
            }
        }
        return complete;
    }

    /** The octets of a ContentInfo of type data: SEQUENCE { OID data, [0] { OCTET STRING } }. */
    private static byte[] dataContent(Der.Tlv contentInfo) throws Der.Malformed {
        List<Der.Tlv> ci = Der.sequence(contentInfo, 2);
        if (!DATA.equals(ci.get(0).oid())) {
            throw new Der.Malformed("not a data ContentInfo");
        }
        Der.Tlv octets = ci.get(1).inner();
        if (octets.tag() != Der.OCTET_STRING) {
            throw new Der.Malformed("data content is not an OCTET STRING");
        }
        return octets.value();
    }

    /** EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT octets } }. */
    private static byte[] decrypt(Der.Tlv encryptedData, char[] password)
            throws Der.Malformed, java.security.GeneralSecurityException {
        List<Der.Tlv> ed = Der.sequence(encryptedData, 2);
        List<Der.Tlv> eci = Der.sequence(ed.get(1), 3);
        List<Der.Tlv> algorithm = Der.sequence(eci.get(1), 2);
        byte[] ciphertext = implicitOctets(eci.get(2));
        String algOid = algorithm.get(0).oid();
        Der.Tlv params = algorithm.get(1);
        if (PBES2.equals(algOid)) {
            return decryptPbes2(params, password, ciphertext);
        }
        String pbe = PKCS12_PBE.get(algOid);
        if (pbe == null) {
            throw new java.security.NoSuchAlgorithmException("unsupported PKCS#12 encryption " + algOid);
        }
        List<Der.Tlv> p = Der.sequence(params, 2);
        PBEParameterSpec spec = new PBEParameterSpec(p.get(0).value(), p.get(1).integer().intValueExact());
        SecretKey key = SecretKeyFactory.getInstance(pbe).generateSecret(new PBEKeySpec(password));
        Cipher cipher = Cipher.getInstance(pbe);
        cipher.init(Cipher.DECRYPT_MODE, key, spec);
        return cipher.doFinal(ciphertext);
    }

    private static byte[] decryptPbes2(Der.Tlv params, char[] password, byte[] ciphertext)
            throws Der.Malformed, java.security.GeneralSecurityException {
        List<Der.Tlv> p = Der.sequence(params, 2);
        List<Der.Tlv> kdf = Der.sequence(p.get(0), 2);
        List<Der.Tlv> scheme = Der.sequence(p.get(1), 2);
        if (!PBKDF2.equals(kdf.get(0).oid())) {
            throw new java.security.NoSuchAlgorithmException("unsupported key derivation");
        }
        List<Der.Tlv> kp = Der.sequence(kdf.get(1), 2);
        byte[] salt = kp.get(0).value();
        int iterations = kp.get(1).integer().intValueExact();
        String prf = "PBKDF2WithHmacSHA1";
        for (int i = 2; i < kp.size(); i++) {
            if (kp.get(i).tag() == Der.SEQUENCE) {
                prf = PBKDF2_PRFS.get(Der.sequence(kp.get(i), 1).get(0).oid());
            }
        }
        String schemeOid = scheme.get(0).oid();
        Integer keyBytes = AES_CBC_KEY_BYTES.get(schemeOid);
        String cipherName = "AES/CBC/PKCS5Padding";
        String keyAlgorithm = "AES";
        if (keyBytes == null && "1.2.840.113549.3.7".equals(schemeOid)) {
            keyBytes = 24;
            cipherName = "DESede/CBC/PKCS5Padding";
            keyAlgorithm = "DESede";
        }
        if (prf == null || keyBytes == null) {
            throw new java.security.NoSuchAlgorithmException("unsupported PBES2 parameters");
        }
        byte[] derived = SecretKeyFactory.getInstance(prf)
                .generateSecret(new PBEKeySpec(password, salt, iterations, keyBytes * 8)).getEncoded();
        Cipher cipher = Cipher.getInstance(cipherName);
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, keyAlgorithm),
                new IvParameterSpec(scheme.get(1).value()));
        return cipher.doFinal(ciphertext);
    }

    /** [0] IMPLICIT OCTET STRING, primitive or split into OCTET STRING chunks. */
    private static byte[] implicitOctets(Der.Tlv t) throws Der.Malformed {
        if (t.tag() == Der.CONTEXT_0_PRIMITIVE) {
            return t.value();
        }
        if (t.tag() == Der.CONTEXT_0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Der.Tlv chunk : t.children()) {
                out.writeBytes(chunk.value());
            }
            return out.toByteArray();
        }
        throw new Der.Malformed("no encrypted content");
    }

    private static SecretKey pbeKey(char[] password) throws java.security.GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(password));
    }
}
