package dev.pushflow.scenario;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.MessageElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid scenario files are refused with a message that names the file and the offending field or step. */
class ScenarioLoaderTest {

    /** A scenario on the default workspace with the given steps (JSON array text). */
    private static String withSteps(String steps) {
        return "{\"name\": \"t\", \"steps\": " + steps + "}";
    }

    private static String problem(String json) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(json, "x.json")).getMessage();
    }

    private static final String LOGIN = "{\"login\": {\"device\": \"iphone-debug\", \"user\": \"alice\"}}";

    @Test
    void sendWithoutRecipientNamesTheStep() {
        String msg = problem(withSteps("[" + LOGIN + ", {\"send\": {\"from\": \"bob\", \"text\": \"hi\"}}]"));
        assertEquals("x.json: steps[1].send: 'to' or 'group' is required", msg);
    }

    @Test
    void misspelledKeyIsAnErrorWithASuggestion() {
        String msg = problem(withSteps("[{\"send\": {\"from\": \"bob\", \"tp\": \"alice\", \"text\": \"hi\"}}]"));
        assertTrue(msg.startsWith("x.json: steps[0].send: unknown key 'tp' (did you mean 'to'?)"), msg);
    }

    @Test
    void misspelledStepKeyIsAnError() {
        String msg = problem(withSteps("[{\"expectPsh\": {\"device\": \"iphone-debug\"}}]"));
        assertTrue(msg.startsWith("x.json: steps[0]: unknown key 'expectPsh' (did you mean 'expectPush'?)"), msg);
    }

    @Test
    void misspelledTopLevelKeyIsAnError() {
        String msg = problem("{\"name\": \"t\", \"device\": [], \"steps\": [" + LOGIN + "]}");
        assertTrue(msg.startsWith("x.json: unknown key 'device' (did you mean 'devices'?)"), msg);
    }

    @Test
    void stepNamingAnUnknownDeviceListsTheDevices() {
        String msg = problem(withSteps("[{\"logout\": {\"device\": \"phone9\"}}]"));
        assertEquals("x.json: steps[0].logout.device: no device 'phone9'; devices: iphone-debug, iphone-release", msg);
    }

    @Test
    void stepNamingAnUnknownUserListsTheUsers() {
        String msg = problem(withSteps("[{\"login\": {\"device\": \"iphone-debug\", \"user\": \"dave\"}}]"));
        assertEquals("x.json: steps[0].login.user: no user 'dave'; users: alice, bob, carol", msg);
    }

    @Test
    void expectationBeforeAnySendHasNothingToCheck() {
        String msg = problem(withSteps("[{\"expectPush\": {\"device\": \"iphone-debug\", \"status\": \"accepted\"}}]"));
        assertEquals("x.json: steps[0].expectPush: comes before any send step: there is no push to check yet", msg);
    }

    @Test
    void redirectExpectationBeforeAnyTapHasNothingToCheck() {
        String msg = problem(withSteps("[{\"expectRedirect\": {\"device\": \"iphone-debug\", \"target\": \"c2c\"}}]"));
        assertTrue(msg.contains("steps[0].expectRedirect: comes before any tap step"), msg);
    }

    @Test
    void aStepHasExactlyOneKey() {
        String msg = problem(withSteps("[{\"logout\": {\"device\": \"iphone-debug\"}, \"login\": {}}]"));
        assertTrue(msg.startsWith("x.json: steps[0]: a step has exactly one key"), msg);
    }

    @Test
    void brokenJsonGivesLineAndColumn() {
        String msg = problem("{\n  \"name\": \"t\",\n  \"steps\": [,]\n}");
        assertTrue(msg.startsWith("x.json: not valid JSON at line 3, column"), msg);
    }

    @Test
    void duplicateKeysAreErrors() {
        String msg = problem("{\"name\": \"a\", \"name\": \"b\", \"steps\": [" + LOGIN + "]}");
        assertTrue(msg.contains("not valid JSON") && msg.contains("Duplicate field 'name'"), msg);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "wrong type for a string        | {\"logout\": {\"device\": 7}}                                       | steps[0].logout.device: expected a string, got a number",
            "unknown app state              | {\"appState\": {\"device\": \"iphone-debug\", \"state\": \"asleep\"}} | steps[0].appState.state: 'asleep' is not one of foreground, background, locked, killed",
            "takeOver must be a boolean     | {\"customParse\": {\"device\": \"iphone-debug\", \"takeOver\": \"yes\"}} | steps[0].customParse.takeOver: expected true or false",
            "negative tap index             | {\"tap\": {\"device\": \"iphone-debug\", \"index\": -1}}             | steps[0].tap.index: an index counts from 0",
            "both to and group              | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"group\": \"@TGS#demo\", \"text\": \"x\"}} | steps[0].send: give 'to' (one user) or 'group', not both",
            "no content                     | {\"send\": {\"from\": \"bob\", \"to\": \"alice\"}}                   | steps[0].send: 'text', 'custom' or 'elements' is required",
            "sender not in the group        | {\"send\": {\"from\": \"bob\", \"group\": \"@TGS#nope\", \"text\": \"x\"}} | steps[0].send.group: no group '@TGS#nope'; groups: @TGS#demo",
            "iOSPushType out of range       | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\", \"offlinePushInfo\": {\"iOSPushType\": 2}}} | steps[0].send.offlinePushInfo.iOSPushType: 0 (APNs alert) or 1 (VoIP), not 2",
            "ext must be a string or object | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\", \"offlinePushInfo\": {\"ext\": 5}}} | steps[0].send.offlinePushInfo.ext: expected a string (sent verbatim) or an object",
            "repeat without text            | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"custom\": \"x\", \"repeat\": 3}} | steps[0].send.repeat: repeats 'text'",
            "unknown element                | {\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"elements\": [{\"video\": \"v.mp4\"}]}} | steps[0].send.elements[0]: unknown key 'video'",
    })
    void fieldProblemsNameTheField(String rule, String step, String expected) {
        String msg = problem(withSteps("[" + step + "]"));
        assertTrue(msg.startsWith("x.json: " + expected), rule + ": " + msg);
    }

    @Test
    void payloadExpectationNeedsAJsonPointer() {
        String send = "{\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\"}}";
        String msg = problem(withSteps("[" + send + ", {\"expectPayload\": {\"device\": \"iphone-debug\", "
                + "\"pointer\": \"aps/badge\", \"equals\": 1}}]"));
        assertTrue(msg.startsWith("x.json: steps[1].expectPayload.pointer: 'aps/badge' is not a JSON Pointer"), msg);
    }

    @Test
    void acceptedPushHasNoReason() {
        String send = "{\"send\": {\"from\": \"bob\", \"to\": \"alice\", \"text\": \"x\"}}";
        String msg = problem(withSteps("[" + send + ", {\"expectPush\": {\"device\": \"iphone-debug\", "
                + "\"status\": \"accepted\", \"reason\": \"BadDeviceToken\"}}]"));
        assertTrue(msg.contains("steps[1].expectPush.reason: an accepted push has no reason"), msg);
    }

    @Test
    void consoleFieldsAreCheckedToo() {
        String msg = problem("{\"name\": \"t\", \"console\": {\"certificates\": [{\"id\": 31287, \"environment\": "
                + "\"staging\", \"credential\": \"sample\"}]}, \"steps\": [" + LOGIN + "]}");
        assertTrue(msg.startsWith("x.json: console.certificates[0].environment: 'staging' is not one of sandbox"), msg);
    }

    @Test
    void groupMembersMustBeUsers() {
        String msg = problem("{\"name\": \"t\", \"users\": [\"alice\"], \"groups\": [{\"groupID\": \"@g\", \"members\": "
                + "[\"alice\", \"zed\"]}], \"steps\": [" + LOGIN + "]}");
        assertTrue(msg.startsWith("x.json: groups[0].members[1]: 'zed' is not a user of this file"), msg);
    }

    @Test
    void missingCredentialFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"name\": \"t\", \"console\": {\"certificates\": [{\"id\": 1, \"environment\": "
                + "\"sandbox\", \"credential\": {\"p12\": \"certs/push.p12\", \"passwordEnv\": \"P12_PASSWORD\"}}]}, "
                + "\"steps\": [" + LOGIN + "]}");
        String msg = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file)).getMessage();
        assertTrue(msg.startsWith(file + ": console.certificates[0].credential.p12: no such file: "
                + dir.resolve("certs/push.p12")), msg);
    }

    @Test
    void passwordsNeverGoIntoTheFile(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("push.p12"), new byte[] {1});
        String msg = problem("{\"name\": \"t\", \"console\": {\"certificates\": [{\"id\": 1, \"environment\": "
                + "\"sandbox\", \"credential\": {\"p12\": \"" + dir.resolve("push.p12") + "\", \"password\": \"s3cret\"}}]}, "
                + "\"steps\": [" + LOGIN + "]}");
        assertTrue(msg.contains("unknown key 'password'"), msg);
    }

    @Test
    void missingFileIsNamed() {
        String msg = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(Path.of("nope/x.json"))).getMessage();
        assertTrue(msg.contains("nope/x.json") && msg.contains("does not exist: check the path"), msg);
    }

    @Test
    void theIssueExampleLoadsIntoTypedSteps() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/debug-c2c-push-redirects-to-sender.json"));
        assertEquals("Debug build: C2C push redirects to the sender", s.name());
        assertEquals(BuildConfiguration.DEBUG, s.workspace().devices().get(0).build());
        assertEquals(ApnsEnvironment.PRODUCTION, s.workspace().certificates().get(1).environment());
        Step.Send send = assertInstanceOf(Step.Send.class, s.steps().get(2));
        assertEquals("alice", send.to());
        assertEquals(new MessageElement.Text("hi"), send.elements().get(0));
        Step.ExpectPush push = assertInstanceOf(Step.ExpectPush.class, s.steps().get(3));
        assertEquals(DeliveryStatus.ACCEPTED, push.status());
        assertNull(push.reason());
        assertEquals("send \"hi\" from bob to alice", send.describe());
    }

    @Test
    void leftOutPartsComeFromTheDefaultWorkspace() throws Exception {
        Scenario s = ScenarioLoader.parse(withSteps("[" + LOGIN + "]"), "x.json");
        assertNull(s.workspace().app());
        assertEquals(31287L, s.workspace().effectiveApp().certificateIdFor(BuildConfiguration.DEBUG));
        assertEquals(2, s.workspace().effectiveCertificates().size());
        assertEquals("@TGS#demo", s.workspace().effectiveGroups().get(0).groupID());
    }

    @Test
    void aBuildLeftOutOfCertificateIdsHasNoMacro() throws Exception {
        Scenario s = ScenarioLoader.parse("{\"name\": \"t\", \"app\": {\"certificateIds\": {\"release\": 31288}}, "
                + "\"steps\": [" + LOGIN + "]}", "x.json");
        assertEquals(0L, s.workspace().effectiveApp().certificateIdFor(BuildConfiguration.DEBUG));
    }
}
