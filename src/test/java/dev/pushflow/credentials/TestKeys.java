package dev.pushflow.credentials;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Key material made in the tests (never stored), and paths of the TEST-ONLY sample files. */
final class TestKeys {
    static final String PASSWORD = SampleMaterial.P12_PASSWORD;

    private TestKeys() {
    }

    /** certs-sample/ in the worktree (Maven runs tests from the project folder). */
    static Path sample(String name) {
        Path p = Path.of("certs-sample", name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("run the tests from the project folder: " + p.toAbsolutePath());
        }
        return p;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] rsaP8() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return pem("PRIVATE KEY", g.generateKeyPair().getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] ecP8(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return pem("PRIVATE KEY", g.generateKeyPair().getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] encryptedPem() {
        byte[] body = new byte[160];
        new java.util.Random(7).nextBytes(body);
        return pem("ENCRYPTED PRIVATE KEY", body).getBytes(StandardCharsets.US_ASCII);
    }

    /** The DER of the sample CA certificate: a ".cer" as the Apple Developer portal hands them out. */
    static byte[] derCertificate() throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(SampleMaterial.caPem())).getEncoded();
    }

    /**
     * A .p12 with two keys: first the gateway's TLS certificate (not a push certificate), then the universal
     * push certificate.
     */
    static byte[] twoKeyP12() throws Exception {
        KeyStore out = KeyStore.getInstance("PKCS12");
        out.load(null, null);
        String pem = new String(SampleMaterial.serverKeyPkcs8Pem(), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s+", "");
        PrivateKey serverKey = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Certificate[] serverChain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(SampleMaterial.serverChainPem()))
                .toArray(new Certificate[0]);
        out.setKeyEntry("a-gateway", serverKey, PASSWORD.toCharArray(), serverChain);
        KeyStore universal = KeyStore.getInstance("PKCS12");
        universal.load(new ByteArrayInputStream(SampleMaterial.bytes("client-universal.p12")), PASSWORD.toCharArray());
        String alias = universal.aliases().nextElement();
        out.setKeyEntry("b-push", universal.getKey(alias, PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                universal.getCertificateChain(alias));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.store(bytes, PASSWORD.toCharArray());
        return bytes.toByteArray();
    }
}
