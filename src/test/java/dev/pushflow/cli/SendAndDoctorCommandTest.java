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
}
