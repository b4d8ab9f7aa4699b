package dev.pushflow.credentials;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.pushflow.credentials.TestKeys.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateInspectorTest {
    private static final List<String> SAMPLE_TOPICS =
            List.of("com.example.chat", "com.example.chat.voip", "com.example.chat.complication");

    private static CertificateInfo info(String file) throws Exception {
        return CertificateInspector.inspect(CredentialLoader.loadP12(file, SampleMaterial.bytes(file),
                PASSWORD.toCharArray()));
    }

    /** A moment when the sample certificate is well inside its validity. */
    private static Instant midLife(CertificateInfo i) {
        return i.notBefore().plus(Duration.ofDays(100));
    }

    @Test
    void developmentCertificateAllowsOnlySandboxAndWarnsForProduction() throws Exception {
        CertificateInfo dev = info("client-development.p12");
        assertEquals(CertificateKind.DEVELOPMENT, dev.kind());
        assertEquals(Set.of(ApnsEnvironment.SANDBOX), dev.allowedEnvironments());
        assertEquals(List.of(), dev.warnings(ApnsEnvironment.SANDBOX, "com.example.chat", midLife(dev)));
        assertEquals(List.of("This development certificate cannot push to production: APNs answers 403"
                        + " BadCertificateEnvironment. Upload the production (Apple Push Services) certificate and use"
                        + " its certificate ID for Release builds."),
                dev.warnings(ApnsEnvironment.PRODUCTION, "com.example.chat", midLife(dev)));
    }

    @Test
    void universalCertificateAllowsBothEnvironments() throws Exception {
        CertificateInfo u = info("client-universal.p12");
        assertEquals(CertificateKind.UNIVERSAL, u.kind());
        assertEquals(Set.of(ApnsEnvironment.SANDBOX, ApnsEnvironment.PRODUCTION), u.allowedEnvironments());
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            assertEquals(List.of(), u.warnings(env, "com.example.chat", midLife(u)), env.name());
        }
    }

    @Test
    void topicsExtensionIsReadExactly() throws Exception {
        assertEquals(SAMPLE_TOPICS, info("client-universal.p12").topics());
        assertEquals(SAMPLE_TOPICS, info("client-development.p12").topics());
    }

    @Test
    void uidIsReadAsBundleIdAndCnAsCommonName() throws Exception {
        CertificateInfo u = info("client-universal.p12");
        assertEquals("com.example.chat", u.bundleId());
        assertEquals("Apple Push Services: com.example.chat", u.commonName());
        assertTrue(u.subject().contains("UID=com.example.chat"), u.subject());
        assertTrue(u.issuer().contains("PushFlow Sample CA"), u.issuer());
        assertEquals("Apple Development IOS Push Services: com.example.chat",
                info("client-development.p12").commonName());
    }

    @Test
    void serialAndSha1FingerprintAreTheCertificatesOwn() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(SampleMaterial.bytes("client-universal.p12")), PASSWORD.toCharArray());
        X509Certificate cert = (X509Certificate) ks.getCertificate(ks.aliases().nextElement());
        CertificateInfo i = CertificateInspector.inspect(cert);
        assertEquals(HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded())), i.sha1Fingerprint());
        assertEquals(59, i.sha1Fingerprint().length());
        assertEquals(cert.getSerialNumber(), new java.math.BigInteger(i.serialHex(), 16));
        assertEquals(cert.getNotAfter().toInstant(), i.notAfter());
    }

    @Test
    void expiredCertificateIsExpiredWithAWarning() throws Exception {
        CertificateInfo e = info("client-expired.p12");
        Instant now = Instant.now();
        assertEquals(ExpiryStatus.EXPIRED, e.expiryStatus(now));
        List<String> w = e.warnings(ApnsEnvironment.PRODUCTION, "com.example.chat", now);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("This certificate expired on "
                + LocalDate.ofInstant(e.notAfter(), ZoneOffset.UTC) + " ("), w.get(0));
        assertTrue(w.get(0).contains("Create a new push certificate in the Apple Developer portal"), w.get(0));
    }

    @Test
    void expiresSoonTenDaysBeforeNotAfter() throws Exception {
        CertificateInfo u = info("client-universal.p12");
        Instant now = u.notAfter().minus(Duration.ofDays(10));
        assertEquals(ExpiryStatus.EXPIRES_SOON, u.expiryStatus(now));
        assertEquals(List.of("This certificate expires in 10 days (" + LocalDate.ofInstant(u.notAfter(), ZoneOffset.UTC)
                        + "): renew it in the Apple Developer portal and upload the new .p12 before then, or pushes"
                        + " fail from that day."),
                u.warnings(ApnsEnvironment.SANDBOX, "com.example.chat", now));
        assertEquals(ExpiryStatus.EXPIRES_SOON, u.expiryStatus(u.notAfter().minus(Duration.ofDays(30))));
        assertEquals(ExpiryStatus.VALID, u.expiryStatus(u.notAfter().minus(Duration.ofDays(31))));
        assertEquals(ExpiryStatus.EXPIRED, u.expiryStatus(u.notAfter()));
        assertEquals(ExpiryStatus.NOT_YET_VALID, u.expiryStatus(u.notBefore().minusSeconds(1)));
    }

    @Test
    void bundleMismatchIsWarned() throws Exception {
        CertificateInfo u = info("client-universal.p12");
        List<String> w = u.warnings(ApnsEnvironment.SANDBOX, "com.other.app", midLife(u));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("This certificate is for com.example.chat, not for com.other.app"), w.get(0));
    }

    @Test
    void topicMissingFromTheExtensionIsWarned() throws Exception {
        CertificateInfo u = info("client-universal.p12");
        CertificateInfo noVoip = new CertificateInfo(u.subject(), u.commonName(), u.bundleId(),
                List.of("com.example.chat.voip"), u.kind(), u.issuer(), u.notBefore(), u.notAfter(), u.serialHex(),
                u.sha1Fingerprint());
        List<String> w = noVoip.warnings(ApnsEnvironment.SANDBOX, "com.example.chat", midLife(u));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("do not include com.example.chat"), w.get(0));

        CertificateInfo appOnly = new CertificateInfo(u.subject(), u.commonName(), u.bundleId(),
                List.of("com.example.chat"), u.kind(), u.issuer(), u.notBefore(), u.notAfter(), u.serialHex(),
                u.sha1Fingerprint());
        List<String> voip = appOnly.warnings(ApnsEnvironment.SANDBOX, "com.example.chat", PushType.VOIP, midLife(u));
        assertEquals(1, voip.size(), voip.toString());
        assertTrue(voip.get(0).contains("com.example.chat.voip"), voip.get(0));
        assertEquals(List.of(), u.warnings(ApnsEnvironment.SANDBOX, "com.example.chat", PushType.VOIP, midLife(u)));
    }

    @Test
    void selfSignedCertificateIsWarned() throws Exception {
        CertificateInfo s = info("client-untrusted.p12");
        List<String> w = s.warnings(ApnsEnvironment.SANDBOX, "com.example.chat", midLife(s));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("This certificate is self-signed, not issued by Apple"), w.get(0));
    }

    @Test
    void nonPushCertificateIsUnknownWithNoEnvironment() throws Exception {
        CredentialLoader.Loaded<P12Credential> loaded = CredentialLoader.loadP12WithNotes("gateway.p12",
                gatewayOnlyP12(), PASSWORD.toCharArray());
        assertTrue(loaded.notes().isEmpty());
        CertificateInfo g = CertificateInspector.inspect(loaded.credential());
        assertEquals(CertificateKind.UNKNOWN, g.kind());
        assertEquals(Set.of(), g.allowedEnvironments());
        List<String> w = g.warnings(ApnsEnvironment.PRODUCTION, null, midLife(g));
        assertTrue(w.get(0).startsWith("This is not an APNs push certificate (CN=localhost)"), w.toString());
    }

    @Test
    void inspectingAP12WithoutKeyFailsLikeTheLoader() {
        String m = assertThrows(CredentialException.class,
                () -> CertificateInspector.inspect(SampleMaterial.p12("client-nokey.p12"))).getMessage();
        assertTrue(m.contains("contains a certificate but no private key"), m);
    }

    @Test
    void tokenKeyInfoNamesIdsCurveAndBothEnvironments() throws Exception {
        P8Info i = CertificateInspector.inspect(SampleMaterial.tokenKey());
        assertEquals("PFKEY00001", i.keyId());
        assertEquals("PFTEAM0001", i.teamId());
        assertEquals("EC P-256", i.algorithm());
        assertTrue(i.note().contains("both environments") && i.note().contains("PFTEAM0001"), i.note());
        assertEquals(Set.of(ApnsEnvironment.SANDBOX, ApnsEnvironment.PRODUCTION), i.allowedEnvironments());
    }

    @Test
    void topicsParserReadsOtherLayoutsAndNeverThrowsOnOddDer() {
        HexFormat hex = HexFormat.of();
        // SEQUENCE OF SEQUENCE { UTF8String topic, SEQUENCE { kinds } }
        byte[] nested = hex.parseHex("0419" + "3017" + "300a" + "0c03612e62" + "3003" + "0c0161"
                + "3009" + "0c03632e64" + "3002" + "0500");
        assertEquals(List.of("a.b", "c.d"), CertificateInspector.topics(nested));
        // a bare UTF8String, not wrapped in an OCTET STRING
        assertEquals(List.of("x.y"), CertificateInspector.topics(hex.parseHex("0c03782e79")));
        // truncated after the first topic: keep it
        assertEquals(List.of("a.b"), CertificateInspector.topics(hex.parseHex("0409" + "3007" + "0c03612e62" + "3005")));
        assertEquals(List.of(), CertificateInspector.topics(null));
        assertEquals(List.of(), CertificateInspector.topics(new byte[0]));
        assertEquals(List.of(), CertificateInspector.topics(hex.parseHex("0400")));
        assertEquals(List.of(), CertificateInspector.topics(hex.parseHex("3080")));
        Random r = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(40)];
            r.nextBytes(junk);
            if (junk.length > 0 && r.nextBoolean()) {
                junk[0] = (byte) (r.nextBoolean() ? 0x04 : 0x30);
            }
            assertDoesNotThrow(() -> CertificateInspector.topics(junk));
        }
    }

    @Test
    void kindFallsBackOnTheCommonNamePrefix() {
        assertEquals(CertificateKind.DEVELOPMENT,
                CertificateInspector.kindOf(false, false, "Apple Development IOS Push Services: com.a"));
        assertEquals(CertificateKind.UNIVERSAL, CertificateInspector.kindOf(false, false, "Apple Push Services: com.a"));
        assertEquals(CertificateKind.PRODUCTION,
                CertificateInspector.kindOf(false, false, "Apple Production IOS Push Services: com.a"));
        assertEquals(CertificateKind.UNKNOWN, CertificateInspector.kindOf(false, false, "Apple Development: Jane"));
        assertEquals(CertificateKind.PRODUCTION, CertificateInspector.kindOf(false, true, "Apple Push Services: com.a"));
        assertEquals(CertificateKind.UNIVERSAL, CertificateInspector.kindOf(true, true, ""));
        assertEquals(CertificateKind.DEVELOPMENT, CertificateInspector.kindOf(true, false, "Apple Push Services: com.a"));
    }

    /** The embedded gateway's TLS certificate and key as a .p12: a valid certificate that is no push certificate. */
    private static byte[] gatewayOnlyP12() throws Exception {
        KeyStore two = KeyStore.getInstance("PKCS12");
        two.load(new ByteArrayInputStream(TestKeys.twoKeyP12()), PASSWORD.toCharArray());
        two.deleteEntry("b-push");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        two.store(out, PASSWORD.toCharArray());
        return out.toByteArray();
    }
}
