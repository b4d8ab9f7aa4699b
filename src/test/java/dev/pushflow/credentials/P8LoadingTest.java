package dev.pushflow.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import static dev.pushflow.credentials.SampleMaterial.KEY_ID;
import static dev.pushflow.credentials.SampleMaterial.TEAM_ID;
import static dev.pushflow.credentials.TestKeys.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class P8LoadingTest {
    private static final byte[] SAMPLE_KEY = SampleMaterial.bytes("AuthKey_PFKEY00001.p8");

    private static String failure(String label, byte[] bytes, String keyId, String teamId) {
        return assertThrows(CredentialException.class,
                () -> CredentialLoader.loadP8(label, bytes, keyId, teamId)).getMessage();
    }

    private static String keyFailure(byte[] bytes) {
        return failure("key.p8", bytes, KEY_ID, TEAM_ID);
    }

    @Test
    void theSampleKeyLoadsFromItsFile() throws Exception {
        P8Credential c = CredentialLoader.loadP8(sample("AuthKey_PFKEY00001.p8"), KEY_ID, TEAM_ID);
        assertEquals("AuthKey_PFKEY00001.p8", c.label());
        assertEquals("token", c.authKind());
        assertNotNull(c.signingKey());
        assertEquals(KEY_ID, c.signingKey().getKeyId());
        assertEquals(TEAM_ID, c.signingKey().getTeamId());
    }

    @Test
    void idsAreTrimmed() throws Exception {
        P8Credential c = CredentialLoader.loadP8("k.p8", SAMPLE_KEY, "  " + KEY_ID + "\n", "\t" + TEAM_ID + " ");
        assertEquals(KEY_ID, c.keyId());
        assertEquals(TEAM_ID, c.teamId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PFKEY0001", "PFKEY000012"})
    void keyIdOfNineOrElevenCharactersIsRejectedWithItsLength(String keyId) {
        String m = failure("k.p8", SAMPLE_KEY, keyId, TEAM_ID);
        assertTrue(m.startsWith("The Key ID \"" + keyId + "\" has " + keyId.length() + " characters; it must be"
                + " exactly 10 characters of A-Z and 0-9."), m);
        assertTrue(m.contains("Certificates, Identifiers & Profiles > Keys"), m);
    }

    @Test
    void teamIdInLowerCaseIsRejected() {
        String m = failure("k.p8", SAMPLE_KEY, KEY_ID, "pfteam0001");
        assertTrue(m.startsWith("The Team ID \"pfteam0001\" has lower-case letters"), m);
        assertTrue(m.contains("Membership details"), m);
    }

    @Test
    void teamIdWithSymbolsIsRejected() {
        String m = failure("k.p8", SAMPLE_KEY, KEY_ID, "PF-TEAM_01");
        assertTrue(m.startsWith("The Team ID \"PF-TEAM_01\" contains characters that cannot be in it ('-', '_')"), m);
    }

    @Test
    void teamIdOfWrongLengthNamesTeamIdAndLength() {
        String m = failure("k.p8", SAMPLE_KEY, KEY_ID, "PFTEAM");
        assertTrue(m.startsWith("The Team ID \"PFTEAM\" has 6 characters"), m);
    }

    @Test
    void missingKeyIdIsSuggestedFromTheFileName() {
        String m = failure("AuthKey_PFKEY00001.p8", SAMPLE_KEY, "  ", TEAM_ID);
        assertTrue(m.startsWith("The Key ID is missing"), m);
        assertTrue(m.endsWith("The file name AuthKey_PFKEY00001.p8 suggests the Key ID PFKEY00001."), m);
    }

    @Test
    void swappedIdsAreRecognisedFromTheFileName() {
        String m = failure("AuthKey_PFKEY00001.p8", SAMPLE_KEY, TEAM_ID, KEY_ID);
        assertTrue(m.startsWith("The Key ID and the Team ID look swapped"), m);
    }

    @Test
    void aKeyIdThatDiffersFromTheFileNameLoadsWithANote() throws Exception {
        CredentialLoader.Loaded<P8Credential> loaded =
                CredentialLoader.loadP8WithNotes("AuthKey_ABCDE12345.p8", SAMPLE_KEY, KEY_ID, TEAM_ID);
        assertEquals(1, loaded.notes().size());
        assertTrue(loaded.notes().get(0).contains("suggests the Key ID ABCDE12345, but PFKEY00001 was entered"));
        assertTrue(CredentialLoader.loadP8WithNotes("AuthKey_PFKEY00001.p8", SAMPLE_KEY, KEY_ID, TEAM_ID)
                .notes().isEmpty());
    }

    @Test
    void keyIdFromFileNameFollowsApplesNaming() {
        assertEquals(Optional.of("PFKEY00001"), CredentialLoader.keyIdFromFileName(Path.of("AuthKey_PFKEY00001.p8")));
        assertEquals(Optional.of("AB12CD34EF"),
                CredentialLoader.keyIdFromFileName(Path.of("/Users/me/Downloads/AuthKey_AB12CD34EF (1).p8")));
        assertEquals(Optional.of("AB12CD34EF"), CredentialLoader.keyIdFromFileName(Path.of("authkey_AB12CD34EF.P8")));
        assertEquals(Optional.empty(), CredentialLoader.keyIdFromFileName(Path.of("AuthKey_AB12CD34E.p8")));
        assertEquals(Optional.empty(), CredentialLoader.keyIdFromFileName(Path.of("AuthKey_ab12cd34ef.p8")));
        assertEquals(Optional.empty(), CredentialLoader.keyIdFromFileName(Path.of("key.p8")));
        assertEquals(Optional.empty(), CredentialLoader.keyIdFromFileName((Path) null));
    }

    @Test
    void rsaP8IsRejectedWithTheEcP256Hint() throws Exception {
        String m = keyFailure(TestKeys.rsaP8());
        assertTrue(m.startsWith("key.p8 is an RSA key; APNs token keys are EC P-256 (.p8 from Certificates,"
                + " Identifiers & Profiles > Keys)"), m);
        byte[] rsaHeader = new String(TestKeys.rsaP8(), StandardCharsets.US_ASCII)
                .replace("PRIVATE KEY", "RSA PRIVATE KEY").getBytes(StandardCharsets.US_ASCII);
        assertTrue(keyFailure(rsaHeader).startsWith("key.p8 is an RSA key"));
    }

    @Test
    void ecKeyOnAnotherCurveIsNamed() throws Exception {
        String m = keyFailure(TestKeys.ecP8("secp384r1"));
        assertTrue(m.startsWith("key.p8 is an EC key on curve P-384 (secp384r1); APNs token keys are EC P-256"), m);
    }

    @Test
    void aGeneratedP256KeyLoads() throws Exception {
        P8Credential c = CredentialLoader.loadP8("AuthKey_AB12CD34EF.p8", TestKeys.ecP8("secp256r1"),
                "AB12CD34EF", TEAM_ID);
        assertEquals("EC P-256", CertificateInspector.inspect(c).algorithm());
    }

    @Test
    void encryptedPemIsNamed() {
        String m = keyFailure(TestKeys.encryptedPem());
        assertTrue(m.startsWith("key.p8 is an encrypted private key; Apple's .p8 files are not encrypted."), m);
        assertTrue(m.contains("openssl pkcs8 -in key.p8 -nocrypt"), m);
    }

    @Test
    void garbageTextIsNotPem() {
        String m = keyFailure("this is not a key at all\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(m.startsWith("key.p8 is not a .p8 key: it is text without a -----BEGIN PRIVATE KEY----- line."), m);
    }

    @Test
    void binaryDataIsNotPem() {
        byte[] noise = new byte[300];
        new Random(3).nextBytes(noise);
        noise[0] = 0x01;
        assertTrue(keyFailure(noise).startsWith("key.p8 is not a .p8 key: it is binary data"));
    }

    @Test
    void emptyFileIsNamed(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("AuthKey_PFKEY00001.p8"));
        String m = assertThrows(CredentialException.class,
                () -> CredentialLoader.loadP8(empty, KEY_ID, TEAM_ID)).getMessage();
        assertTrue(m.startsWith("AuthKey_PFKEY00001.p8 is empty."), m);
    }

    @Test
    void otherWrongFilesAreNamed() throws Exception {
        assertTrue(keyFailure(SampleMaterial.bytes("client-universal.p12")).contains("is a .p12 certificate file"));
        assertTrue(keyFailure(SampleMaterial.tokenKeyPublicPem()).startsWith("key.p8 is a public key"));
        assertTrue(keyFailure(SampleMaterial.caPem()).startsWith("key.p8 is a certificate, not a .p8 token key."));
        assertTrue(keyFailure(TestKeys.derCertificate()).startsWith("key.p8 is a certificate (.cer)"));
        String body = new String(SAMPLE_KEY, StandardCharsets.US_ASCII);
        assertTrue(keyFailure(body.replace("-----END PRIVATE KEY-----", "").getBytes(StandardCharsets.US_ASCII))
                .startsWith("key.p8 is cut off"));
        assertTrue(keyFailure(body.replaceFirst("\n[A-Za-z0-9+/]{8}", "\n!!!!!!!!").getBytes(StandardCharsets.US_ASCII))
                .startsWith("key.p8 is damaged: the text between its BEGIN and END lines is not valid base64."));
        String bare = body.replaceAll("-----[A-Z ]+-----", "");
        assertTrue(keyFailure(bare.getBytes(StandardCharsets.US_ASCII)).startsWith(
                "key.p8 is missing its -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines."));
    }

    @Test
    void aKeyWithTextAroundItAndWindowsLineEndingsLoads() throws Exception {
        String text = "Bag Attributes\r\n    friendlyName: x\r\n"
                + new String(SAMPLE_KEY, StandardCharsets.US_ASCII).replace("\n", "\r\n");
        P8Credential c = CredentialLoader.loadP8("k.p8", text.getBytes(StandardCharsets.US_ASCII), KEY_ID, TEAM_ID);
        assertTrue(new String(c.pkcs8(), StandardCharsets.US_ASCII).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertNotNull(c.signingKey());
    }

    @Test
    void messagesAndToStringNeverContainKeyMaterial() throws Exception {
        String base64 = new String(SAMPLE_KEY, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").strip();
        String firstLine = base64.lines().findFirst().orElseThrow();
        String m = failure("AuthKey_PFKEY00001.p8", SAMPLE_KEY, base64, TEAM_ID); // key pasted into the Key ID field
        assertFalse(m.contains(firstLine.substring(0, 20)), m);
        P8Credential c = CredentialLoader.loadP8(sample("AuthKey_PFKEY00001.p8"), KEY_ID, TEAM_ID);
        assertFalse(c.toString().contains(firstLine.substring(0, 20)), c.toString());
        assertTrue(c.toString().contains("key=***"));
    }
}
