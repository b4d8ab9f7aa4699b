package dev.pushflow.engine;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.delivery.PushOutcome;
import dev.pushflow.delivery.PushRequest;
import dev.pushflow.doctor.BadDeviceTokenDoctor;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** iOS shows nothing for a silent (background) push: the simulated lock screen must not either. */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class SilentPushRulesTest extends EngineFixture {

    private static DeliveredNotification arrived(String pushType, String payload) {
        return new DeliveredNotification("id", Instant.now(), ApnsEnvironment.SANDBOX, "com.example.chat", pushType, payload);
    }

    @Test
    void content_available_only_is_silent() {
        assertTrue(arrived("background", BadDeviceTokenDoctor.PROBE_PAYLOAD).isSilent(), "the doctor's probe");
        assertTrue(arrived("alert", "{\"aps\":{\"content-available\":1}}").isSilent(), "whatever the push type says");
        assertTrue(arrived(null, "{\"aps\":{\"content-available\":1},\"ext\":\"{\\\"alert\\\":1}\"}").isSilent(),
                "keys outside aps do not count");
        assertTrue(arrived("alert", "{\"aps\":{\"alert\":\"\",\"sound\":\"\"}}").isSilent(), "empty alert and sound");
        assertTrue(arrived("alert", "{\"aps\":{\"alert\":{}}}").isSilent(), "an alert with nothing to show");
    }

    @Test
    void the_quick_check_for_the_vendors_payloads_agrees_with_parsing() {
        // The first three start with a visible alert text (decided without parsing); the others are parsed.
        String[] shown = {"{\"aps\":{\"alert\":\"Bob: hi\",\"badge\":1}}", "{\"aps\":{\"alert\":\"好\"}}",
                "{\"aps\":{\"alert\":\"x\"},\"ext\":\"{}\"}"};
        for (String p : shown) {
            assertTrue(DeliveredNotification.startsWithAlertText(p), p);
            assertFalse(arrived("alert", p).isSilent(), p);
        }
        String[] parsed = {"{\"aps\":{\"alert\":\"\",\"sound\":\"\"}}", "{\"aps\":{\"alert\":\" \"}}",
                "{\"aps\":{\"alert\":\"\\n\"}}", "{ \"aps\":{\"alert\":\"x\"}}"};
        for (String p : parsed) {
            assertFalse(DeliveredNotification.startsWithAlertText(p), p);
        }
        assertTrue(arrived("alert", parsed[0]).isSilent());
        assertTrue(arrived("alert", parsed[1]).isSilent());
        assertFalse(arrived("alert", parsed[3]).isSilent(), "parsed, and it has an alert");
    }

    @Test
    void the_background_push_type_is_silent_even_with_an_alert() {
        assertTrue(arrived("background", "{\"aps\":{\"alert\":\"hi\"}}").isSilent());
    }

    @Test
    void an_alert_a_sound_or_a_badge_is_shown() {
        assertFalse(arrived("alert", "{\"aps\":{\"alert\":\"hi\"}}").isSilent());
        assertFalse(arrived("alert", "{\"aps\":{\"alert\":{\"title\":\"Bob\"}}}").isSilent());
        assertFalse(arrived("alert", "{\"aps\":{\"alert\":{\"loc-key\":\"NEW_MESSAGE\"}}}").isSilent());
        assertFalse(arrived("alert", "{\"aps\":{\"sound\":\"default\",\"content-available\":1}}").isSilent());
        assertFalse(arrived("alert", "{\"aps\":{\"badge\":3}}").isSilent());
    }

    @Test
    void a_voip_push_is_never_silent() {
        assertFalse(arrived("voip", "{\"aps\":{}}").isSilent());
    }

    @Test
    void a_silent_push_is_not_on_the_lock_screen_cannot_be_tapped_and_leaves_the_badge() throws Exception {
        aliceInBackgroundOn("debug");
        DeviceSnapshot d = engine.device("debug");
        int badge = d.badge();
        PushRequest probe = new PushRequest(d.token(), "com.example.chat", PushType.BACKGROUND,
                BadDeviceTokenDoctor.PROBE_PAYLOAD, 5, null, null, null);
        PushOutcome outcome = engine.delivery().send(engine.console().find(DefaultWorkspace.DEVELOPMENT_ID).orElseThrow(),
                probe).get(20, TimeUnit.SECONDS);
        assertEquals(200, outcome.statusCode(), String.valueOf(outcome));
        await().atMost(10, TimeUnit.SECONDS).until(() -> engine.silentPushCount("debug") > 0);
        assertEquals(1, engine.silentPushCount("debug"), "the phone got it");
        assertEquals(1, engine.silentPushes("debug").size());
        assertEquals(0, engine.notifications("debug").size(), "nothing on the lock screen");
        assertEquals(badge, engine.device("debug").badge(), "the badge is untouched");
        assertThrows(IllegalStateException.class, () -> engine.tap("debug", -1), "nothing to tap");
        assertTrue(engine.activity().stream().anyMatch(e -> e.deviceId().equals("debug")
                && e.text().startsWith("Silent push received")), "the activity feed says so");
    }

    @Test
    void a_chat_message_after_a_silent_push_is_the_one_a_tap_opens() {
        aliceInBackgroundOn("debug");
        engine.notificationArrived(ApnsEnvironment.SANDBOX, engine.device("debug").token(), "silent-1",
                "com.example.chat", "background", BadDeviceTokenDoctor.PROBE_PAYLOAD);
        send(ImMessage.text("bob", "alice", "hi"));
        engine.notificationArrived(ApnsEnvironment.SANDBOX, engine.device("debug").token(), "silent-2",
                "com.example.chat", "background", BadDeviceTokenDoctor.PROBE_PAYLOAD);
        assertEquals(1, engine.notifications("debug").size());
        assertEquals(2, engine.silentPushCount("debug"));
        assertEquals("bob", engine.tap("debug", -1).target().userID(), "the tap opens the chat, not the silent push");
    }

    @Test
    void uninstalling_clears_the_silent_pushes_too() {
        aliceInBackgroundOn("debug");
        engine.notificationArrived(ApnsEnvironment.SANDBOX, engine.device("debug").token(), "silent-1",
                "com.example.chat", "background", BadDeviceTokenDoctor.PROBE_PAYLOAD);
        engine.uninstall("debug");
        assertEquals(0, engine.silentPushCount("debug"));
        assertTrue(engine.silentPushes("debug").isEmpty());
    }
}
