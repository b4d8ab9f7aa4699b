package dev.pushflow.credentials;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;

/**
 * "Your own" .p12 for tests: the TEST-ONLY sample development certificate stored again under a password of the test's
 * choosing. Its bytes differ from the sample's, so nothing treats it as the built-in sample.
 */
public final class OwnCertificates {
    private OwnCertificates() {
    }

    public static Path p12(Path file, String password) throws Exception {
        char[] sample = SampleMaterial.P12_PASSWORD.toCharArray();
        KeyStore in = KeyStore.getInstance("PKCS12");
        in.load(new ByteArrayInputStream(SampleMaterial.bytes("client-development.p12")), sample);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (String alias : Collections.list(in.aliases())) {
            if (in.isKeyEntry(alias)) {
                // the key takes the new password too: one password for the file and its key, as Keychain exports
                ks.setKeyEntry(alias, in.getKey(alias, sample), password.toCharArray(), in.getCertificateChain(alias));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }
}
