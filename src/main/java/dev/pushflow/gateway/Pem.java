package dev.pushflow.gateway;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads the PEM material the gateways need: certificates and EC public keys. */
final class Pem {
    private Pem() {
    }

    static List<X509Certificate> certificates(byte[] pem) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate in the PEM text");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /** An EC P-256 public key from "-----BEGIN PUBLIC KEY-----" PEM (SubjectPublicKeyInfo), as a .p8's public half. */
    static ECPublicKey ecPublicKey(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = text.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no '-----BEGIN PUBLIC KEY-----' block in the PEM text");
        }
        String body = text.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end).replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
            return requireP256((ECPublicKey) key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not an EC public key: " + e.getMessage(), e);
        }
    }

    /** An unencrypted PKCS#8 private key ("-----BEGIN PRIVATE KEY-----"), RSA or EC, read in memory. */
    static PrivateKey privateKey(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no '-----BEGIN PRIVATE KEY-----' (unencrypted PKCS#8) block in the key");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end)
                    .replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key's PEM text is not Base64");
        }
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("the private key is neither an RSA nor an EC PKCS#8 key");
    }

    static ECPublicKey requireP256(ECPublicKey key) {
        ECParameterSpec params = key.getParams();
        if (params == null || params.getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("APNs signing keys are EC P-256 keys (ES256)");
        }
        return key;
    }
}
