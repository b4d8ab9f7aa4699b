package dev.pushflow.engine;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.OfflinePushInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference section 2: login, logout, kick-off, app state and badge. */
class SessionRulesTest extends EngineFixture {

    @Test
    void loginRunsRegisterServiceAndReportsTheTokenWithTheCertificateId() {
        engine.login("debug", "alice");
        DeviceSnapshot d = engine.device("debug");
        assertTrue(d.serviceRegistered());
        assertEquals(31287, d.reportedCertificateId());
        List<ActivityEvent.Kind> kinds = engine.activity().stream().filter(e -> "debug".equals(e.deviceId()))
                .map(ActivityEvent::kind).toList();
        assertTrue(kinds.containsAll(List.of(ActivityEvent.Kind.LOGIN, ActivityEvent.Kind.REGISTER_SERVICE,
                ActivityEvent.Kind.SET_APNS)), kinds.toString());
    }

    @Test
    void loggedOutUserGetsNoOfflinePush() {
        aliceInBackgroundOn("debug");
        engine.logout("debug");
        assertFalse(engine.device("debug").serviceRegistered(), "unregisterService ran");
        assertNoPush(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), NoPushReason.LOGGED_OUT);
        assertEquals(0, engine.notifications("debug").size());
    }

    @Test
    void kickedOffDeviceGetsNoOfflinePushWhileTheNewDeviceDoes() {
        aliceInBackgroundOn("debug");
        aliceInBackgroundOn("release");
        DeviceSnapshot old = engine.device("debug");
        assertTrue(old.kickedOff());
        assertTrue(old.serviceRegistered(), "the component does not unregister on a kick-off; only logout does");
        List<DeliveryRecord> records = send(ImMessage.text("bob", "alice", "hi"));
        assertNoPush(only(records, "debug"), NoPushReason.KICKED_OFF);
        assertAccepted(only(records, "release"));
    }

    @Test
    void foregroundAppGetsTheMessageOnlineWithoutPush() {
        engine.login("debug", "alice");
        assertNoPush(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), NoPushReason.ONLINE);
        assertEquals(0, engine.notifications("debug").size());
    }

    @ParameterizedTest
    @EnumSource(value = AppState.class, names = {"BACKGROUND", "LOCKED", "KILLED"})
    void backgroundLockedAndKilledAppsGetOfflinePush(AppState state) {
        engine.login("debug", "alice");
        engine.setAppState("debug", state);
        assertAccepted(only(send(ImMessage.text("bob", "alice", "hi")), "debug"));
        assertEquals(1, engine.notifications("debug").size(), "the notification reached the phone");
        assertEquals("Bob: hi", engine.notifications("debug").get(0).body());
    }

    @Test
    void badgeCountsFromTheBackgroundBaselineAndIgnoreIOSBadgeLeavesIt() {
        engine.login("debug", "alice");
        send(ImMessage.text("bob", "alice", "one"));
        send(ImMessage.text("bob", "alice", "two"));
        engine.setAppState("debug", AppState.BACKGROUND);
        assertEquals(2, engine.device("debug").badge(), "baseline = unread total when going to the background");
        send(ImMessage.text("bob", "alice", "three"));
        assertEquals(3, engine.notifications("debug").get(0).badge());
        send(ImMessage.text("bob", "alice", "quiet").withOfflinePushInfo(OfflinePushInfo.NONE.withIgnoreIOSBadge(true)));
        assertEquals(-1, engine.notifications("debug").get(1).badge(), "no badge key: not incremented");
        send(ImMessage.text("bob", "alice", "four"));
        assertEquals(4, engine.notifications("debug").get(2).badge());
        engine.setAppState("debug", AppState.FOREGROUND);
        assertEquals(0, engine.device("debug").badge(), "opening the app reads everything");
    }

    @Test
    void uninstalledAppGets410UnregisteredWithTimestamp() {
        aliceInBackgroundOn("debug");
        engine.uninstall("debug");
        DeliveryRecord r = assertRejected(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), "Unregistered");
        assertEquals(410, r.statusCode());
        assertTrue(r.invalidationTimestamp() != null, "410 carries the time the token stopped being valid");
    }

    @Test
    void afterA410TheBackendDropsTheTokenUntilTheAppRegistersAgain() {
        aliceInBackgroundOn("debug");
        engine.uninstall("debug");
        assertRejected(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), "Unregistered");
        assertNoPush(only(send(ImMessage.text("bob", "alice", "again")), "debug"), NoPushReason.TOKEN_UNREGISTERED);
        assertTrue(engine.activity().stream().anyMatch(e -> e.text().contains("the backend dropped token")));
        engine.install("debug");
        aliceInBackgroundOn("debug");
        assertAccepted(only(send(ImMessage.text("bob", "alice", "back")), "debug"));
    }

    @Test
    void reinstalledAppHasANewTokenAndMustLogInAgain() {
        aliceInBackgroundOn("debug");
        String oldToken = engine.device("debug").token();
        engine.uninstall("debug");
        engine.install("debug");
        assertFalse(oldToken.equals(engine.device("debug").token()));
        assertNoPush(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), NoPushReason.LOGGED_OUT);
        aliceInBackgroundOn("debug");
        assertAccepted(only(send(ImMessage.text("bob", "alice", "hi")), "debug"));
    }

    @Test
    void userWithoutAnyDeviceIsRecordedToo() {
        List<DeliveryRecord> records = send(ImMessage.text("bob", "carol", "hi"));
        assertEquals(1, records.size());
        assertEquals(NoPushReason.NO_DEVICE.code(), records.get(0).reason());
    }
}
