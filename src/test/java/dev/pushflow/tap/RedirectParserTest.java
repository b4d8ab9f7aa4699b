package dev.pushflow.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The component's tap-to-redirect rules (reference, section 4), one rule per test. */
class RedirectParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the vendor's chat UI puts into ext for a one-to-one message: pretty-printed JSON. */
    private static final String VENDOR_C2C_EXT = """
            {
              "entity" : {
                "action" : 1,
                "chatType" : 1,
                "sender" : "bob",
                "nickname" : "Bob",
                "faceUrl" : "https://example.com/bob.png",
                "content" : "helloworld",
                "version" : 1
              }
            }""";

    /** The same for a group message: sender is the groupID, nickname the group's name. */
    private static final String VENDOR_GROUP_EXT = """
            {
              "entity" : {
                "action" : 1,
                "chatType" : 2,
                "sender" : "@TGS#demo",
                "nickname" : "Demo group",
                "faceUrl" : "",
                "content" : "hi all"
              }
            }""";

    // ---- helpers --------------------------------------------------------------------------

    /** A userInfo as APNs delivers it: aps plus ext, with ext as a string holding extText. */
    private static String userInfo(String extText) {
        ObjectNode userInfo = JSON.createObjectNode();
        userInfo.putObject("aps").put("alert", "Bob: helloworld").put("badge", 5).put("sound", "default");
        userInfo.put("ext", extText);
        return userInfo.toString();
    }

    /** A userInfo whose ext string wraps the given entity JSON. */
    private static String withEntity(String entityJson) {
        return userInfo("{\"entity\":" + entityJson + "}");
    }

    private static RedirectTarget parse(String userInfoJson) {
        return RedirectParser.parse(userInfoJson, null);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNone(RedirectTarget target, String reason) {
        assertEquals(RedirectKind.NONE, target.kind(), target::toString);
        assertEquals(reason, target.reason());
        assertEquals("", target.userID());
        assertEquals("", target.groupID());
    }

    private static void assertC2c(RedirectTarget target, String userID) {
        assertEquals(RedirectKind.C2C, target.kind(), target::toString);
        assertEquals(userID, target.userID());
        assertEquals("", target.groupID());
        assertEquals("", target.reason());
    }

    private static void assertGroup(RedirectTarget target, String groupID) {
        assertEquals(RedirectKind.GROUP, target.kind(), target::toString);
        assertEquals(groupID, target.groupID());
        assertEquals("", target.userID());
        assertEquals("", target.reason());
    }

    /** A hook that records every entity it is given and answers a fixed YES/NO. */
    private static final class RecordingHook implements OfflinePushHook {
        final List<JsonNode> calls = new ArrayList<>();
        private final boolean takeOver;

        RecordingHook(boolean takeOver) {
            this.takeOver = takeOver;
        }

        @Override
        public boolean processTUIOfflinePushNotification(JsonNode entity) {
            calls.add(entity);
            return takeOver;
        }
    }

    // ---- the vendor chat UI's real ext ----------------------------------------------------

    @Test
    void vendorOneToOneExtOpensChatWithSender() {
        RedirectTarget target = parse(userInfo(VENDOR_C2C_EXT));
        assertC2c(target, "bob");
        assertEquals(tree(VENDOR_C2C_EXT).get("entity"), target.entity());
    }

    @Test
    void vendorGroupExtOpensGroupChatWithSenderAsGroupId() {
        assertGroup(parse(userInfo(VENDOR_GROUP_EXT)), "@TGS#demo");
    }

    @Test
    void jsonNodeAndStringVariantsAgree() {
        String userInfo = userInfo(VENDOR_GROUP_EXT);
        assertEquals(parse(userInfo), RedirectParser.parse(tree(userInfo), null));
    }

    // ---- rule 1: only userInfo["ext"], a string holding a JSON object -------------------------

    @Test
    void userInfoWithoutExtGivesNoRedirect() {
        assertNone(parse("{\"aps\":{\"alert\":\"hi\"}}"), "userInfo has no ext");
        assertNone(parse("{}"), "userInfo has no ext");
    }

    @Test
    void extKeyIsCaseSensitive() {
        ObjectNode userInfo = JSON.createObjectNode().put("Ext", VENDOR_C2C_EXT).put("EXT", VENDOR_C2C_EXT);
        assertNone(RedirectParser.parse(userInfo, null), "userInfo has no ext");
    }

    @Test
    void apsIsNeverRead() {
        // An entity-shaped aps is not looked at without ext...
        assertNone(parse("{\"aps\":{\"entity\":{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}}}"),
                "userInfo has no ext");
        // ...and a broken or odd aps does not disturb a good ext.
        ObjectNode userInfo = (ObjectNode) tree(userInfo(VENDOR_C2C_EXT));
        userInfo.put("aps", 42);
        assertC2c(RedirectParser.parse(userInfo, null), "bob");
        userInfo.remove("aps");
        assertC2c(RedirectParser.parse(userInfo, null), "bob");
    }

    @Test
    void extAsNumberWouldCrashTheRealComponent() {
        assertNone(parse("{\"ext\":42}"), "ext is not a string (a number): the real component would crash");
    }

    @Test
    void extAsDictionaryInsteadOfStringWouldCrashTheRealComponent() {
        // A common mistake: ext sent as a nested object. The component expects the string form.
        String userInfo = "{\"ext\":{\"entity\":{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}}}";
        assertNone(parse(userInfo), "ext is not a string (an object): the real component would crash");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "null         | null",
            "true         | a boolean",
            "[\"{}\"]     | an array"})
    void extOfOtherNonStringTypesWouldCrashTheRealComponent(String extJson, String type) {
        assertNone(parse("{\"ext\":" + extJson + "}"),
                "ext is not a string (" + type + "): the real component would crash");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "{\"entity\":",
            "{entity:{action:1,chatType:1,sender:'bob'}}",
            "{\"entity\":{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}} trailing",
            "{\"entity\":{\"action\":1,},}",
            "",
            "   "})
    void malformedExtIsIgnored(String extText) {
        assertNone(parse(userInfo(extText)), "ext is not JSON: Json parse failed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"entity\":{}}] | an array",
            "\"bob\"           | a string",
            "1                 | a number",
            "null              | null"})
    void extThatIsJsonButNotAnObjectIsIgnored(String extText, String type) {
        assertNone(parse(userInfo(extText)), "ext is JSON but not an object (" + type + ")");
    }

    // ---- rule 2: only entity, a missing one ignored silently --------------------------------

    @Test
    void missingEntityIsIgnoredSilently() {
        RecordingHook hook = new RecordingHook(true);
        RedirectTarget target = RedirectParser.parse(userInfo("{\"Entity\":{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}}"), hook);
        assertNone(target, "ext has no entity");
        assertNull(target.entity());
        assertTrue(hook.calls.isEmpty(), "no entity, so nothing to hand to the hook");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}] | an array",
            "\"bob\"                                           | a string",
            "1                                                 | a number",
            "null                                              | null"})
    void nonObjectEntityWouldCrashTheRealComponent(String entityJson, String type) {
        RedirectTarget target = parse(withEntity(entityJson));
        assertNone(target, "entity is not an object (" + type + "): the real component would crash");
        assertEquals(tree(entityJson), target.entity(), "the odd entity is kept for display");
    }

    // ---- rule 3: the app's hook goes first, with the entity --------------------------------

    @Test
    void hookTakesOverWithEntityNotUserInfo() {
        RecordingHook hook = new RecordingHook(true);
        RedirectTarget target = RedirectParser.parse(userInfo(VENDOR_C2C_EXT), hook);

        assertEquals(RedirectKind.CUSTOM, target.kind());
        assertEquals("", target.userID(), "default handling stopped: no userID is produced");
        assertEquals("", target.groupID());
        assertFalse(target.reason().isEmpty());
        assertEquals(1, hook.calls.size());
        JsonNode given = hook.calls.get(0);
        assertEquals(tree(VENDOR_C2C_EXT).get("entity"), given);
        assertFalse(given.has("aps") || given.has("ext") || given.has("entity"), "not userInfo, not ext");
    }

    @Test
    void hookReturningNoContinuesDefaultParsing() {
        RecordingHook hook = new RecordingHook(false);
        assertGroup(RedirectParser.parse(userInfo(VENDOR_GROUP_EXT), hook), "@TGS#demo");
        assertEquals(1, hook.calls.size());
    }

    @Test
    void hookRunsBeforeEntityIsChecked() {
        // An entity the component would reject (no action) still reaches the hook first.
        RecordingHook takesOver = new RecordingHook(true);
        assertEquals(RedirectKind.CUSTOM,
                RedirectParser.parse(withEntity("{\"chatType\":1,\"sender\":\"bob\"}"), takesOver).kind());

        RecordingHook declines = new RecordingHook(false);
        assertNone(RedirectParser.parse(withEntity("{\"chatType\":1,\"sender\":\"bob\"}"), declines),
                "entity lacks action");
        assertEquals(1, declines.calls.size());
    }

    @Test
    void hookCanRescueAnEntityThatWouldCrash() {
        // YES stops the default handling before it would message an array as a dictionary.
        RecordingHook hook = new RecordingHook(true);
        RedirectTarget target = RedirectParser.parse(withEntity("[1,2]"), hook);
        assertEquals(RedirectKind.CUSTOM, target.kind());
        assertEquals(tree("[1,2]"), hook.calls.get(0));
    }

    @Test
    void hookIsNotCalledWhenExtCannotBeParsed() {
        RecordingHook hook = new RecordingHook(true);
        assertNone(RedirectParser.parse(userInfo("not json"), hook), "ext is not JSON: Json parse failed");
        assertNone(RedirectParser.parse("{\"ext\":1}", hook), "ext is not a string (a number): the real component would crash");
        assertTrue(hook.calls.isEmpty());
    }

    @Test
    void hookEditingTheEntityDoesNotChangeTheRedirect() {
        // NSJSONSerialization gives the hook an immutable dictionary; a Java hook gets a copy.
        OfflinePushHook meddler = entity -> {
            ((ObjectNode) entity).put("sender", "mallory").put("chatType", 2);
            return false;
        };
        assertC2c(RedirectParser.parse(userInfo(VENDOR_C2C_EXT), meddler), "bob");
    }

    // ---- rule 4: action and chatType, both read with intValue ---------------------------------

    @Test
    void entityMustContainActionAndChatType() {
        assertNone(parse(withEntity("{\"chatType\":1,\"sender\":\"bob\"}")), "entity lacks action");
        assertNone(parse(withEntity("{\"action\":1,\"sender\":\"bob\"}")), "entity lacks chatType");
        assertNone(parse(withEntity("{\"sender\":\"bob\"}")), "entity lacks action and chatType");
        assertNone(parse(withEntity("{\"Action\":1,\"chat_type\":1,\"sender\":\"bob\"}")),
                "entity lacks action and chatType");
    }

    @Test
    void numericStringActionCountsAsOne() {
        assertC2c(parse(withEntity("{\"action\":\"1\",\"chatType\":1,\"sender\":\"bob\"}")), "bob");
        assertGroup(parse(withEntity("{\"action\":\"1\",\"chatType\":\"2\",\"sender\":\"@TGS#g\"}")), "@TGS#g");
    }

    @ParameterizedTest(name = "action {0} reads as 1")
    @ValueSource(strings = {"\"1abc\"", "\" 1\"", "\"+1\"", "\"01\"", "1.9", "1.0", "true"})
    void actionReadWithIntValueCountsAsOne(String actionJson) {
        assertC2c(parse(withEntity("{\"action\":" + actionJson + ",\"chatType\":1,\"sender\":\"bob\"}")), "bob");
    }

    @ParameterizedTest(name = "chatType {0} reads as 2")
    @ValueSource(strings = {"\" 2\"", "\"2 people\"", "2.99", "\"2.5\""})
    void chatTypeReadWithIntValueCountsAsGroup(String chatTypeJson) {
        assertGroup(parse(withEntity("{\"action\":1,\"chatType\":" + chatTypeJson + ",\"sender\":\"@TGS#g\"}")), "@TGS#g");
    }

    @Test
    void nonNumericActionStringReadsAsZero() {
        assertNone(parse(withEntity("{\"action\":\"abc\",\"chatType\":1,\"sender\":\"bob\"}")),
                "action 0 is not a chat message");
        assertNone(parse(withEntity("{\"action\":false,\"chatType\":1,\"sender\":\"bob\"}")),
                "action 0 is not a chat message");
    }

    @Test
    void hugeActionClampsInsteadOfWrappingToOne() {
        // 2^32 + 1 would wrap to 1 with a plain cast; intValue clamps to INT_MAX instead.
        assertNone(parse(withEntity("{\"action\":4294967297,\"chatType\":1,\"sender\":\"bob\"}")),
                "action 2147483647 is not a chat message");
        assertNone(parse(withEntity("{\"action\":\"4294967297\",\"chatType\":1,\"sender\":\"bob\"}")),
                "action 2147483647 is not a chat message");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "null  | null",
            "[1]   | an array",
            "{}    | an object"})
    void actionWithoutIntValueWouldCrashTheRealComponent(String actionJson, String type) {
        assertNone(parse(withEntity("{\"action\":" + actionJson + ",\"chatType\":1,\"sender\":\"bob\"}")),
                "action is " + type + ", which has no intValue: the real component would crash");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "null  | null",
            "[2]   | an array",
            "{}    | an object"})
    void chatTypeWithoutIntValueWouldCrashTheRealComponent(String chatTypeJson, String type) {
        assertNone(parse(withEntity("{\"action\":1,\"chatType\":" + chatTypeJson + ",\"sender\":\"bob\"}")),
                "chatType is " + type + ", which has no intValue: the real component would crash");
    }

    // ---- rule 5: only action 1; chatType picks userID or groupID ---------------------------

    @ParameterizedTest
    @ValueSource(strings = {"2", "\"2\""})
    void callActionIsLeftToCallingComponent(String actionJson) {
        assertNone(parse(withEntity("{\"action\":" + actionJson + ",\"chatType\":2,\"sender\":\"alice\"}")),
                "action 2 (call) is handled by the calling component");
    }

    @ParameterizedTest
    @CsvSource({"7, 7", "0, 0", "-1, -1", "3, 3"})
    void otherActionsAreIgnored(String actionJson, int read) {
        assertNone(parse(withEntity("{\"action\":" + actionJson + ",\"chatType\":1,\"sender\":\"bob\"}")),
                "action " + read + " is not a chat message");
    }

    @ParameterizedTest
    @CsvSource({"3, 3", "0, 0", "-1, -1", "\"abc\", 0"})
    void unknownChatTypeGivesNoRedirect(String chatTypeJson, int read) {
        assertNone(parse(withEntity("{\"action\":1,\"chatType\":" + chatTypeJson + ",\"sender\":\"bob\"}")),
                "chatType " + read + " is neither one-to-one (1) nor group (2)");
    }

    @Test
    void oneToOneSenderBecomesUserId() {
        assertC2c(parse(withEntity("{\"action\":1,\"chatType\":1,\"sender\":\"alice\"}")), "alice");
    }

    @Test
    void groupSenderBecomesGroupId() {
        assertGroup(parse(withEntity("{\"action\":1,\"chatType\":2,\"sender\":\"@TGS#2C5SZEAEF\"}")), "@TGS#2C5SZEAEF");
    }

    @Test
    void missingSenderGivesNoRedirect() {
        assertNone(parse(withEntity("{\"action\":1,\"chatType\":1}")), "entity has no sender");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void emptySenderGivesNoRedirect(String chatType) {
        assertNone(parse(withEntity("{\"action\":1,\"chatType\":" + chatType + ",\"sender\":\"\"}")), "sender is empty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "42          | a number",
            "null        | null",
            "[\"bob\"]   | an array",
            "{\"id\":1}  | an object",
            "true        | a boolean"})
    void nonStringSenderWouldCrashTheRealComponent(String senderJson, String type) {
        assertNone(parse(withEntity("{\"action\":1,\"chatType\":1,\"sender\":" + senderJson + "}")),
                "sender is not a string (" + type + "): the real component would crash");
    }

    @Test
    void senderIsTakenVerbatim() {
        // No trimming or decoding beyond JSON's own: what the sender said is the ID.
        assertC2c(parse(withEntity("{\"action\":1,\"chatType\":1,\"sender\":\" b\\u00f6b \"}")), " b\u00f6b ");
    }

    // ---- rule 6: the app's rule -------------------------------------------------------------

    @Test
    void groupIdWinsOverUserId() {
        RedirectTarget target = RedirectParser.navigateToChat("alice", "@TGS#demo", null);
        assertEquals(RedirectKind.GROUP, target.kind());
        assertEquals("@TGS#demo", target.groupID());
    }

    @Test
    void userIdOpensOneToOneChatWhenGroupIdIsEmpty() {
        assertEquals(RedirectKind.C2C, RedirectParser.navigateToChat("alice", "", null).kind());
        assertEquals(RedirectKind.C2C, RedirectParser.navigateToChat("alice", null, null).kind());
    }

    @Test
    void bothIdsEmptyCallsNothing() {
        assertNone(RedirectParser.navigateToChat("", "", null), "userID and groupID are both empty: nothing is called");
        assertNone(RedirectParser.navigateToChat(null, null, null), "userID and groupID are both empty: nothing is called");
    }

    // ---- rule 10: nothing else is read ------------------------------------------------------

    @Test
    void keysOutsideEntityAreNotRead() {
        ObjectNode ext = JSON.createObjectNode();
        ext.put("groupID", "@TGS#ext").put("group_id", "@TGS#ext2").put("userID", "eve");
        ext.putObject("entity").put("action", 1).put("chatType", 1).put("sender", "bob");
        ObjectNode userInfo = JSON.createObjectNode();
        userInfo.put("groupID", "@TGS#top").put("userID", "mallory").put("ext", ext.toString());

        assertC2c(RedirectParser.parse(userInfo, null), "bob");
    }

    @Test
    void idLikeKeysInsideEntityAreNotRead() {
        // Only sender is an ID source; groupID/userID next to it are decoration.
        assertC2c(parse(withEntity("""
                {"action":1,"chatType":1,"sender":"bob","groupID":"@TGS#x","group_id":"@TGS#y","userID":"eve"}""")),
                "bob");
        assertGroup(parse(withEntity("""
                {"action":1,"chatType":2,"sender":"@TGS#g","userID":"eve","version":99,"nickname":"n","content":"c"}""")),
                "@TGS#g");
        assertNone(parse(withEntity("{\"action\":1,\"chatType\":2,\"groupID\":\"@TGS#x\"}")), "entity has no sender");
    }

    @Test
    void versionDoesNotChangeParsing() {
        for (String version : new String[] {"1", "2", "\"x\"", "null"}) {
            assertC2c(parse(withEntity("{\"version\":" + version + ",\"action\":1,\"chatType\":1,\"sender\":\"bob\"}")), "bob");
        }
    }

    // ---- caller errors ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"ext\"", "42", "null", "not json", "{\"ext\":", "{} {}", ""})
    void userInfoTextThatIsNotAnObjectIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertTrue(e.getMessage().startsWith("userInfo is not a JSON object: "), e.getMessage());
    }

    @Test
    void nullUserInfoIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RedirectParser.parse((String) null, null));
        assertThrows(IllegalArgumentException.class, () -> RedirectParser.parse((JsonNode) null, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedirectParser.parse(tree("[1]"), null));
        assertEquals("userInfo is not a JSON object: it is an array", e.getMessage());
    }

    @Test
    void parsingDoesNotChangeTheCallersUserInfo() {
        ObjectNode userInfo = (ObjectNode) tree(userInfo(VENDOR_C2C_EXT));
        ObjectNode before = userInfo.deepCopy();
        RedirectParser.parse(userInfo, entity -> false);
        assertEquals(before, userInfo);
    }
}
