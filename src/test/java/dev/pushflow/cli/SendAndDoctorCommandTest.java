package dev.pushflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.credentials.SampleMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `pushflow send` and `pushflow doctor` as a user runs them: exit codes, JSON lines, plain errors. */
class SendAndDoctorCommandTest {
    record Run(int code, String out, String err) {
    }

    @AfterEach
    void restoreEnvironment() {
        ApnsCredentialOptions.environment = System::getenv;
    }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void sendWithTheSampleKeyToAnIssuedTokenIsAcceptedAndPrintsOneJsonLinePerToken() throws Exception {
        Run r = run(new SendCommand(), "--sample", "--issue-token", "sandbox", "--bundle", "com.example.chat",
                "--token", "ab".repeat(32), "--payload-json", "{\"aps\":{\"alert\":\"Hi\"}}");
        assertEquals(1, r.code(), "one of two tokens is rejected: " + r);
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        JsonNode rejected = new ObjectMapper().readTree(lines[0]);
        assertEquals(400, rejected.get("status").asInt());
        assertEquals("BadDeviceToken", rejected.get("reason").asText());
        assertTrue(rejected.get("explanation").asText().contains("other environment"));
        JsonNode accepted = new ObjectMapper().readTree(lines[1]);
        assertEquals(200, accepted.get("status").asInt());
        assertFalse(accepted.get("apns-unique-id").isNull(), "sandbox answers carry apns-unique-id");
    }

    @Test
    void sendWithAP12WhosePasswordComesFromTheEnvironmentExitsZero() {
        ApnsCredentialOptions.environment = Map.of("P12_PW", SampleMaterial.P12_PASSWORD)::get;
        Run r = run(new SendCommand(), "--p12", "certs-sample/client-universal.p12", "--password-env", "P12_PW",
                "--env", "production", "--issue-token", "production", "--bundle", "com.example.chat");
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.out().contains(SampleMaterial.P12_PASSWORD) || r.err().contains(SampleMaterial.P12_PASSWORD));
    }

    @Test
    void badInputExitsTwoWithAPlainMessageAndNoStackTrace() {
        Run r = run(new SendCommand(), "--sample", "--bundle", "com.example.chat", "--token", "<ab cd e>",
                "--payload-json", "{nope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("error: Device token: the device token has an odd number"), r.err());
        assertTrue(r.err().contains("error: The payload is not valid JSON"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");

        ApnsCredentialOptions.environment = Map.of("PW", "wrong")::get;
        Run wrong = run(new SendCommand(), "--p12", "certs-sample/client-development.p12", "--password-env", "PW",
                "--issue-token", "sandbox", "--bundle", "com.example.chat");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("password for client-development.p12 is wrong"), wrong.err());

        Run unset = run(new SendCommand(), "--p12", "certs-sample/client-development.p12", "--password-env",
                "PUSHFLOW_TEST_SURELY_UNSET", "--token", "ab".repeat(32), "--bundle", "com.example.chat");
        assertEquals(2, unset.code());
        assertTrue(unset.err().contains("PUSHFLOW_TEST_SURELY_UNSET, which is not set"), unset.err());
    }

    @Test
    void sendCurlPrintsAMaskedCommandAndApnsFileIsWritten() throws Exception {
        Path file = Files.createTempFile("pushflow", ".apns");
        try {
            Run r = run(new SendCommand(), "--sample", "--token", "ab".repeat(32), "--bundle", "com.example.chat",
                    "--curl", "--apns-file", file.toString());
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("curl -v --http2"), r.out());
            assertTrue(r.out().contains(".***masked***"), r.out());
            assertTrue(r.err().contains("--reveal"), r.err());
            JsonNode apns = new ObjectMapper().readTree(file.toFile());
            assertEquals("com.example.chat", apns.get("Simulator Target Bundle").asText());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void doctorWithTheProductionCertificateIdFindsTheSandboxToken() throws Exception {
        Run r = run(new DoctorCommand(), "--issue-token", "sandbox", "--certificate-id", "31288", "--probe");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("=> This token is a sandbox (development) token: the app was built Debug;"
                + " certificate ID 31288 is production; use 31287 or build Release."), r.out());

        Run j = run(new DoctorCommand(), "--issue-token", "production", "--certificate-id", "31287", "--probe",
                "--json");
        JsonNode d = new ObjectMapper().readTree(j.out());
        assertEquals("production", d.get("tokenEnvironment").asText());
        assertEquals("FAIL", d.get("verdict").asText());
    }

    @Test
    void doctorWithABrokenP8NamesTheKeyIdProblem() {
        Run r = run(new DoctorCommand(), "--p8", "certs-sample/AuthKey_PFKEY00001.p8", "--key-id", "SHORT",
                "--team-id", "PFTEAM0001", "--token", "<ab cd>", "--bundle", "com.example.chat");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("[WARN] device token format"), r.out());
        assertTrue(r.out().contains("[FAIL] .p8 Key ID and Team ID: The Key ID \"SHORT\" has 5 characters"), r.out());
    }

    @Test
    void doctorWithoutATokenIsBadInput() {
        Run r = run(new DoctorCommand(), "--certificate-id", "31287");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: give the device token"), r.err());
    }

    // ---- scoped .p8 keys (--key-environment, --key-topics) ----------------------------------------------------------

    @Test
    void sendWithTheSampleKeyDeclaredSandboxOnlyIsRefusedByProduction() throws Exception {
        Run r = run(new SendCommand(), "--sample", "--key-environment", "sandbox", "--env", "production",
                "--issue-token", "production", "--bundle", "com.example.chat");
        assertEquals(1, r.code(), r.toString());
        JsonNode line = new ObjectMapper().readTree(r.out().strip());
        assertEquals(403, line.get("status").asInt());
        assertEquals("BadEnvironmentKeyIdInToken", line.get("reason").asText());
        assertTrue(line.get("explanation").asText().contains("Sandbox & Production"), r.out());

        Run ok = run(new SendCommand(), "--sample", "--key-environment", "sandbox", "--issue-token", "sandbox",
                "--bundle", "com.example.chat");
        assertEquals(0, ok.code(), ok.toString());
    }

    @Test
    void sendWithTheSampleKeyDeclaredForAnotherAppIsUnrelatedKeyIdInToken() throws Exception {
        Run r = run(new SendCommand(), "--sample", "--key-topics", "com.example.other,com.example.third",
                "--issue-token", "sandbox", "--bundle", "com.example.chat");
        assertEquals(1, r.code(), r.toString());
        JsonNode line = new ObjectMapper().readTree(r.out().strip());
        assertEquals(403, line.get("status").asInt());
        assertEquals("UnrelatedKeyIdInToken", line.get("reason").asText());
    }

    @Test
    void doctorWithADeclaredSandboxKeyPushingToProductionFails() {
        Run r = run(new DoctorCommand(), "--sample", "--key-environment", "sandbox", "--env", "production",
                "--issue-token", "production", "--bundle", "com.example.chat", "--probe");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("[FAIL] token key scope vs gateway and topic: The .p8 key PFKEY00001 is declared"
                + " a Sandbox key, but the credential pushes to production: APNs answers 403"
                + " BadEnvironmentKeyIdInToken to every push."), r.out());
        assertTrue(r.out().contains("to production: 403 BadEnvironmentKeyIdInToken"), "the probe met it: " + r.out());
    }

    @Test
    void doctorReadsTheScopeOfAP8File() throws Exception {
        Run r = run(new DoctorCommand(), "--p8", "certs-sample/AuthKey_PFKEY00001.p8", "--team-id", "PFTEAM0001",
                "--key-topics", "com.example.other", "--env", "sandbox", "--token", "ab".repeat(32), "--bundle",
                "com.example.chat", "--json");
        assertEquals(1, r.code(), r.toString());
        JsonNode d = new ObjectMapper().readTree(r.out());
        boolean found = false;
        for (JsonNode f : d.get("findings")) {
            if (f.get("step").asText().equals("key_scope")) {
                assertEquals("FAIL", f.get("verdict").asText());
                assertTrue(f.get("text").asText().contains("403 UnrelatedKeyIdInToken"), f.toString());
                found = true;
            }
        }
        assertTrue(found, r.out());
    }

    @Test
    void badKeyScopeValuesExitTwoNamingTheOption() {
        Run env = run(new SendCommand(), "--sample", "--key-environment", "staging", "--token", "ab".repeat(32),
                "--bundle", "com.example.chat");
        assertEquals(2, env.code());
        assertEquals("error: --key-environment: unknown key environment 'staging': use sandbox, production or both"
                + " (a \"Sandbox & Production\" key)", env.err().strip());

        Run topics = run(new DoctorCommand(), "--sample", "--key-topics", "com.example chat", "--token",
                "ab".repeat(32), "--bundle", "com.example.chat");
        assertEquals(2, topics.code());
        assertTrue(topics.err().startsWith("error: --key-topics: 'com.example chat' is not a bundle ID: it contains a"
                + " space"), topics.err());

        Run empty = run(new SendCommand(), "--sample", "--key-topics", "com.a,,com.b", "--token", "ab".repeat(32),
                "--bundle", "com.example.chat");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("no empty entry"), empty.err());

        ApnsCredentialOptions.environment = Map.of("P12_PW", SampleMaterial.P12_PASSWORD)::get;
        Run p12 = run(new SendCommand(), "--p12", "certs-sample/client-universal.p12", "--password-env", "P12_PW",
                "--key-environment", "sandbox", "--token", "ab".repeat(32), "--bundle", "com.example.chat");
        assertEquals(2, p12.code());
        assertTrue(p12.err().startsWith("error: --key-environment and --key-topics declare the scope of a .p8 token"
                + " key: use them with --p8"), p12.err());

        Run cert = run(new DoctorCommand(), "--sample", "development", "--key-topics", "com.example.chat", "--token",
                "ab".repeat(32));
        assertEquals(2, cert.code());
        assertTrue(cert.err().contains("use them with --p8"), cert.err());

        Run console = run(new DoctorCommand(), "--certificate-id", "31287", "--key-environment", "sandbox",
                "--issue-token", "sandbox");
        assertEquals(2, console.code());
        assertTrue(console.err().contains("--certificate-id uses the console's credential"), console.err());
        assertFalse(console.err().contains("\tat "), "no stack trace");
    }
}
