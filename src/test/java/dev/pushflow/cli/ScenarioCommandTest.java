package dev.pushflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pushflow scenario run|validate}: exit codes, messages and reports as the issue asks. */
class ScenarioCommandTest {
    private static final String EXAMPLE = "scenarios/debug-c2c-push-redirects-to-sender.json";

    @TempDir
    Path dir;

    /** A scenario whose fourth step expects a rejection that does not happen. */
    private Path failing() throws Exception {
        Path f = dir.resolve("wrong-expectation.json");
        Files.writeString(f, """
                {"name": "Expects BadDeviceToken from a correct setup",
                 "devices": [{"id": "phone1", "build": "debug"}],
                 "steps": [
                   {"login": {"device": "phone1", "user": "alice"}},
                   {"appState": {"device": "phone1", "state": "background"}},
                   {"send": {"from": "bob", "to": "alice", "text": "hi"}},
                   {"expectPush": {"device": "phone1", "status": "rejected", "reason": "BadDeviceToken"}}]}
                """);
        return f;
    }

    private Path invalid() throws Exception {
        Path f = dir.resolve("invalid.json");
        Files.writeString(f, """
                {"name": "No recipient",
                 "steps": [
                   {"login": {"device": "iphone-debug", "user": "alice"}},
                   {"appState": {"device": "iphone-debug", "state": "background"}},
                   {"logout": {"device": "iphone-debug"}},
                   {"send": {"from": "bob", "text": "hi"}}]}
                """);
        return f;
    }

    @Test
    void passingScenarioExitsZeroWithALinePerStepAndTheRecordBehindEachPush() {
        CliRun run = CliRun.of("scenario", "run", EXAMPLE);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("  PASS  1. login alice on phone1"), run.out());
        assertTrue(run.out().contains("  PASS  3. send \"hi\" from bob to alice: 1 record, 1 push\n"
                + "          -> phone1 (alice): ACCEPTED 200 → delivered · certificate ID 31287 (sandbox)"), run.out());
        assertTrue(run.out().contains("NO_PUSH logged-out"), run.out());
        assertTrue(run.out().endsWith("1 scenario: 1 passed, 0 failed\n"), run.out());
    }

    @Test
    void failingExpectationExitsOneNamingScenarioStepAndWhatDiffered() throws Exception {
        Path f = failing();
        CliRun run = CliRun.of("scenario", "run", f.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("  FAIL  4. expect a push to phone1: rejected BadDeviceToken: expected rejected "
                + "BadDeviceToken; got phone1 (alice): ACCEPTED 200"), run.out());
        assertTrue(run.err().startsWith("pushflow scenario run: Scenario 'Expects BadDeviceToken from a correct setup' ("
                + f + ") failed at step 4 (steps[3]) expect a push to phone1: rejected BadDeviceToken: expected "
                + "rejected BadDeviceToken; got phone1 (alice): ACCEPTED 200"), run.err());
    }

    @Test
    void invalidFileExitsTwoNamingTheFieldAndRunsNothing() throws Exception {
        Path bad = invalid();
        CliRun run = CliRun.of("scenario", "run", EXAMPLE, bad.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("pushflow scenario run: " + bad + ": steps[3].send: 'to' or 'group' is required\n",
                run.err());
        assertFalse(run.out().contains("Scenario:"), "no scenario ran: " + run.out());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void junitXmlHasOneTestCasePerScenarioWithTheRightCounts() throws Exception {
        Path xml = dir.resolve("reports/pushflow.xml");
        CliRun run = CliRun.of("scenario", "run", EXAMPLE, failing().toString(), "--junit", xml.toString());
        assertEquals(1, run.exitCode(), run::toString);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals(2, doc.getElementsByTagName("testcase").getLength());
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("failed at step 4 (steps[3])"));
    }

    @Test
    void junitXmlReportsAnInvalidFileAsAnError() throws Exception {
        Path xml = dir.resolve("pushflow.xml");
        CliRun run = CliRun.of("scenario", "run", invalid().toString(), "--junit", xml.toString());
        assertEquals(2, run.exitCode(), run::toString);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals("1", ((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("errors"));
    }

    @Test
    void jsonSummaryIsOneMachineReadableDocument() throws Exception {
        CliRun run = CliRun.of("scenario", "run", "--json", EXAMPLE, failing().toString());
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertFalse(summary.get("passed").asBoolean());
        assertEquals(2, summary.at("/counts/scenarios").asInt());
        assertEquals(1, summary.at("/counts/failed").asInt());
        JsonNode send = summary.at("/scenarios/0/steps/2");
        assertEquals("send", send.get("key").asText());
        assertEquals("ACCEPTED", send.at("/records/0/status").asText());
        assertEquals(31287, send.at("/records/0/certificateId").asInt());
        assertTrue(summary.at("/scenarios/1/failure").asText().contains("step 4"));
    }

    @Test
    void aFolderRunsEveryScenarioInIt() throws Exception {
        Files.copy(Path.of(EXAMPLE), dir.resolve("a.json"));
        Files.copy(Path.of("scenarios/logged-out-user-gets-no-push.json"), dir.resolve("b.json"));
        CliRun run = CliRun.of("scenario", "run", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().endsWith("2 scenarios: 2 passed, 0 failed\n"), run.out());
    }

    @Test
    void validateChecksWithoutRunning() throws Exception {
        CliRun ok = CliRun.of("scenario", "validate", "scenarios");
        assertEquals(0, ok.exitCode(), ok::toString);
        assertTrue(ok.out().contains("valid    scenarios/debug-c2c-push-redirects-to-sender.json (Debug build: C2C push "
                + "redirects to the sender, 10 steps)"), ok.out());
        CliRun bad = CliRun.of("scenario", "validate", EXAMPLE, invalid().toString());
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("INVALID  " + dir.resolve("invalid.json") + ": steps[3].send: 'to' or 'group' is required"),
                bad.err());
    }

    @ParameterizedTest(name = "pushflow {0} --help")
    @ValueSource(strings = {"", "parse", "gateway", "scenario", "scenario run", "scenario validate"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Usage: pushflow"), run.out());
    }

    @ParameterizedTest(name = "pushflow {0}")
    @ValueSource(strings = {"", "frobnicate", "scenario", "scenario run", "scenario run --bogus x.json",
            "parse a.json b.json", "gateway --exit-after soon", "scenario run --send-timeout 0 x.json"})
    void usageErrorsExitTwoWithAClearMessage(String command) {
        CliRun run = CliRun.of(command.isEmpty() ? new String[0] : command.split(" "));
        assertEquals(2, run.exitCode(), run::toString);
        assertFalse(run.err().isBlank());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void aScenarioWhoseP12PasswordIsNotSetExitsTwoNamingTheVariable() throws Exception {
        dev.pushflow.credentials.OwnCertificates.p12(dir.resolve("push.p12"), "own-secret-1");
        Path f = dir.resolve("own-p12.json");
        Files.writeString(f, """
                {"name": "Own certificate",
                 "console": {"certificates": [
                   {"id": 41234, "environment": "sandbox",
                    "credential": {"p12": "push.p12", "passwordEnv": "PUSHFLOW_TEST_NEVER_SET_PASSWORD"}}]},
                 "steps": [{"login": {"device": "iphone-debug", "user": "alice"}}]}
                """);
        CliRun run = CliRun.of("scenario", "run", f.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("PUSHFLOW_TEST_NEVER_SET_PASSWORD, which is not set"), run.err());
        assertFalse(run.err().contains("own-secret-1"), run.err());
    }
}
