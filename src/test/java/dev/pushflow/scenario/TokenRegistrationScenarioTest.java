package dev.pushflow.scenario;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.FlakyRegistration;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.TokenRegistration;
import dev.pushflow.engine.TokenRemedy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token FAQ in scenario files: the device key, the two steps, expectNoPush because no-token. */
class TokenRegistrationScenarioTest {
    private static PushFlowEngine engine;
    private static ScenarioRunner runner;

    @BeforeAll
    static void start() {
        engine = Engines.startEmbedded(DeliveryLog.inMemory());
        runner = new ScenarioRunner(engine, name -> null, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String problem(String json) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(json, "x.json")).getMessage();
    }

    private static String scenario(String devices, String steps) {
        return "{\"name\": \"t\", \"devices\": " + devices + ", \"steps\": " + steps + "}";
    }

    private static final String LOGIN = "{\"login\": {\"device\": \"p\", \"user\": \"alice\"}}";

    @Test
    void theFirstFaqEntryFailsOnDebugAndWorksOnRelease() throws ScenarioException {
        ScenarioResult r = runner.run(ScenarioLoader.load(
                Path.of("scenarios/development-token-request-fails-switch-to-production.json")));
        assertTrue(r.passed(), () -> String.join("\n", TextReport.lines(r)));
        String retried = r.steps().get(5).message();
        assertTrue(retried.startsWith("token ") && !retried.contains("registered"), retried);
        assertEquals("token registered", r.steps().get(8).message());
        assertEquals(FlakyRegistration.debugOnly(1, 1), engine.flakyRegistration());
    }

    @Test
    void theSecondFaqEntryRetriesUntilARemedyWorks() throws ScenarioException {
        ScenarioResult r = runner.run(ScenarioLoader.load(
                Path.of("scenarios/development-token-not-returned-remedies.json")));
        assertTrue(r.passed(), () -> String.join("\n", TextReport.lines(r)));
        assertTrue(r.steps().get(5).message().startsWith("token failed"), r.steps().get(5).message());
        assertEquals("token registered", r.steps().get(9).message());
    }

    @Test
    void prepareResetsTheFlakySettingOfThePreviousScenario() throws ScenarioException {
        engine.setFlakyRegistration(FlakyRegistration.debugOnly(1, 3));
        runner.prepare(ScenarioLoader.parse(scenario("[{\"id\": \"p\", \"build\": \"debug\"}]", "[" + LOGIN + "]"),
                "x.json"));
        assertTrue(engine.flakyRegistration().isOff());
        assertTrue(engine.tokenStatus("p").hasToken());
    }

    @Test
    void stepsAndDeviceKeyAreRead() throws ScenarioException {
        Scenario s = ScenarioLoader.parse(scenario(
                "[{\"id\": \"p\", \"build\": \"debug\", \"tokenRegistration\": \"no-answer\"}]",
                "[{\"flakyRegistration\": {\"debugChance\": 0.25, \"seed\": 9}},"
                        + " {\"retryRegistration\": {\"device\": \"p\"}},"
                        + " {\"retryRegistration\": {\"device\": \"p\", \"by\": \"restart-phone\"}}]"), "x.json");
        assertEquals(TokenRegistration.NO_ANSWER, s.workspace().devices().get(0).tokenRegistration());
        assertEquals(new FlakyRegistration(0.25, 0, 9),
                assertInstanceOf(Step.FlakyRegistrationStep.class, s.steps().get(0)).flaky());
        assertEquals(TokenRemedy.RETRY, assertInstanceOf(Step.RetryRegistration.class, s.steps().get(1)).by());
        assertEquals(TokenRemedy.RESTART_PHONE, ((Step.RetryRegistration) s.steps().get(2)).by());
        assertEquals("retry the token registration on p by: shut down and restart the phone", s.steps().get(2).describe());
    }

    @Test
    void badTokenKeysAreRefusedWithTheirField() {
        assertEquals("x.json: devices[0].tokenRegistration: 'maybe' is not one of ok, fails, no-answer",
                problem(scenario("[{\"id\": \"p\", \"build\": \"debug\", \"tokenRegistration\": \"maybe\"}]",
                        "[" + LOGIN + "]")));
        assertTrue(problem(scenario("[{\"id\": \"p\", \"build\": \"debug\", \"token\": \"" + "ab".repeat(32)
                + "\", \"tokenRegistration\": \"fails\"}]", "[" + LOGIN + "]"))
                .contains("a real device (with 'token') already has one"));
        assertEquals("x.json: steps[0].retryRegistration.by: 'pray' is not one of retry, cellular, reinstall,"
                        + " restart-app, restart-phone, production-build",
                problem(scenario("[{\"id\": \"p\", \"build\": \"debug\"}]",
                        "[{\"retryRegistration\": {\"device\": \"p\", \"by\": \"pray\"}}]")));
        assertTrue(problem(scenario("[{\"id\": \"p\", \"build\": \"debug\"}]",
                "[{\"flakyRegistration\": {\"debugChance\": 30}}]")).contains("between 0 and 1"));
        assertTrue(problem(scenario("[{\"id\": \"p\", \"build\": \"debug\"}]",
                "[{\"flakyRegistration\": {\"seed\": 3}}]")).contains("'debugChance' is required"));
    }

    @Test
    void aRemedyOnARealDeviceFailsTheStepWithASentence() throws ScenarioException {
        ScenarioResult r = runner.run(ScenarioLoader.parse(scenario(
                "[{\"id\": \"p\", \"build\": \"debug\", \"token\": \"" + "ab".repeat(32) + "\"}]",
                "[{\"retryRegistration\": {\"device\": \"p\"}}]"), "x.json"));
        assertTrue(!r.passed());
        assertTrue(r.steps().get(0).message().contains("is a real device"), r.steps().get(0).message());
    }

    @Test
    void aSavedWorkspaceKeepsTheDevicesTokenRegistration() throws ScenarioException {
        runner.prepare(ScenarioLoader.parse(scenario(
                "[{\"id\": \"p\", \"build\": \"debug\", \"tokenRegistration\": \"fails\"}]", "[" + LOGIN + "]"),
                "x.json"));
        WorkspaceSpec captured = WorkspaceSpec.capture(engine);
        assertEquals(TokenRegistration.FAILS, captured.devices().get(0).tokenRegistration());
        assertEquals("fails", captured.toJson(Path.of(".")).at("/devices/0/tokenRegistration").asText());
    }
}
