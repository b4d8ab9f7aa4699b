package dev.pushflow.engine;

import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.OfflinePushInfo;
import dev.pushflow.tap.RedirectKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference section 4, end to end: a pushed notification is tapped on the phone that received it. */
class TapRulesTest extends EngineFixture {

    @Test
    void tapOnOneToOnePushOpensChatWithTheSender() {
        aliceInBackgroundOn("debug");
        send(ImMessage.text("bob", "alice", "hi"));
        TapOutcome t = engine.tap("debug", -1);
        assertEquals(TapOutcome.Delivery.NAVIGATED, t.delivery());
        assertEquals(RedirectKind.C2C, t.target().kind());
        assertEquals("bob", t.target().userID());
        assertEquals("Open one-to-one chat with userID bob", t.target().describe());
        assertEquals(AppState.FOREGROUND, engine.device("debug").appState(), "tapping opens the app");
    }

    @Test
    void tapOnGroupPushOpensTheGroupChat() {
        aliceInBackgroundOn("debug");
        send(ImMessage.groupText("bob", DefaultWorkspace.DEMO_GROUP, "hi all"));
        TapOutcome t = engine.tap("debug", -1);
        assertEquals(RedirectKind.GROUP, t.target().kind());
        assertEquals(DefaultWorkspace.DEMO_GROUP, t.target().groupID());
    }

    @Test
    void malformedExtGivesNoRedirect() {
        aliceInBackgroundOn("debug");
        send(ImMessage.text("bob", "alice", "x").withOfflinePushInfo(OfflinePushInfo.NONE.withExt("not json")));
        TapOutcome t = engine.tap("debug", -1);
        assertEquals(TapOutcome.Delivery.NO_REDIRECT, t.delivery());
        assertEquals(RedirectKind.NONE, t.target().kind());
    }

    @Test
    void hookThatTakesOverStopsTheDefaultHandling() {
        aliceInBackgroundOn("debug");
        engine.setOfflinePushHook("debug", true);
        send(ImMessage.text("bob", "alice", "hi"));
        TapOutcome t = engine.tap("debug", -1);
        assertEquals(TapOutcome.Delivery.TAKEN_OVER, t.delivery());
        assertEquals(RedirectKind.CUSTOM, t.target().kind());
    }

    @Test
    void hookThatReturnsNoLetsTheComponentRedirect() {
        aliceInBackgroundOn("debug");
        engine.setOfflinePushHook("debug", false);
        send(ImMessage.text("bob", "alice", "hi"));
        assertEquals(RedirectKind.C2C, engine.tap("debug", -1).target().kind());
    }

    @Test
    void tapThatLaunchesAKilledAppIsCachedAndDeliveredAfterLogin() {
        engine.login("debug", "alice");
        engine.setAppState("debug", AppState.KILLED);
        send(ImMessage.text("bob", "alice", "hi"));
        TapOutcome t = engine.tap("debug", -1);
        assertEquals(TapOutcome.Delivery.CACHED_UNTIL_LOGIN, t.delivery());
        engine.login("debug", "alice");
        TapOutcome after = engine.lastTap("debug").orElseThrow();
        assertEquals(TapOutcome.Delivery.DELIVERED_AFTER_LOGIN, after.delivery());
        assertEquals("bob", after.target().userID());
    }

    @Test
    void tapsAfterLogoutAreIgnored() {
        aliceInBackgroundOn("debug");
        send(ImMessage.text("bob", "alice", "hi"));
        engine.logout("debug");
        TapOutcome t = engine.tap("debug", -1);
        assertEquals(TapOutcome.Delivery.IGNORED_AFTER_LOGOUT, t.delivery());
        assertTrue(t.describe().startsWith("Ignored"));
    }
}
