package dev.pushflow.credentials;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/**
 * "Your own" .p12 for tests: the TEST-ONLY sample development certificate stored again under a password of the test's
 * choosing. Its bytes differ from the sample's, so nothing treats it as the built-in sample.
 */
public final class OwnCertificates {
    private OwnCertificates() {
    }

    public static Path p12(Path file, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(SampleMaterial.bytes("client-development.p12")),
                SampleMaterial.P12_PASSWORD.toCharArray());
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }
}
