package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.SampleMaterial;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Apple's push-certificate extensions (.3.1, .3.2, .3.6) and the UID from the sample certificates. */
class ClientCertificateInfoTest {

    static X509Certificate certificateOf(P12Credential p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(p12.p12()), p12.password());
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.getCertificate(alias) instanceof X509Certificate x) {
                return x;
            }
        }
        throw new AssertionError("no certificate in " + p12.label());
    }

    @Test
    void developmentCertificateIsSandboxOnlyWithThreeTopics() throws Exception {
        ClientCertificateInfo info = ClientCertificateInfo.of(certificateOf(SampleMaterial.developmentCertificate()));
        assertEquals("com.example.chat", info.uid());
        assertTrue(info.development());
        assertFalse(info.production());
        assertTrue(info.allowsEnvironment(ApnsEnvironment.SANDBOX));
        assertFalse(info.allowsEnvironment(ApnsEnvironment.PRODUCTION));
        assertEquals(List.of(
                new ClientCertificateInfo.Topic("com.example.chat", List.of("app")),
                new ClientCertificateInfo.Topic("com.example.chat.voip", List.of("voip")),
                new ClientCertificateInfo.Topic("com.example.chat.complication", List.of("complication"))),
                info.topics());
        assertEquals("com.example.chat", info.baseTopic());
        assertTrue(info.allowsTopic("com.example.chat.voip"));
        assertFalse(info.allowsTopic("com.example.other"));
        assertTrue(info.usable());
        assertTrue(info.isValidAt(Instant.now()));
    }

    @Test
    void universalCertificateAllowsBothEnvironments() throws Exception {
        ClientCertificateInfo info = ClientCertificateInfo.of(certificateOf(SampleMaterial.universalCertificate()));
        assertTrue(info.allowsEnvironment(ApnsEnvironment.SANDBOX));
        assertTrue(info.allowsEnvironment(ApnsEnvironment.PRODUCTION));
        assertEquals(3, info.topics().size());
    }

    @Test
    void expiredCertificateIsNotValidNow() throws Exception {
        ClientCertificateInfo info = ClientCertificateInfo.of(certificateOf(SampleMaterial.p12("client-expired.p12")));
        assertFalse(info.isValidAt(Instant.now()));
        assertTrue(info.usable(), "still well formed; only its dates are wrong");
    }

    @Test
    void topicsExtensionIsParsedFromItsDer() {
        // OCTET STRING { SEQUENCE { "a.b", SEQUENCE { "app" }, "a.b.voip", SEQUENCE { "voip" } } }
        byte[] der = HexFormat.of().parseHex("0420"
                + "301e" + "0c03612e62" + "3005" + "0c03617070" + "0c08612e622e766f6970" + "3006" + "0c04766f6970");
        assertEquals(List.of(new ClientCertificateInfo.Topic("a.b", List.of("app")),
                        new ClientCertificateInfo.Topic("a.b.voip", List.of("voip"))),
                ClientCertificateInfo.parseTopicsExtension(der));
    }

    @Test
    void truncatedTopicsExtensionIsRefused() {
        byte[] der = HexFormat.of().parseHex("041c301a0c03612e62");
        assertThrows(IllegalArgumentException.class, () -> ClientCertificateInfo.parseTopicsExtension(der));
    }

    @Test
    void certificateWithoutTopicsExtensionAllowsItsUidOnly() {
        ClientCertificateInfo info = new ClientCertificateInfo("com.example.legacy", true, false, true, List.of(),
                Instant.EPOCH, Instant.now().plusSeconds(3600));
        assertEquals("com.example.legacy", info.baseTopic());
        assertTrue(info.allowsTopic("com.example.legacy"));
        assertFalse(info.allowsTopic("com.example.legacy.voip"));
    }

    @Test
    void certificateWithTwoBaseTopicsHasNoDefaultTopic() {
        ClientCertificateInfo info = new ClientCertificateInfo("a", true, false, true, List.of(
                new ClientCertificateInfo.Topic("a", List.of("app")), new ClientCertificateInfo.Topic("b", List.of("app"))),
                Instant.EPOCH, Instant.now().plusSeconds(3600));
        assertNull(info.baseTopic());
    }
}
