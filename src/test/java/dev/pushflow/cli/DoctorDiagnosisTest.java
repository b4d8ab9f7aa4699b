package dev.pushflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor names the cause, not the symptom: a Key ID that does not match the key, a self-signed or an expired
 * .p12 (made with keytool, as a user might), each probed on the embedded gateways.
 */
@Timeout(300)
class DoctorDiagnosisTest {

    private static Path keytool(Path dir, String name, String... extra) throws Exception {
        Path p12 = dir.resolve(name);
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "push", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Apple Development IOS Push Services: com.example.chat, UID=com.example.chat",
                "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "secret1", "-keypass", "secret1"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool made " + name);
        return p12;
    }

    @Test
    void aKeyIdThatDoesNotMatchTheKeyIsAFailingFindingInARealProcess() throws Exception {
        ChildJvm run = ChildJvm.run("doctor", "--p8", "certs-sample/AuthKey_PFKEY00001.p8", "--key-id", "WRONGKEY01",
                "--team-id", "PFTEAM0001", "--issue-token", "sandbox", "--bundle", "com.example.chat", "--probe");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("[FAIL]") && run.out().contains("the Key ID WRONGKEY01 does not match the key "
                + "(its file name says PFKEY00001)"), run::toString);
    }

    @Test
    void aSelfSignedP12IsNotMissingProviderTokenLoadAP8OrAP12(@TempDir Path dir) throws Exception {
        Path p12 = keytool(dir, "self.p12", "-validity", "300");
        ChildJvm run = ChildJvm.run(List.of("env", "PF_TEST_PW=secret1"), null, "doctor", "--p12", p12.toString(),
                "--password-env", "PF_TEST_PW", "--issue-token", "sandbox", "--bundle", "com.example.chat", "--probe");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("self-signed"), run::toString);
        assertTrue(run.out().contains("the TLS handshake did not take the client certificate"), run::toString);
        assertFalse(run.out().contains("load a .p8 or a .p12"), run::toString);
    }

    @Test
    void anExpiredCertificateSaysExpiredOnItsDate(@TempDir Path dir) throws Exception {
        Path p12 = keytool(dir, "old.p12", "-startdate", "2020/01/01", "-validity", "30");
        ChildJvm run = ChildJvm.run(List.of("env", "PF_TEST_PW2=secret1"), null, "doctor", "--p12", p12.toString(),
                "--password-env", "PF_TEST_PW2", "--issue-token", "sandbox", "--bundle", "com.example.chat", "--probe");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("expired on 2020-01-31"), run::toString);
    }
}
