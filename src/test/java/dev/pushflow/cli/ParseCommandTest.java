package dev.pushflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pushflow parse} agrees with the reference's tap rules (section 4) on every case. */
class ParseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A userInfo whose ext string holds {"entity": ENTITY}. */
    private static String withEntity(String entity) throws Exception {
        return userInfo("{\"entity\":" + entity + "}");
    }

    private static String userInfo(String extText) throws Exception {
        return JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("aps",
                JSON.readTree("{\"alert\":\"Bob: hi\",\"badge\":1}")).put("ext", extText).toString();
    }

    private static JsonNode parsed(String userInfo, String... extraArgs) throws Exception {
        String[] args = new String[extraArgs.length + 1];
        args[0] = "parse";
        System.arraycopy(extraArgs, 0, args, 1, extraArgs.length);
        CliRun run = CliRun.withInput(userInfo, args);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.out().lines().count(), "one JSON line: " + run.out());
        return JSON.readTree(run.out());
    }

    private static void assertTarget(JsonNode line, String target, String userID, String groupID) {
        assertEquals(target, line.get("target").asText(), line::toString);
        assertEquals(userID, line.get("userID").asText(), line::toString);
        assertEquals(groupID, line.get("groupID").asText(), line::toString);
    }

    @ParameterizedTest(name = "action {0}, chatType {1}")
    @CsvSource({"1, 1", "'\"1\"', '\"1\"'", "1, '\"1\"'", "'\"1\"', 1", "1.0, 1", "'\" 1\"', 1"})
    void numbersAndNumericStringsAreTheSameThanksToIntValue(String action, String chatType) throws Exception {
        JsonNode line = parsed(withEntity("{\"action\":" + action + ",\"chatType\":" + chatType + ",\"sender\":\"bob\"}"));
        assertTarget(line, "c2c", "bob", "");
    }

    @Test
    void theVendorChatUiOneToOneExtOpensTheSendersChat() throws Exception {
        String ext = "{\n  \"entity\" : {\n    \"action\" : 1,\n    \"chatType\" : 1,\n    \"sender\" : \"bob\",\n"
                + "    \"nickname\" : \"Bob\",\n    \"version\" : 1\n  }\n}";
        JsonNode line = parsed(userInfo(ext));
        assertEquals("{\"target\":\"c2c\",\"userID\":\"bob\",\"groupID\":\"\",\"reason\":\"\"}", line.toString());
    }

    @Test
    void groupChatTypeMakesTheSenderTheGroupIdAndGroupWins() throws Exception {
        JsonNode line = parsed(withEntity("{\"action\":1,\"chatType\":2,\"sender\":\"@TGS#demo\",\"userID\":\"bob\","
                + "\"groupID\":\"ignored\"}"));
        assertTarget(line, "group", "", "@TGS#demo");
    }

    @Test
    void keysOtherThanEntityAreNotRead() throws Exception {
        JsonNode line = parsed(userInfo("{\"groupID\":\"@TGS#demo\",\"userID\":\"bob\"}"));
        assertTarget(line, "none", "", "");
        assertEquals("ext has no entity", line.get("reason").asText());
    }

    @Test
    void malformedExtIsJsonParseFailed() throws Exception {
        JsonNode line = parsed(userInfo("{\"entity\":"));
        assertTarget(line, "none", "", "");
        assertEquals("ext is not JSON: Json parse failed", line.get("reason").asText());
    }

    @Test
    void extThatIsNotAnObjectGivesNoRedirect() throws Exception {
        assertTrue(parsed(userInfo("[1,2]")).get("reason").asText().startsWith("ext is JSON but not an object"));
    }

    @Test
    void missingExtGivesNoRedirect() throws Exception {
        JsonNode line = parsed("{\"aps\":{\"alert\":\"hi\"}}");
        assertTarget(line, "none", "", "");
        assertEquals("userInfo has no ext", line.get("reason").asText());
    }

    @Test
    void extThatIsNotAStringWouldCrashTheComponent() throws Exception {
        JsonNode line = parsed("{\"ext\":{\"entity\":{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}}}");
        assertTrue(line.get("reason").asText().contains("would crash"), line::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing action             | {\"chatType\":1,\"sender\":\"bob\"}                | entity lacks action",
            "missing chatType           | {\"action\":1,\"sender\":\"bob\"}                  | entity lacks chatType",
            "missing both               | {\"sender\":\"bob\"}                               | entity lacks action and chatType",
            "a call is not for the chat | {\"action\":2,\"chatType\":1,\"sender\":\"bob\"}   | action 2 (call) is handled by the calling component",
            "unknown action             | {\"action\":3,\"chatType\":1,\"sender\":\"bob\"}   | action 3 is not a chat message",
            "unknown chatType           | {\"action\":1,\"chatType\":3,\"sender\":\"bob\"}   | chatType 3 is neither one-to-one (1) nor group (2)",
            "empty sender               | {\"action\":1,\"chatType\":1,\"sender\":\"\"}      | sender is empty",
    })
    void entityProblemsGiveNoRedirectWithTheReason(String rule, String entity, String reason) throws Exception {
        JsonNode line = parsed(withEntity(entity));
        assertTarget(line, "none", "", "");
        assertEquals(reason, line.get("reason").asText(), rule);
    }

    @Test
    void appHookReturningYesTakesOver() throws Exception {
        JsonNode line = parsed(withEntity("{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}"), "--hook", "yes");
        assertEquals("custom", line.get("target").asText());
        JsonNode goesOn = parsed(withEntity("{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}"), "--hook", "NO");
        assertTarget(goesOn, "c2c", "bob", "");
    }

    @Test
    void readsAFileAsWellAsStandardInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("userInfo.json");
        Files.writeString(file, withEntity("{\"action\":1,\"chatType\":2,\"sender\":\"@TGS#demo\"}"));
        CliRun run = CliRun.of("parse", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTarget(JSON.readTree(run.out()), "group", "", "@TGS#demo");
        assertEquals(0, CliRun.withInput(Files.readString(file), "parse", "-").exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"an array|[1,2]", "a string|\"ext\"", "broken JSON|{\"ext\":", "nothing| "})
    void inputThatIsNotAJsonObjectExitsTwoWithAMessage(String what, String input) {
        CliRun run = CliRun.withInput(input == null ? "" : input, "parse");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("pushflow parse: userInfo is not a JSON object"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void missingFileExitsTwo() {
        CliRun run = CliRun.of("parse", "no/such/userInfo.json");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("pushflow parse: the userInfo file ") && run.err().contains("no/such/userInfo.json")
                && run.err().contains("does not exist: check the path"), run.err());
    }
}
