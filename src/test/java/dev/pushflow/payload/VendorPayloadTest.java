package dev.pushflow.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.apns.PushType;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.ImUser;
import dev.pushflow.im.MessageElement;
import dev.pushflow.im.OfflinePushInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VendorPayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ImUser bob = new ImUser("bob", "Bob", "https://x/bob.png");
    private final ImGroup demo = new ImGroup("@TGS#demo", "Demo", List.of("alice", "bob", "carol"), Map.of("carol", "Caz"));

    private JsonNode json(BuiltPayload p) throws Exception {
        return JSON.readTree(p.json());
    }

    @Test
    void oneToOneAlertIsNicknameColonContent() throws Exception {
        BuiltPayload p = VendorPayload.build(ImMessage.text("bob", "alice", "hello"), bob, null, 1);
        assertEquals("Bob: hello", json(p).at("/aps/alert").asText());
    }

    @Test
    void oneToOneWithoutNicknameIsJustTheContent() throws Exception {
        ImUser plain = new ImUser("bob", "", "");
        assertEquals("hello", json(VendorPayload.build(ImMessage.text("bob", "alice", "hello"), plain, null, 1))
                .at("/aps/alert").asText());
    }

    @Test
    void groupAlertUsesNameCardElseNickname() {
        ImUser carol = new ImUser("carol", "Carol", "");
        assertEquals("Caz (Demo): hi", VendorPayload.alertText(ImMessage.groupText("carol", "@TGS#demo", "hi"), carol, demo));
        assertEquals("Bob (Demo): hi", VendorPayload.alertText(ImMessage.groupText("bob", "@TGS#demo", "hi"), bob, demo));
    }

    @Test
    void elementsJoinInOrderWithPlaceholdersAndNoSeparator() {
        ImMessage m = new ImMessage(null, "bob", "alice", null, List.of(new MessageElement.Text("look"),
                new MessageElement.Image("https://x/i.png"), new MessageElement.Audio(3), new MessageElement.File("a.pdf"),
                new MessageElement.Location("here"), new MessageElement.Face(1)), null, null);
        assertEquals("Bob: look[image][audio][file][Location][Face]", VendorPayload.alertText(m, bob, null));
    }

    @Test
    void descReplacesTheText() throws Exception {
        ImMessage m = ImMessage.text("bob", "alice", "hello").withOfflinePushInfo(OfflinePushInfo.NONE.withDesc("New message"));
        assertEquals("New message", json(VendorPayload.build(m, bob, null, 1)).at("/aps/alert").asText());
    }

    @Test
    void titleMakesAnAlertDictionary() throws Exception {
        ImMessage m = ImMessage.text("bob", "alice", "hello").withOfflinePushInfo(OfflinePushInfo.NONE.withTitle("Chat"));
        JsonNode alert = json(VendorPayload.build(m, bob, null, 1)).at("/aps/alert");
        assertEquals("Chat", alert.get("title").asText());
        assertEquals("Bob: hello", alert.get("body").asText());
    }

    @Test
    void extIsATopLevelStringHoldingTheChatUiEntity() throws Exception {
        JsonNode root = json(VendorPayload.build(ImMessage.text("bob", "alice", "hello"), bob, null, 1));
        assertTrue(root.get("ext").isTextual());
        JsonNode entity = JSON.readTree(root.get("ext").asText()).get("entity");
        assertEquals(1, entity.get("action").asInt());
        assertEquals(1, entity.get("chatType").asInt());
        assertEquals("bob", entity.get("sender").asText());
        assertEquals("Bob", entity.get("nickname").asText());
        assertEquals("https://x/bob.png", entity.get("faceUrl").asText());
        assertEquals("hello", entity.get("content").asText());
        assertTrue(root.get("ext").asText().contains("\n"), "the chat UI pretty-prints ext");
    }

    @Test
    void groupEntitySenderIsTheGroupIdAndNicknameTheGroupName() throws Exception {
        JsonNode root = json(VendorPayload.build(ImMessage.groupText("bob", "@TGS#demo", "hi"), bob, demo, 1));
        JsonNode entity = JSON.readTree(root.get("ext").asText()).get("entity");
        assertEquals(2, entity.get("chatType").asInt());
        assertEquals("@TGS#demo", entity.get("sender").asText());
        assertEquals("Demo", entity.get("nickname").asText());
    }

    @Test
    void extFromOfflinePushInfoIsCopiedVerbatim() throws Exception {
        String odd = "not json {";
        ImMessage m = ImMessage.text("bob", "alice", "x").withOfflinePushInfo(OfflinePushInfo.NONE.withExt(odd));
        assertEquals(odd, json(VendorPayload.build(m, bob, null, 1)).get("ext").asText());
    }

    @Test
    void soundFollowsIOSSound() throws Exception {
        ImMessage m = ImMessage.text("bob", "alice", "x");
        assertEquals("default", json(VendorPayload.build(m, bob, null, 1)).at("/aps/sound").asText());
        assertFalse(json(VendorPayload.build(m.withOfflinePushInfo(OfflinePushInfo.NONE.withIOSSound("push.no_sound")),
                bob, null, 1)).path("aps").has("sound"), "push.no_sound means silent");
        assertEquals("dingdong.aiff", json(VendorPayload.build(m.withOfflinePushInfo(
                OfflinePushInfo.NONE.withIOSSound("dingdong.aiff")), bob, null, 1)).at("/aps/sound").asText());
    }

    @Test
    void ignoreIOSBadgeLeavesTheBadgeAlone() throws Exception {
        ImMessage m = ImMessage.text("bob", "alice", "x");
        assertEquals(6, json(VendorPayload.build(m, bob, null, 6)).at("/aps/badge").asInt());
        assertFalse(json(VendorPayload.build(m.withOfflinePushInfo(OfflinePushInfo.NONE.withIgnoreIOSBadge(true)),
                bob, null, 6)).path("aps").has("badge"));
    }

    @Test
    void imagesSetMutableContent() throws Exception {
        ImMessage m = new ImMessage(null, "bob", "alice", null, List.of(new MessageElement.Image("https://x/i.png")), null, null);
        assertEquals(1, json(VendorPayload.build(m, bob, null, 1)).at("/aps/mutable-content").asInt());
        assertFalse(json(VendorPayload.build(ImMessage.text("bob", "alice", "x"), bob, null, 1)).path("aps").has("mutable-content"));
    }

    @Test
    void voipPushTypeUsesTheVoipTopicAndItsLargerLimit() {
        ImMessage m = ImMessage.text("bob", "alice", "x").withOfflinePushInfo(OfflinePushInfo.NONE.withIOSPushType(1));
        BuiltPayload p = VendorPayload.build(m, bob, null, 1);
        assertEquals(PushType.VOIP, p.pushType());
        assertEquals("com.example.chat.voip", p.pushType().topicFor("com.example.chat"));
        assertEquals(5120, p.limit());
    }

    @Test
    void sizeIsCountedInUtf8Bytes() {
        ImMessage m = ImMessage.text("bob", "alice", "é".repeat(2100));
        BuiltPayload p = VendorPayload.build(m, bob, null, 1);
        assertTrue(p.bytes() > 4096, "2 bytes per é, in the alert and again in the ext content");
        assertFalse(p.fits());
    }

    @Test
    void handWrittenJsonMatchesJacksonForAwkwardText() throws Exception {
        String awkward = "quote \" backslash \\ newline \n tab \t bell \u0007 emoji \uD83D\uDE00 é";
        ImUser odd = new ImUser("u\"1", awkward, "https://x/\u0001");
        ImMessage m = ImMessage.text("u\"1", "alice", awkward)
                .withOfflinePushInfo(OfflinePushInfo.NONE.withTitle(awkward).withIOSImage("https://x/i.png"));
        BuiltPayload p = VendorPayload.build(m, odd, null, 3);
        JsonNode root = json(p);
        assertEquals(awkward, root.at("/aps/alert/title").asText());
        assertEquals(awkward + ": " + awkward, root.at("/aps/alert/body").asText());
        JsonNode ext = JSON.readTree(root.get("ext").asText());
        assertEquals(awkward, ext.at("/entity/nickname").asText());
        assertEquals("u\"1", ext.at("/entity/sender").asText());
        assertEquals("https://x/\u0001", ext.at("/entity/faceUrl").asText());
        assertEquals(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ext), root.get("ext").asText(),
                "ext is byte-for-byte what a default pretty printer writes");
        assertEquals(JSON.writeValueAsString(root), p.json(), "the payload is compact JSON, keys in order");
    }
    @Test
    void extWrittenInOnePassIsTheExtTextQuoted() {
        // The payload writes the chat UI's ext already quoted; it must be exactly the ext text run through the quoting.
        java.util.Random random = new java.util.Random(20261202);
        String alphabet = "ab Z09\"\\\n\t\r\b\f\u0001\u001f\u007f/é中\uD83D\uDE00:{}";
        for (int i = 0; i < 2_000; i++) {
            String[] v = new String[6];
            for (int k = 0; k < v.length; k++) {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(6);
                for (int c = 0; c < len; c++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                v[k] = sb.toString();
            }
            ImUser sender = new ImUser("u" + v[0], v[1], v[2]);
            ImGroup group = new ImGroup("@TGS#" + v[3], v[4], List.of("u" + v[0], "alice"), Map.of());
            ImMessage oneToOne = ImMessage.text("u" + v[0], "alice", "c" + v[5]);
            ImMessage inGroup = ImMessage.groupText("u" + v[0], "@TGS#" + v[3], "c" + v[5]);
            for (ImMessage m : List.of(oneToOne, inGroup)) {
                String expected = JsonText.quote(new StringBuilder(), VendorPayload.chatUiExt(m, sender, group)).toString();
                assertEquals(expected, VendorPayload.quotedChatUiExt(new StringBuilder(), m, sender, group).toString(),
                        "values " + java.util.Arrays.toString(v));
            }
        }
    }
}
