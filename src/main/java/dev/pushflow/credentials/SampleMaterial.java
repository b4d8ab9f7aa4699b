package dev.pushflow.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The TEST-ONLY material made by scripts/gen-sample-certs, read from the classpath (certs-sample/ is
 * packed into the jar). Nothing here works with Apple.
 */
public final class SampleMaterial {
    public static final String KEY_ID = "PFKEY00001";
    public static final String TEAM_ID = "PFTEAM0001";
    public static final String BUNDLE_ID = "com.example.chat";
    /** The password of every sample .p12: test-only, documented in certs-sample/README.md. */
    public static final String P12_PASSWORD = "pushflow-test";

    private SampleMaterial() {
    }

    public static byte[] bytes(String fileName) {
        try (InputStream in = SampleMaterial.class.getResourceAsStream("/certs-sample/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("sample file certs-sample/" + fileName
                        + " is missing from the classpath: run scripts/gen-sample-certs and rebuild");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static P8Credential tokenKey() {
        return new P8Credential("sample token key " + KEY_ID, bytes("AuthKey_" + KEY_ID + ".p8"), KEY_ID, TEAM_ID);
    }

    public static P12Credential developmentCertificate() {
        return p12("client-development.p12");
    }

    public static P12Credential universalCertificate() {
        return p12("client-universal.p12");
    }

    public static P12Credential p12(String fileName) {
        return new P12Credential("sample " + fileName, bytes(fileName), P12_PASSWORD.toCharArray());
    }

    public static byte[] caPem() {
        return bytes("ca.pem");
    }

    public static byte[] serverChainPem() {
        return bytes("server.pem");
    }

    public static byte[] serverKeyPkcs8Pem() {
        return bytes("server.key");
    }

    public static byte[] tokenKeyPublicPem() {
        return bytes("AuthKey_" + KEY_ID + ".pub.pem");
    }
}
