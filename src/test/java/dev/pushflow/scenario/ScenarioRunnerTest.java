package dev.pushflow.scenario;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the runner reports: each expectation checks what the issue says it checks, and failures say what differed. */
class ScenarioRunnerTest {
    private static PushFlowEngine engine;
    private static ScenarioRunner runner;

    private static final String BACKGROUND_ALICE = """
            {"login": {"device": "phone1", "user": "alice"}},
            {"appState": {"device": "phone1", "state": "background"}},
            """;

    @BeforeAll
    static void start() {
        engine = Engines.startEmbedded(DeliveryLog.inMemory());
        runner = new ScenarioRunner(engine, Map.of("SAMPLE_P12_PASSWORD", "pushflow-test")::get, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Scenario scenario(String steps) throws ScenarioException {
        return ScenarioLoader.parse("{\"name\": \"runner test\", \"devices\": [{\"id\": \"phone1\", \"build\": \"debug\"},"
                + " {\"id\": \"phone2\", \"build\": \"debug\"}], \"steps\": [" + steps + "]}", "runner-test.json");
    }

    @Test
    void failedExpectationStopsTheRunAndSaysWhatDiffered() throws Exception {
        ScenarioResult r = runner.run(scenario(BACKGROUND_ALICE + """
                {"send": {"from": "bob", "to": "alice", "text": "hi"}},
                {"expectPush": {"device": "phone1", "status": "rejected", "reason": "BadDeviceToken"}},
                {"logout": {"device": "phone1"}}
                """));
        assertFalse(r.passed());
        assertEquals(4, r.steps().size(), "the logout after the failure never ran");
        StepResult failed = r.failure().orElseThrow();
        assertEquals(3, failed.index());
        assertTrue(failed.message().startsWith("expected rejected BadDeviceToken; got phone1 (alice): ACCEPTED 200"),
                failed.message());
        assertTrue(r.failureMessage().startsWith("Scenario 'runner test' (runner-test.json) failed at step 4 (steps[3]) "
                + "expect a push to phone1: rejected BadDeviceToken: "), r.failureMessage());
        assertEquals(DeliveryStatus.ACCEPTED, failed.records().get(0).status(), "the record behind the failure");
    }

    @Test
    void aScenarioSPushesAreRecordedWithTheScenarioSource() throws Exception {
        int before = engine.log().size();
        ScenarioResult r = runner.run(scenario(BACKGROUND_ALICE + """
                {"send": {"from": "bob", "to": "alice", "text": "from a scenario"}},
                {"expectPush": {"device": "phone1", "status": "accepted"}}
                """));
        assertTrue(r.passed(), String.valueOf(r.failure()));
        java.util.List<dev.pushflow.delivery.DeliveryRecord> pushes = engine.log().since(before).stream()
                .filter(x -> x.status().isPushAttempt()).toList();
        assertFalse(pushes.isEmpty());
        assertTrue(pushes.stream().allMatch(x -> x.source().equals(dev.pushflow.delivery.DeliveryRecord.SOURCE_SCENARIO)),
                pushes.toString());
    }

    @Test
    void expectPushLooksOnlyAtThePreviousSend() throws Exception {
        ScenarioResult r = runner.run(scenario(BACKGROUND_ALICE + """
                {"send": {"from": "bob", "to": "alice", "text": "pushed"}},
                {"send": {"from": "bob", "to": "carol", "text": "not to alice"}},
                {"expectPush": {"device": "phone1", "status": "accepted"}}
                """));
        assertEquals("the previous send made no push attempt to phone1: it did not address phone1",
                r.failure().orElseThrow().message());
    }

    @Test
    void expectNoPushFailsWhenThereWasAPush() throws Exception {
        ScenarioResult r = runner.run(scenario(BACKGROUND_ALICE + """
                {"send": {"from": "bob", "to": "alice", "text": "hi"}},
                {"expectNoPush": {"device": "phone1"}}
                """));
        assertTrue(r.failure().orElseThrow().message().startsWith("expected no push, got phone1 (alice): ACCEPTED"));
    }

    @Test
    void expectNoPushBecauseMatchesTheCodeOrTheDetail() throws Exception {
        ScenarioResult r = runner.run(scenario("""
                {"login": {"device": "phone1", "user": "alice"}},
                {"send": {"from": "bob", "to": "alice", "text": "hi"}},
                {"expectNoPush": {"device": "phone1", "because": "online"}},
                {"expectNoPush": {"device": "phone1", "because": "IM CONNECTION"}},
                {"expectNoPush": {"device": "phone1", "because": "logged-out"}}
                """));
        StepResult failed = r.failure().orElseThrow();
        assertEquals(4, failed.index(), "code and case-insensitive detail match; another code does not");
        assertTrue(failed.message().startsWith("no push as expected, but for another reason than 'logged-out': "
                + "phone1 (alice): ONLINE online"), failed.message());
    }

    @Test
    void expectRedirectReportsEveryDifference() throws Exception {
        ScenarioResult r = runner.run(scenario(BACKGROUND_ALICE + """
                {"send": {"from": "bob", "to": "alice", "text": "hi"}},
                {"tap": {"device": "phone1"}},
                {"expectRedirect": {"device": "phone1", "target": "group", "groupID": "@TGS#demo"}}
                """));
        String msg = r.failure().orElseThrow().message();
        assertTrue(msg.startsWith("target c2c instead of group; groupID '' instead of '@TGS#demo' (the tap: "
                + "Open one-to-one chat with userID bob [navigated])"), msg);
    }

    @Test
    void expectPayloadComparesJsonValuesAndSaysWhatItFound() throws Exception {
        ScenarioResult r = runner.run(scenario(BACKGROUND_ALICE + """
                {"send": {"from": "bob", "to": "alice", "text": "hi"}},
                {"expectPayload": {"device": "phone1", "pointer": "/aps/badge", "equals": 1.0}},
                {"expectPayload": {"device": "phone1", "pointer": "/aps/badge", "equals": "1"}}
                """));
        StepResult failed = r.failure().orElseThrow();
        assertEquals(4, failed.index(), "1.0 equals 1, the string \"1\" does not");
        assertEquals("at /aps/badge expected \"1\", got 1", failed.message());
    }

    @Test
    void whatTheEngineRefusesIsAFailedStepNotACrash() throws Exception {
        ScenarioResult r = runner.run(scenario("""
                {"login": {"device": "phone1", "user": "alice"}},
                {"tap": {"device": "phone1"}}
                """));
        assertTrue(r.failure().orElseThrow().message().contains("shows no notification to tap"),
                r.failure().orElseThrow().message());
    }

    @Test
    void stepsRunOneAtATimeForTheGui() throws Exception {
        Scenario s = scenario(BACKGROUND_ALICE + """
                {"send": {"from": "bob", "to": "alice", "text": "hi"}}
                """);
        runner.prepare(s);
        assertTrue(runner.runStep(s, 0).passed());
        assertEquals("alice logged in", engine.device("phone1").status(), "one step ran, nothing more");
        assertTrue(runner.runStep(s, 1).passed());
        StepResult send = runner.runStep(s, 2);
        assertTrue(send.passed());
        assertEquals(1, send.records().size());
        assertEquals("1 record, 1 push", send.message());
    }

    @Test
    void prepareResetsTheWorldBetweenScenarios() throws Exception {
        runner.run(scenario(BACKGROUND_ALICE + "{\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"hi\"}}"));
        assertEquals(1, engine.notifications("phone1").size());
        runner.prepare(scenario("{\"logout\": {\"device\": \"phone1\"}}"));
        assertEquals(0, engine.notifications("phone1").size(), "a fresh phone");
        assertEquals("Logged out", engine.device("phone1").status());
    }

    @Test
    void runningAStepOfAnotherScenarioIsRefused() throws Exception {
        Scenario a = scenario("{\"logout\": {\"device\": \"phone1\"}}");
        Scenario b = scenario("{\"logout\": {\"device\": \"phone1\"}}");
        runner.prepare(a);
        assertThrows(IllegalStateException.class, () -> runner.runStep(b, 0));
    }

    @Test
    void p12PasswordComesFromTheNamedVariable() throws Exception {
        String json = """
                {"name": "p12", "console": {"certificates": [
                  {"id": 31287, "environment": "sandbox", "credential": {"p12": "../certs-sample/client-development.p12", "passwordEnv": "%s"}}]},
                 "devices": [{"id": "phone1", "build": "debug"}],
                 "steps": [
                  {"login": {"device": "phone1", "user": "alice"}},
                  {"appState": {"device": "phone1", "state": "background"}},
                  {"send": {"from": "bob", "to": "alice", "text": "hi"}},
                  {"expectPush": {"device": "phone1", "status": "accepted"}}]}
                """;
        // In target/, so the relative path to the sample .p12 starts at the scenario file's folder.
        Path file = Path.of("target/p12-scenario.json");
        try {
            Files.writeString(file, json.formatted("SAMPLE_P12_PASSWORD"));
            assertTrue(runner.run(ScenarioLoader.load(file)).passed());
            Files.writeString(file, json.formatted("UNSET_VARIABLE"));
            String msg = assertThrows(ScenarioException.class, () -> runner.run(ScenarioLoader.load(file))).getMessage();
            assertTrue(msg.startsWith("target/p12-scenario.json: the password of "), msg);
            assertTrue(msg.contains("comes from the environment variable UNSET_VARIABLE, which is not set"), msg);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
