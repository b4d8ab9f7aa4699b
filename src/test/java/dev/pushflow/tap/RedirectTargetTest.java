package dev.pushflow.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a redirect target is shown to people (describe) and to scripts (toJsonLine). */
class RedirectTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wireNamesAreLowercase() {
        assertEquals("c2c", RedirectKind.C2C.wireName());
        assertEquals("group", RedirectKind.GROUP.wireName());
        assertEquals("none", RedirectKind.NONE.wireName());
        assertEquals("custom", RedirectKind.CUSTOM.wireName());
    }

    @Test
    void jsonLineHasTheFourKeysInOrder() {
        RedirectTarget target = RedirectParser.navigateToChat("bob", "", null);
        assertEquals("{\"target\":\"c2c\",\"userID\":\"bob\",\"groupID\":\"\",\"reason\":\"\"}", target.toJsonLine());
    }

    @Test
    void jsonLineForGroupAndNone() {
        assertEquals("{\"target\":\"group\",\"userID\":\"\",\"groupID\":\"@TGS#demo\",\"reason\":\"\"}",
                RedirectTarget.group("@TGS#demo", null).toJsonLine());
        assertEquals("{\"target\":\"none\",\"userID\":\"\",\"groupID\":\"\",\"reason\":\"ext has no entity\"}",
                RedirectTarget.none("ext has no entity", null).toJsonLine());
    }

    @Test
    void hookTakeOverIsWrittenAsCustom() throws Exception {
        RedirectTarget target = RedirectParser.parse(
                "{\"ext\":\"{\\\"entity\\\":{\\\"action\\\":1,\\\"chatType\\\":1,\\\"sender\\\":\\\"bob\\\"}}\"}",
                entity -> true);
        JsonNode line = JSON.readTree(target.toJsonLine());
        assertEquals("custom", line.get("target").asText());
        assertEquals("", line.get("userID").asText());
        assertEquals(target.reason(), line.get("reason").asText());
    }

    @Test
    void jsonLineStaysOneLineAndRoundTrips() throws Exception {
        RedirectTarget target = new RedirectTarget(RedirectKind.C2C, "b\"o\nb\u2028", "", "", null);
        String line = target.toJsonLine();
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        JsonNode parsed = JSON.readTree(line);
        assertEquals(List.of("target", "userID", "groupID", "reason"), names(parsed.fieldNames()));
        assertEquals("b\"o\nb\u2028", parsed.get("userID").asText());
    }

    @Test
    void describeSpeaksPlainly() {
        assertEquals("Open one-to-one chat with userID bob", RedirectTarget.c2c("bob", null).describe());
        assertEquals("Open group chat @TGS#demo", RedirectTarget.group("@TGS#demo", null).describe());
        assertEquals("No redirect: ext is JSON but not an object (an array)",
                RedirectTarget.none("ext is JSON but not an object (an array)", null).describe());
        assertEquals("Taken over by the app's processTUIOfflinePushNotification hook",
                RedirectTarget.custom(null).describe());
    }

    @Test
    void describeOfParsedTapsUsesTheParsedIds() {
        String userInfo = "{\"ext\":\"{\\\"entity\\\":{\\\"action\\\":\\\"1\\\",\\\"chatType\\\":2,\\\"sender\\\":\\\"@TGS#x\\\"}}\"}";
        assertEquals("Open group chat @TGS#x", RedirectParser.parse(userInfo, null).describe());
        assertEquals("No redirect: userInfo has no ext", RedirectParser.parse("{\"aps\":{}}", null).describe());
    }

    @Test
    void absentIdsAndReasonBecomeEmptyStrings() {
        RedirectTarget target = new RedirectTarget(RedirectKind.NONE, null, null, null, null);
        assertEquals("", target.userID());
        assertEquals("", target.groupID());
        assertEquals("", target.reason());
        assertNull(target.entity());
        assertThrows(NullPointerException.class, () -> new RedirectTarget(null, "", "", "", null));
    }

    @Test
    void entityIsCopiedSoTheTargetStaysAValue() {
        ObjectNode entity = JSON.createObjectNode().put("sender", "bob");
        RedirectTarget target = RedirectTarget.c2c("bob", entity);
        entity.put("sender", "mallory");
        assertEquals("bob", target.entity().get("sender").asText());
    }

    private static List<String> names(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
