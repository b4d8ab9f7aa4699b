package dev.pushflow.credentials;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a credential comes from: one immutable value, carried next to the loaded credential, never a password. */
class CredentialSourceTest {

    @Test
    void the_samples_are_recognised_by_their_bytes() {
        assertEquals(CredentialSource.Kind.SAMPLE_P8, CredentialSource.describing(SampleMaterial.tokenKey()).kind());
        assertEquals(CredentialSource.Kind.SAMPLE_P12_DEVELOPMENT,
                CredentialSource.describing(SampleMaterial.developmentCertificate()).kind());
        assertEquals(CredentialSource.Kind.SAMPLE_P12_UNIVERSAL,
                CredentialSource.describing(SampleMaterial.universalCertificate()).kind());
        assertTrue(CredentialSource.sampleKey().isSample());
        KeyScope sandbox = new KeyScope(Set.of(ApnsEnvironment.SANDBOX), Set.of());
        assertEquals(sandbox, CredentialSource.describing(SampleMaterial.tokenKey().withScope(sandbox)).declaredScope());
    }

    @Test
    void a_credential_without_a_source_takes_its_label_as_its_file() {
        P12Credential own = new P12Credential("/certs/push.p12", new byte[]{1, 2, 3}, "secret-pw".toCharArray());
        CredentialSource s = CredentialSource.describing(own);
        assertEquals(CredentialSource.Kind.P12, s.kind());
        assertEquals(Path.of("/certs/push.p12"), s.path());
        assertEquals(CredentialSource.DEFAULT_PASSWORD_ENV, s.passwordEnv());
    }

    @Test
    void to_string_names_the_file_and_the_password_variable_never_a_password() {
        CredentialSource s = CredentialSource.p12(Path.of("/certs/push.p12"), "MY_PW");
        assertTrue(s.toString().contains("/certs/push.p12"), s.toString());
        assertTrue(s.toString().contains("MY_PW"), s.toString());
        CredentialSource key = CredentialSource.p8(Path.of("AuthKey_ABCDE12345.p8"), "ABCDE12345", "TEAM123456",
                new KeyScope(Set.of(ApnsEnvironment.SANDBOX), Set.of()));
        assertTrue(key.toString().contains("Key ID ABCDE12345"), key.toString());
        assertEquals("AuthKey_ABCDE12345.p8", key.label());
    }

    @Test
    void a_file_kind_needs_its_file() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CredentialSource.p12(null, null));
        assertTrue(e.getMessage().contains("needs its file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CredentialSource.sampleCertificate("expired"));
    }

    @Test
    void two_entries_with_the_same_credential_keep_their_own_sources() {
        P12Credential same = SampleMaterial.universalCertificate();
        CredentialSource a = CredentialSource.p12(Path.of("/a/push.p12"), null);
        CredentialSource b = CredentialSource.p12(Path.of("/b/push.p12"), null);
        CertificateEntry first = new CertificateEntry(1, ApnsEnvironment.SANDBOX, "com.example.chat", same,
                GatewayTarget.EMBEDDED, 443, a);
        CertificateEntry second = new CertificateEntry(2, ApnsEnvironment.SANDBOX, "com.example.chat", same,
                GatewayTarget.EMBEDDED, 443, b);
        assertEquals(a, first.withEnvironment(ApnsEnvironment.PRODUCTION).source());
        assertEquals(b, second.source());
        assertNotEquals(first.source(), second.source());
        assertFalse(new CertificateEntry(3, ApnsEnvironment.SANDBOX, "com.example.chat", same,
                GatewayTarget.EMBEDDED).source().file().isPresent());
    }
}
