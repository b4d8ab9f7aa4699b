package dev.pushflow.engine;

import dev.pushflow.afterapns.AfterApns;
import dev.pushflow.afterapns.DeliveryState;
import dev.pushflow.apns.PushType;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.im.ApnsOptions;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What APNs does after the 200, over real HTTP/2 to the embedded gateways: each push is sent by the engine through
 * Pushy, accepted by the gateway, then delivered, stored, discarded or throttled by the second stage.
 */
@Timeout(60)
class AfterTheTwoHundredRulesTest extends EngineFixture {

    @AfterEach
    void budgetBack() {
        engine.afterApns().setBackgroundBudgetPerHour(AfterApns.DEFAULT_BACKGROUND_BUDGET_PER_HOUR);
    }

    private static DeliveryRecord push(String text, ApnsOptions options) {
        DeliveryRecord r = only(send(ImMessage.text("bob", "alice", text).withApnsOptions(options)), "debug");
        return assertAccepted(r);
    }

    private static DeliveryRecord push(String text) {
        return push(text, ApnsOptions.DEFAULT);
    }

    private static void assertState(DeliveryState expected, DeliveryRecord accepted) {
        assertEquals(expected, engine.deliveryState(accepted.apnsId()).orElseThrow(), "the stage");
        assertEquals(expected.code(), newestLine(accepted.apnsId()).deliveryState(), "the delivery log");
    }

    /** The newest log line of a push: its current delivery state, APNs' answer kept. */
    private static DeliveryRecord newestLine(String apnsId) {
        List<DeliveryRecord> lines = lines(apnsId);
        return lines.get(lines.size() - 1);
    }

    private static List<DeliveryRecord> lines(String apnsId) {
        return engine.log().snapshot().stream().filter(r -> apnsId.equals(r.apnsId())).toList();
    }

    private static List<String> lockScreen() {
        return engine.notifications("debug").stream().map(DeliveredNotification::body).toList();
    }

    @Test
    void an_online_phone_gets_the_push_at_once() {
        aliceInBackgroundOn("debug");
        DeliveryRecord r = push("hi");
        assertState(DeliveryState.DELIVERED, r);
        assertEquals(List.of("Bob: hi"), lockScreen());
    }

    @Test
    void an_offline_phone_gets_it_from_storage_when_it_is_back() {
        aliceInBackgroundOn("debug");
        engine.setNetwork("debug", false);
        DeliveryRecord r = push("while offline");
        assertState(DeliveryState.STORED_OFFLINE, r);
        assertEquals(List.of(), lockScreen(), "nothing reaches an offline phone");
        assertEquals(1, engine.device("debug").storedAtApns(), "the phone's card: stored at APNs: 1");

        engine.setNetwork("debug", true);
        assertState(DeliveryState.DELIVERED_FROM_STORAGE, r);
        assertEquals(List.of("Bob: while offline"), lockScreen());
        assertEquals(0, engine.device("debug").storedAtApns());
        List<DeliveryRecord> lines = lines(r.apnsId());
        assertEquals(List.of("stored-offline", "delivered-from-storage"),
                lines.stream().map(DeliveryRecord::deliveryState).toList(), "a new line per state, append-only");
        assertEquals(200, lines.get(1).statusCode(), "APNs' answer is kept on the later line");
        assertEquals(r.apnsUniqueId(), lines.get(1).apnsUniqueId());
    }

    @Test
    void apns_keeps_one_notification_per_app_a_newer_one_discards_the_stored_one() {
        aliceInBackgroundOn("debug");
        engine.setNetwork("debug", false);
        DeliveryRecord first = push("one");
        DeliveryRecord second = push("two");
        DeliveryRecord third = push("three");
        assertState(DeliveryState.DISCARDED_REPLACED, first);
        assertState(DeliveryState.DISCARDED_REPLACED, second);
        assertState(DeliveryState.STORED_OFFLINE, third);
        assertEquals(1, engine.device("debug").storedAtApns());
        engine.setNetwork("debug", true);
        assertEquals(List.of("Bob: three"), lockScreen(), "only the newest of five offline messages shows");
        assertState(DeliveryState.DELIVERED_FROM_STORAGE, third);
    }

    @Test
    void expiration_0_is_never_stored() {
        aliceInBackgroundOn("debug");
        engine.setNetwork("debug", false);
        DeliveryRecord r = push("now or never", new ApnsOptions(null, Instant.EPOCH, null));
        assertState(DeliveryState.DISCARDED_NOT_STORED, r);
        assertEquals(0, engine.device("debug").storedAtApns());
        engine.setNetwork("debug", true);
        assertEquals(List.of(), lockScreen());
        assertState(DeliveryState.DISCARDED_NOT_STORED, r);
    }

    @Test
    void expiration_0_reaches_an_online_phone() {
        aliceInBackgroundOn("debug");
        assertState(DeliveryState.DELIVERED, push("now", new ApnsOptions(null, Instant.EPOCH, null)));
    }

    @Test
    void a_stored_notification_past_its_expiration_is_discarded_when_it_would_be_delivered() {
        aliceInBackgroundOn("debug");
        engine.setNetwork("debug", false);
        Instant inOneMinute = engine.clock().instant().plusSeconds(60);
        DeliveryRecord r = push("soon stale", new ApnsOptions(null, inOneMinute, null));
        engine.advanceClock(Duration.ofMinutes(2));
        assertState(DeliveryState.STORED_OFFLINE, r); // discarded only when it would be delivered
        engine.setNetwork("debug", true);
        assertState(DeliveryState.DISCARDED_EXPIRED, r);
        assertEquals(List.of(), lockScreen());
    }

    @Test
    void a_stored_notification_before_its_expiration_is_delivered() {
        aliceInBackgroundOn("debug");
        engine.setNetwork("debug", false);
        DeliveryRecord r = push("fresh", new ApnsOptions(null, engine.clock().instant().plusSeconds(3600), null));
        engine.advanceClock(Duration.ofMinutes(59));
        engine.setNetwork("debug", true);
        assertState(DeliveryState.DELIVERED_FROM_STORAGE, r);
    }

    @Test
    void without_expiration_apns_keeps_it_up_to_30_days() {
        aliceInBackgroundOn("debug");
        engine.setNetwork("debug", false);
        DeliveryRecord kept = push("kept");
        engine.advanceClock(Duration.ofDays(29));
        engine.setNetwork("debug", true);
        assertState(DeliveryState.DELIVERED_FROM_STORAGE, kept);

        engine.setNetwork("debug", false);
        DeliveryRecord lost = push("lost");
        engine.advanceClock(Duration.ofDays(31));
        engine.setNetwork("debug", true);
        assertState(DeliveryState.DISCARDED_EXPIRED, lost);
    }

    @Test
    void the_same_collapse_id_replaces_the_banner_on_the_lock_screen() {
        aliceInBackgroundOn("debug");
        push("score 1-0", new ApnsOptions(null, null, "match-42"));
        push("other");
        DeliveryRecord newest = push("score 2-0", new ApnsOptions(null, null, "match-42"));
        assertEquals(List.of("Bob: other", "Bob: score 2-0"), lockScreen(), "one banner, the newest text");
        assertState(DeliveryState.DELIVERED, newest);
    }

    @Test
    void low_power_mode_holds_priority_5_and_1_until_it_is_off_and_lets_10_through() {
        aliceInBackgroundOn("debug");
        engine.setLowPower("debug", true);
        DeliveryRecord p5 = push("p5", new ApnsOptions(5, null, null));
        DeliveryRecord p1 = push("p1", new ApnsOptions(1, null, null));
        DeliveryRecord p10 = push("p10", new ApnsOptions(10, null, null));
        assertState(DeliveryState.STORED_POWER, p5);
        assertState(DeliveryState.STORED_POWER, p1);
        assertState(DeliveryState.DELIVERED, p10);
        assertEquals(List.of("Bob: p10"), lockScreen());
        assertEquals(2, engine.device("debug").storedPower());

        engine.setLowPower("debug", false);
        assertState(DeliveryState.DELIVERED_FROM_STORAGE, p5);
        assertState(DeliveryState.DELIVERED_FROM_STORAGE, p1);
        assertEquals(List.of("Bob: p10", "Bob: p5", "Bob: p1"), lockScreen());
    }

    @Test
    void background_pushes_over_the_hourly_budget_are_throttled() {
        aliceInBackgroundOn("debug");
        engine.afterApns().setBackgroundBudgetPerHour(2);
        ApnsOptions background = new ApnsOptions(null, null, null, PushType.BACKGROUND);
        DeliveryRecord b1 = push("b1", background);
        DeliveryRecord b2 = push("b2", background);
        DeliveryRecord b3 = push("b3", background);
        assertEquals("background", b1.pushType());
        assertEquals(5, b1.priority(), "background pushes go with priority 5");
        assertState(DeliveryState.DELIVERED, b1);
        assertState(DeliveryState.DELIVERED, b2);
        assertState(DeliveryState.THROTTLED, b3);
        assertEquals(2, engine.silentPushCount("debug"), "the app was woken twice");
        assertEquals(List.of(), lockScreen(), "background pushes show nothing");

        engine.advanceClock(Duration.ofMinutes(61));
        assertState(DeliveryState.DELIVERED, push("b4", background));
        assertEquals(3, engine.silentPushCount("debug"));
    }

    @Test
    void a_background_push_does_not_wake_an_app_the_user_killed() {
        aliceInBackgroundOn("debug");
        engine.setAppState("debug", AppState.KILLED);
        DeliveryRecord r = push("wake up", new ApnsOptions(null, null, null, PushType.BACKGROUND));
        assertState(DeliveryState.DELIVERED, r);
        assertEquals(0, engine.silentPushCount("debug"), "iOS does not launch a force-quit app");
        assertTrue(engine.activity().stream().anyMatch(e -> "debug".equals(e.deviceId())
                && e.text().contains("does not wake a force-quit app")));
    }

    @Test
    void an_alert_reaches_a_killed_app_s_lock_screen() {
        aliceInBackgroundOn("debug");
        engine.setAppState("debug", AppState.KILLED);
        assertState(DeliveryState.DELIVERED, push("hi"));
        assertEquals(List.of("Bob: hi"), lockScreen());
    }

    @Test
    void network_and_low_power_follow_the_phone_to_a_new_token() {
        aliceInBackgroundOn("debug");
        engine.setNetwork("debug", false);
        engine.setLowPower("debug", true);
        engine.uninstall("debug");
        engine.install("debug");
        DeviceSnapshot s = engine.device("debug");
        assertEquals(false, s.networkOnline());
        assertEquals(true, s.lowPower());
    }

    @Test
    void the_clock_only_goes_forward() {
        assertThrows(IllegalArgumentException.class, () -> engine.advanceClock(Duration.ofSeconds(-1)));
    }
}
