package dev.pushflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.MessageElement;
import dev.pushflow.im.OfflinePushInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference section 3 and the seed's FAQ: what the backend pushes, and when it does not. */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class MessageRulesTest extends EngineFixture {

    private static ImMessage custom(String desc) {
        return new ImMessage(null, "bob", "alice", null, List.of(new MessageElement.Custom("{\"type\":\"order\"}")),
                desc == null ? null : OfflinePushInfo.NONE.withDesc(desc), null);
    }

    @Test
    void anAcceptedPushIsOnThePhoneWhenItsRecordCompletes() throws Exception {
        aliceInBackgroundOn("debug");
        // Many pushes in flight at once on several gateway threads: every record that completes as accepted
        // has its notification on the phone already (the gateway delivers before it answers 200).
        List<java.util.concurrent.CompletableFuture<Boolean>> checks = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            checks.add(engine.send(ImMessage.text("bob", "alice", "n" + i)).records().thenApply(records -> {
                DeliveryRecord r = records.get(0);
                return r.status() == dev.pushflow.delivery.DeliveryStatus.ACCEPTED
                        && engine.notifications("debug").stream().anyMatch(n -> r.apnsId().equals(n.apnsId()));
            }));
        }
        for (java.util.concurrent.CompletableFuture<Boolean> c : checks) {
            org.junit.jupiter.api.Assertions.assertTrue(c.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void groupMessageGoesToEveryMemberButTheSender() {
        aliceInBackgroundOn("debug");
        engine.login("release", "bob");
        engine.setAppState("release", dev.pushflow.im.AppState.BACKGROUND);
        List<DeliveryRecord> records = send(ImMessage.groupText("bob", DefaultWorkspace.DEMO_GROUP, "hello all"));
        assertAccepted(only(records, "debug"));
        assertTrue(records.stream().noneMatch(r -> "release".equals(r.deviceId())), "the sender gets no push");
        assertTrue(records.stream().anyMatch(r -> "carol".equals(r.userID())
                && NoPushReason.NO_DEVICE.code().equals(r.reason())), "carol is a member too");
        assertEquals("Bobby (Demo): hello all", engine.notifications("debug").get(0).body(), "name card first");
    }

    @Test
    void customMessageIsPushedOnlyWhenDescIsSet() {
        aliceInBackgroundOn("debug");
        assertNoPush(only(send(custom(null)), "debug"), NoPushReason.CUSTOM_WITHOUT_DESC);
        assertAccepted(only(send(custom("New order")), "debug"));
        assertEquals("New order", engine.notifications("debug").get(0).body());
    }

    @Test
    void disablePushMeansNoPush() {
        aliceInBackgroundOn("debug");
        ImMessage m = ImMessage.text("bob", "alice", "x").withOfflinePushInfo(OfflinePushInfo.NONE.withDisablePush(true));
        assertNoPush(only(send(m), "debug"), NoPushReason.DISABLE_PUSH);
    }

    @Test
    void voipPushGoesToTheVoipTopic() {
        aliceInBackgroundOn("debug");
        ImMessage m = ImMessage.text("bob", "alice", "call").withOfflinePushInfo(OfflinePushInfo.NONE.withIOSPushType(1));
        DeliveryRecord r = assertAccepted(only(send(m), "debug"));
        assertEquals("com.example.chat.voip", r.topic());
        assertEquals("voip", r.pushType());
        assertTrue(engine.notifications("debug").get(0).isVoip());
    }

    @Test
    void payloadOverFourKilobytesIsPayloadTooLarge() {
        aliceInBackgroundOn("debug");
        DeliveryRecord r = assertRejected(only(send(ImMessage.text("bob", "alice", "x".repeat(3000))), "debug"),
                "PayloadTooLarge");
        assertEquals(413, r.statusCode());
        assertTrue(r.payload().length() > 4096, "the record keeps the payload that was refused");
    }

    @Test
    void voipMayCarryUpToFiveKilobytes() {
        aliceInBackgroundOn("debug");
        ImMessage m = ImMessage.text("bob", "alice", "x".repeat(2200)).withOfflinePushInfo(OfflinePushInfo.NONE.withIOSPushType(1));
        DeliveryRecord r = assertAccepted(only(send(m), "debug"));
        assertTrue(r.payload().length() > 4096 && r.payload().length() <= 5120, "size " + r.payload().length());
    }

    @Test
    void acceptedNotificationAppearsOnThePhoneThatOwnsTheToken() {
        aliceInBackgroundOn("debug");
        DeliveryRecord r = assertAccepted(only(send(ImMessage.text("bob", "alice", "hi")), "debug"));
        DeliveredNotification n = engine.notifications("debug").get(0);
        assertEquals(r.apnsId(), n.apnsId());
        assertEquals(0, engine.notifications("release").size());
        JsonNode userInfo = n.userInfo();
        assertTrue(userInfo.get("ext").isTextual());
        assertEquals("Bob: hi", userInfo.at("/aps/alert").asText());
    }

    @Test
    void previewPredictsWithoutSendingOrCountingTheBadge() {
        aliceInBackgroundOn("debug");
        int logged = engine.log().size();
        List<PlannedDelivery> plan = engine.preview(ImMessage.text("bob", "alice", "hi"));
        assertEquals(1, plan.size());
        assertTrue(plan.get(0).isPush());
        assertTrue(plan.get(0).describe().contains("certificate ID 31287"));
        assertEquals(0, engine.device("debug").badge());
        assertEquals(logged, engine.log().size(), "a preview records nothing");
        assertFalse(plan.get(0).payload().json().isEmpty());
    }
}
