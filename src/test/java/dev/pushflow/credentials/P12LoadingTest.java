package dev.pushflow.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static dev.pushflow.credentials.TestKeys.PASSWORD;
import static dev.pushflow.credentials.TestKeys.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class P12LoadingTest {

    private static String failure(String label, byte[] bytes, String password) {
        return assertThrows(CredentialException.class,
                () -> CredentialLoader.loadP12(label, bytes, password.toCharArray())).getMessage();
    }

    @Test
    void aUsableP12LoadsFromItsFileWithTheFileNameAsLabel() throws Exception {
        P12Credential c = CredentialLoader.loadP12(sample("client-universal.p12"), PASSWORD.toCharArray());
        assertEquals("client-universal.p12", c.label());
        assertEquals("certificate", c.authKind());
        assertArrayEquals(Files.readAllBytes(sample("client-universal.p12")), c.p12());
    }

    @Test
    void wrongPasswordIsNamedWithTheFix() {
        String m = failure("client-universal.p12", SampleMaterial.bytes("client-universal.p12"), "Hunter2-secret");
        assertEquals("The password for client-universal.p12 is wrong. Use the password you chose when exporting it"
                + " from Keychain Access.", m);
        assertFalse(m.contains("Hunter2-secret"));
    }

    @Test
    void everyWrongPasswordIsNamedAsWrong() {
        // A wrong password can decrypt to valid padding by chance; whatever the JDK then reports, it stays "wrong".
        byte[] p12 = SampleMaterial.bytes("client-universal.p12");
        for (int i = 0; i < 300; i++) {
            String m = failure("x.p12", p12, "wrong-" + i);
            assertTrue(m.startsWith("The password for x.p12 is wrong."), "attempt " + i + ": " + m);
        }
    }

    @Test
    void wrongPasswordIsConfirmedByTheFilesIntegrityMac() {
        // the tie-breaker when the JDK's error does not say "password"
        for (String f : List.of("client-universal.p12", "client-nokey.p12")) {
            byte[] p12 = SampleMaterial.bytes(f);
            assertEquals(Optional.of(true), Pkcs12Scanner.macMatches(p12, PASSWORD.toCharArray()), f);
            assertEquals(Optional.of(false), Pkcs12Scanner.macMatches(p12, "nope".toCharArray()), f);
        }
        assertEquals(Optional.empty(), Pkcs12Scanner.macMatches(new byte[] {0x30, 0x00}, PASSWORD.toCharArray()));
    }

    @Test
    void theScannerSeesTheCertificateTheKeyStoreDrops() {
        Pkcs12Scanner.Contents noKey = Pkcs12Scanner.scan(SampleMaterial.bytes("client-nokey.p12"),
                PASSWORD.toCharArray());
        assertEquals(0, noKey.keyBags());
        assertEquals(1, noKey.certificates().size());
        assertTrue(noKey.complete());
        Pkcs12Scanner.Contents full = Pkcs12Scanner.scan(SampleMaterial.bytes("client-universal.p12"),
                PASSWORD.toCharArray());
        assertEquals(1, full.keyBags());
        assertEquals(1, full.certificates().size());
        assertTrue(full.complete());
    }

    @Test
    void emptyOrSpacePaddedPasswordGetsAnExtraHint() {
        byte[] p12 = SampleMaterial.bytes("client-universal.p12");
        assertTrue(failure("a.p12", p12, "").endsWith("No password was entered."));
        assertTrue(failure("a.p12", p12, PASSWORD + " ").contains("starts or ends with a space"));
    }

    @Test
    void p12WithACertificateButNoPrivateKeyIsExplained() {
        String m = failure("client-nokey.p12", SampleMaterial.bytes("client-nokey.p12"), PASSWORD);
        assertTrue(m.startsWith("client-nokey.p12 contains a certificate but no private key: in Keychain Access"
                + " select the certificate AND its key and export both"), m);
        assertTrue(m.contains("Apple Push Services: com.example.chat"), m);
    }

    @Test
    void p12WithoutKeyAndWrongPasswordIsAWrongPassword() {
        String m = failure("client-nokey.p12", SampleMaterial.bytes("client-nokey.p12"), "nope");
        assertTrue(m.startsWith("The password for client-nokey.p12 is wrong."), m);
    }

    @Test
    void notAP12AtAllIsNamedWithWhatItIs() throws Exception {
        assertTrue(failure("ca.pem", SampleMaterial.caPem(), PASSWORD)
                .startsWith("ca.pem is a PEM certificate without its private key, not a .p12."));
        assertTrue(failure("aps.cer", TestKeys.derCertificate(), PASSWORD)
                .startsWith("aps.cer is a certificate (.cer) as the Apple Developer portal downloads it"));
        assertTrue(failure("AuthKey_PFKEY00001.p8", SampleMaterial.bytes("AuthKey_PFKEY00001.p8"), PASSWORD)
                .contains("load it as a .p8 with its Key ID and Team ID"));
        assertTrue(failure("notes.p12", "hello, this is text".getBytes(StandardCharsets.UTF_8), PASSWORD)
                .startsWith("notes.p12 is a text file, not a .p12."));
        byte[] noise = new byte[512];
        new Random(1).nextBytes(noise);
        noise[0] = 0x42;
        assertTrue(failure("noise.p12", noise, PASSWORD).startsWith("noise.p12 is not a PKCS#12 (.p12) file."));
        assertTrue(failure("empty.p12", new byte[0], PASSWORD).startsWith("empty.p12 is empty."));
    }

    @Test
    void aDamagedP12IsNotCalledAWrongPassword() {
        byte[] p12 = SampleMaterial.bytes("client-universal.p12");
        byte[] cut = Arrays.copyOf(p12, p12.length / 2);
        String m = failure("cut.p12", cut, PASSWORD);
        assertTrue(m.startsWith("cut.p12 looks like a .p12 file but is damaged"), m);
    }

    @Test
    void missingFileAndFolderAreNamed(@TempDir Path dir) {
        Path missing = dir.resolve("push.p12");
        String m = assertThrows(CredentialException.class,
                () -> CredentialLoader.loadP12(missing, PASSWORD.toCharArray())).getMessage();
        assertTrue(m.contains("does not exist") && m.contains("push.p12"), m);
        String folder = assertThrows(CredentialException.class,
                () -> CredentialLoader.loadP12(dir, PASSWORD.toCharArray())).getMessage();
        assertTrue(folder.contains("is a folder, not a .p12 file"), folder);
    }

    @Test
    void severalKeyEntriesUseTheFirstPushCertificateAndSaySo() throws Exception {
        CredentialLoader.Loaded<P12Credential> loaded =
                CredentialLoader.loadP12WithNotes("both.p12", TestKeys.twoKeyP12(), PASSWORD.toCharArray());
        assertEquals(1, loaded.notes().size());
        String note = loaded.notes().get(0);
        assertTrue(note.contains("holds 2 certificates with private keys") && note.contains("first push certificate")
                && note.contains("Apple Push Services: com.example.chat"), note);
        KeyStore kept = KeyStore.getInstance("PKCS12");
        kept.load(new ByteArrayInputStream(loaded.credential().p12()), PASSWORD.toCharArray());
        List<String> aliases = Collections.list(kept.aliases());
        assertEquals(List.of("b-push"), aliases);
        assertEquals(CertificateKind.UNIVERSAL, CertificateInspector.inspect(loaded.credential()).kind());
    }

    @Test
    void theCredentialKeepsItsOwnCopyOfThePassword() throws Exception {
        char[] typed = PASSWORD.toCharArray();
        P12Credential c = CredentialLoader.loadP12("client-universal.p12",
                SampleMaterial.bytes("client-universal.p12"), typed);
        Arrays.fill(typed, '\0'); // a UI clears its password field
        assertEquals(CertificateKind.UNIVERSAL, CertificateInspector.inspect(c).kind());
    }

    @Test
    void messagesAndToStringNeverContainThePassword() throws Exception {
        String secret = "s3cret-Passw0rd";
        List<byte[]> files = List.of(SampleMaterial.bytes("client-universal.p12"),
                SampleMaterial.bytes("client-nokey.p12"), SampleMaterial.caPem(), new byte[0],
                SampleMaterial.bytes("AuthKey_PFKEY00001.p8"), TestKeys.twoKeyP12());
        for (byte[] f : files) {
            try {
                CredentialLoader.loadP12("f.p12", f, secret.toCharArray());
            } catch (CredentialException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertFalse(String.valueOf(t.getMessage()).contains(secret), t.getMessage());
                }
            }
        }
        P12Credential c = CredentialLoader.loadP12(sample("client-universal.p12"), PASSWORD.toCharArray());
        assertFalse(c.toString().contains(PASSWORD), c.toString());
        assertTrue(c.toString().contains("password=***"));
    }
}
