package dev.pushflow.scenario;

import dev.pushflow.afterapns.DeliveryState;
import dev.pushflow.apns.PushType;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario steps of "after the 200": read strictly, and a failed expectation says what APNs did instead. */
@Timeout(60)
class AfterTheTwoHundredStepsTest {
    private static PushFlowEngine engine;

    @BeforeAll
    static void start() {
        engine = Engines.startEmbedded(DeliveryLog.inMemory());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String withSteps(String steps) {
        return "{\"name\": \"t\", \"steps\": [{\"login\": {\"device\": \"iphone-debug\", \"user\": \"alice\"}}, "
                + "{\"appState\": {\"device\": \"iphone-debug\", \"state\": \"background\"}}, " + steps + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "network state is online or offline | {\"network\": {\"device\": \"iphone-debug\", \"state\": \"airplane\"}} | steps[2].network.state: 'airplane' is not one of online, offline",
            "lowPower needs on                  | {\"lowPower\": {\"device\": \"iphone-debug\"}}                      | steps[2].lowPower",
            "the clock only goes forward        | {\"advanceClock\": {\"seconds\": 0}}                                | steps[2].advanceClock.seconds: how far to move the clock forward",
            "an unknown delivery state          | {\"expectDelivery\": {\"device\": \"iphone-debug\", \"state\": \"lost\"}} | steps[2].expectDelivery.state: 'lost' is not one of delivered, stored-offline",
            "a priority APNs does not know      | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\", \"apns\": {\"priority\": 7}}} | steps[2].send.apns.priority: APNs knows 10 (at once), 5 (power-aware) and 1",
            "a negative expiration              | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\", \"apns\": {\"expiration\": -5}}} | steps[2].send.apns.expiration: seconds from now",
            "a push type of another kind        | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\", \"apns\": {\"pushType\": \"voip\"}}} | steps[2].send.apns.pushType: 'voip' is not one of alert, background",
            "a misspelled apns key              | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\", \"apns\": {\"colapseId\": \"a\"}}} | steps[2].send.apns: unknown key 'colapseId' (did you mean 'collapseId'?)",
            "an empty lock screen has no newest | {\"expectLockScreen\": {\"device\": \"iphone-debug\", \"count\": 0, \"newest\": \"x\"}} | steps[2].expectLockScreen.newest: an empty lock screen",
            "a negative budget                  | {\"backgroundBudget\": {\"perHour\": -1}}                           | steps[2].backgroundBudget.perHour",
    })
    void badStepsNameTheField(String rule, String step, String expected) {
        String msg = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(withSteps(step), "x.json"))
                .getMessage();
        assertTrue(msg.startsWith("x.json: " + expected), rule + ": " + msg);
    }

    @Test
    void expectDeliveryBeforeAnySendHasNothingToCheck() {
        String msg = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(withSteps(
                "{\"expectDelivery\": {\"device\": \"iphone-debug\", \"state\": \"delivered\"}}"), "x.json")).getMessage();
        assertTrue(msg.contains("comes before any send step"), msg);
    }

    @Test
    void sendsApnsHeadersCountTheExpirationFromTheSimulatedNow() throws Exception {
        Scenario s = ScenarioLoader.parse(withSteps("{\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\","
                + " \"apns\": {\"priority\": 5, \"expiration\": 60, \"collapseId\": \"c\", \"pushType\": \"background\"}}}"),
                "x.json");
        Step.Send send = (Step.Send) s.steps().get(2);
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        var options = send.toMessage(now).apnsOptions();
        assertEquals(5, options.priority());
        assertEquals(now.plusSeconds(60), options.expiration());
        assertEquals("c", options.collapseId());
        assertEquals(PushType.BACKGROUND, options.pushType());
        assertTrue(send.describe().contains("background, priority 5, expires in 60 s, collapse ID c"), send.describe());
    }

    @Test
    void aFailedDeliveryExpectationSaysWhatApnsDidAndWhy() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(engine, name -> null, Duration.ofSeconds(20));
        ScenarioResult result = runner.run(ScenarioLoader.parse(withSteps(
                "{\"network\": {\"device\": \"iphone-debug\", \"state\": \"offline\"}}, "
                        + "{\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\"}}, "
                        + "{\"expectDelivery\": {\"device\": \"iphone-debug\", \"state\": \"delivered\"}}"), "x.json"));
        assertFalse(result.passed());
        StepResult last = result.steps().getLast();
        assertEquals("expected delivered, it is stored-offline (" + DeliveryState.STORED_OFFLINE.explanation() + ")",
                last.message());
        assertEquals("stored-offline", last.records().getFirst().deliveryState(), "the log line agrees");
    }

    @Test
    void aLockScreenExpectationSaysWhatItShows() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(engine, name -> null, Duration.ofSeconds(20));
        ScenarioResult result = runner.run(ScenarioLoader.parse(withSteps(
                "{\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\"}}, "
                        + "{\"expectLockScreen\": {\"device\": \"iphone-debug\", \"count\": 2}}"), "x.json"));
        assertFalse(result.passed());
        assertEquals("the lock screen shows 1 notification, the newest \"Bob: x\"", result.steps().getLast().message());
    }

    @Test
    void anIndexPastThisScenariosPushesIsAFailedStep() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(engine, name -> null, Duration.ofSeconds(20));
        ScenarioResult result = runner.run(ScenarioLoader.parse(withSteps(
                "{\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\"}}, "
                        + "{\"expectDelivery\": {\"device\": \"iphone-debug\", \"state\": \"delivered\", \"index\": 1}}"),
                "x.json"));
        assertFalse(result.passed());
        assertEquals("this scenario made 1 push to iphone-debug (index counts from 0)", result.steps().getLast().message());
    }
}
