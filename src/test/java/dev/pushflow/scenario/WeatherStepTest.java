package dev.pushflow.scenario;

import dev.pushflow.cli.PushFlowCli;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryPolicy;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.gateway.WeatherPreset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weather step: read strictly, run on the embedded gateways, and never outliving its scenario. */
@Timeout(120)
class WeatherStepTest {
    private static PushFlowEngine engine;
    private static EmbeddedGateways gateways;

    @BeforeAll
    static void start() {
        engine = Engines.startEmbedded(DeliveryLog.inMemory());
        gateways = engine.embeddedGateways().orElseThrow();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static final String LOGIN = "{\"login\": {\"device\": \"iphone-debug\", \"user\": \"alice\"}}";

    private static String withSteps(String... steps) {
        return "{\"name\": \"t\", \"steps\": [" + String.join(", ", steps) + "]}";
    }

    private static String problem(String json) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(json, "x.json")).getMessage();
    }

    @Test
    void aGoodStepIsRead() throws Exception {
        Scenario s = ScenarioLoader.parse(withSteps(LOGIN,
                "{\"weather\": {\"gateway\": \"both\", \"faults\": \"429=3%, 503=1%, latency=20~10\", \"seed\": 7}}",
                "{\"weather\": {\"gateway\": \"sandbox\", \"faults\": \"clear\"}}",
                "{\"weather\": {\"gateway\": \"production\", \"faults\": \"\"}}"), "x.json");
        Step.WeatherStep w = assertInstanceOf(Step.WeatherStep.class, s.steps().get(1));
        assertEquals("both", w.gateway());
        assertEquals("429=3%, 503=1%, latency=20~10", w.faults());
        assertEquals(7, w.seed());
        assertEquals("", ((Step.WeatherStep) s.steps().get(2)).faults());
        assertEquals("", ((Step.WeatherStep) s.steps().get(3)).faults());
        assertEquals(1, ((Step.WeatherStep) s.steps().get(3)).seed(), "the default seed");
    }

    @Test
    void aBadSpecNamesTheStepAndTheBadPart() {
        String msg = problem(withSteps(LOGIN, "{\"weather\": {\"gateway\": \"sandbox\", \"faults\": \"429=3%,hail=2%\"}}"));
        assertTrue(msg.startsWith("x.json: steps[1].weather.faults: bad weather part 'hail=2%': unknown kind 'hail'"),
                msg);
        msg = problem(withSteps("{\"weather\": {\"gateway\": \"sandbox\", \"faults\": \"503=80%,429=30%\"}}"));
        assertTrue(msg.startsWith("x.json: steps[0].weather.faults: bad weather '503=80%,429=30%': the rates add up"
                + " to 110.0%, more than 100%"), msg);
        msg = problem(withSteps("{\"weather\": {\"gateway\": \"sandbox\", \"faults\": \"latency=soon\"}}"));
        assertTrue(msg.contains("steps[0].weather.faults: bad weather part 'latency=soon'"), msg);
    }

    @Test
    void aBadGatewayNameListsTheNames() {
        assertEquals("x.json: steps[0].weather.gateway: 'apple' is not one of sandbox, production, both",
                problem(withSteps("{\"weather\": {\"gateway\": \"apple\", \"faults\": \"429=1%\"}}")));
        assertTrue(problem(withSteps("{\"weather\": {\"faults\": \"429=1%\"}}"))
                .startsWith("x.json: steps[0].weather: 'gateway' is required"));
        assertTrue(problem(withSteps("{\"weather\": {\"gateway\": \"sandbox\"}}"))
                .startsWith("x.json: steps[0].weather: 'faults' is required"));
        assertTrue(problem(withSteps("{\"weather\": {\"gateway\": \"sandbox\", \"faults\": \"\", \"sed\": 1}}"))
                .contains("unknown key 'sed' (did you mean 'seed'?)"));
    }

    @Test
    void badPolicyAndAttemptsAreRefusedToo() {
        assertTrue(problem(withSteps("{\"deliveryPolicy\": {\"spec\": \"attempts=lots\"}}"))
                .startsWith("x.json: steps[0].deliveryPolicy.spec: 'attempts=lots': 'lots' is not a number"));
        String send = "{\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"hi\"}}";
        assertTrue(problem(withSteps(LOGIN, send, "{\"expectAttempts\": {\"device\": \"iphone-debug\", \"attempts\":"
                + " [{\"status\": \"accepted\"}, {\"status\": \"rejected\"}]}}"))
                .contains("steps[2].expectAttempts.attempts[0].status: an accepted attempt is the push's last"));
        assertTrue(problem(withSteps(LOGIN, "{\"expectAttempts\": {\"device\": \"iphone-debug\", \"attempts\":"
                + " [{\"status\": \"accepted\"}]}}")).contains("comes before any send step"));
    }

    @Test
    void validateExitsTwoWithTheStepAndTheBadPart(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad-weather.json");
        Files.writeString(f, withSteps(LOGIN, "{\"weather\": {\"gateway\": \"sandbox\", \"faults\": \"429=3%,hail=2%\"}}"));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = PushFlowCli.run(new String[]{"scenario", "validate", f.toString()},
                new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        assertEquals(2, code, out + "\n" + err);
        assertTrue(err.toString().contains("INVALID  " + f + ": steps[1].weather.faults: bad weather part 'hail=2%'"),
                err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void weatherIsClearedWhenTheScenarioEndsAndWhatWasThereComesBack() throws Exception {
        gateways.production().setWeather(WeatherPreset.SLOW.spec(), 5); // set by the window's card, say
        DeliveryPolicy before = engine.deliveryPolicy();
        ScenarioRunner runner = new ScenarioRunner(engine, n -> null, Duration.ofSeconds(20));
        Scenario s = ScenarioLoader.parse(withSteps(LOGIN,
                "{\"deliveryPolicy\": {\"spec\": \"attempts=2\"}}",
                "{\"weather\": {\"gateway\": \"sandbox\", \"faults\": \"" + WeatherPreset.FLAKY.spec() + "\"}}"), "x.json");
        runner.prepare(s);
        assertTrue(gateways.production().weather().isClear(), "a scenario starts in clear weather");
        for (int i = 0; i < s.steps().size(); i++) {
            assertTrue(runner.runStep(s, i).passed());
        }
        assertEquals("flaky on sandbox", WeatherPreset.describe(gateways));
        assertEquals(2, engine.deliveryPolicy().maxAttempts());
        runner.finish();
        assertTrue(gateways.sandbox().weather().isClear());
        assertEquals("slow on production", WeatherPreset.describe(gateways));
        assertEquals(5, gateways.production().weatherSeed());
        assertEquals(before, engine.deliveryPolicy());
        gateways.production().clearWeather();

        ScenarioResult r = runner.run(s); // run() finishes by itself, even when a step fails
        assertTrue(r.passed());
        assertEquals("", WeatherPreset.describe(gateways));
    }
}
