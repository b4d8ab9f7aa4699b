package dev.pushflow.engine;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.explain.Explanation;
import dev.pushflow.explain.RejectionExplainer;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's token FAQ on the real flow: a development token that never comes, what follows, and the remedies. */
class TokenRegistrationRulesTest extends EngineFixture {

    @BeforeEach
    @AfterEach
    void noFlakiness() {
        engine.setFlakyRegistration(FlakyRegistration.NONE);
    }

    private static DeliveryRecord sendToAlice(String device) {
        return only(send(ImMessage.text("bob", "alice", "are you there?")), device);
    }

    private static boolean activityMentions(String device, String text) {
        return engine.activity().stream().anyMatch(e -> device.equals(e.deviceId()) && e.text().contains(text));
    }

    @Test
    void aNormalRegistrationHandsOutATokenAndThePushArrives() {
        TokenStatus t = engine.tokenStatus("debug");
        assertEquals(TokenState.REGISTERED, t.state());
        assertEquals(1, t.attempts());
        aliceInBackgroundOn("debug");
        assertAccepted(sendToAlice("debug"));
        assertEquals(1, engine.notifications("debug").size());
    }

    @Test
    void aFailedRegistrationLeavesNoTokenAndTheBackendPushesNothing() {
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG, TokenRegistration.FAILS);
        DeviceSnapshot s = engine.device("dev");
        assertNull(s.token());
        assertEquals(TokenState.FAILED, s.tokenStatus().state());
        assertEquals(TokenRegistrationError.OFFLINE, s.tokenStatus().error());
        assertTrue(activityMentions("dev", "didFailToRegisterForRemoteNotificationsWithError: Error Domain=NSURLErrorDomain"));

        aliceInBackgroundOn("dev");
        assertTrue(engine.device("dev").serviceRegistered(), "registerService runs all the same");
        assertTrue(activityMentions("dev", "setAPNS: businessID 31287, no device token to report"));
        DeliveryRecord r = assertNoPush(sendToAlice("dev"), NoPushReason.NO_TOKEN);
        assertTrue(r.detail().contains("didFailToRegisterForRemoteNotificationsWithError: Error Domain=NSURLErrorDomain Code=-1009"), r.detail());
        assertTrue(engine.notifications("dev").isEmpty());
    }

    @Test
    void anUnansweredRegistrationLeavesNoTokenToo() {
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG, TokenRegistration.NO_ANSWER);
        assertEquals(TokenState.NONE_YET, engine.tokenStatus("dev").state());
        assertNull(engine.tokenStatus("dev").error());
        assertTrue(activityMentions("dev", "neither didRegisterForRemoteNotificationsWithDeviceToken nor"));
        aliceInBackgroundOn("dev");
        DeliveryRecord r = assertNoPush(sendToAlice("dev"), NoPushReason.NO_TOKEN);
        assertTrue(r.detail().contains("none yet (1 request, no answer from APNs)"), r.detail());
    }

    @Test
    void theNoTokenExplanationQuotesTheGuidesRemedies() {
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG, TokenRegistration.NO_ANSWER);
        aliceInBackgroundOn("dev");
        DeliveryRecord r = sendToAlice("dev");
        Explanation e = RejectionExplainer.explain(r, BuildConfiguration.DEBUG, engine.appSettings());
        assertEquals("No push: no-token", e.headline());
        for (String remedy : List.of("insert a SIM card into the phone and use the 4G network",
                "uninstall and reinstall the application, restart the application, or shut down and restart the phone",
                "use a package for the production environment", "use another iPhone")) {
            assertTrue(e.fix().contains(remedy), () -> "missing '" + remedy + "' in " + e.fix());
        }
    }

    @ParameterizedTest
    @EnumSource(TokenRemedy.class)
    void eachRemedyRequestsTheTokenAgainAndThenThePushArrives(TokenRemedy remedy) {
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG, TokenRegistration.FAILS);
        aliceInBackgroundOn("dev");
        assertNoPush(sendToAlice("dev"), NoPushReason.NO_TOKEN);

        DeviceSnapshot after = engine.applyRemedy("dev", remedy);
        assertEquals(TokenState.REGISTERED, after.tokenStatus().state(), () -> remedy + ": " + after.tokenStatus());
        assertEquals(2, after.tokenStatus().attempts());
        assertNotNull(after.token());
        if (remedy == TokenRemedy.REINSTALL) {
            assertEquals(null, after.loggedInUser(), "a fresh install starts logged out");
            engine.login("dev", "alice");
        }
        engine.setAppState("dev", AppState.BACKGROUND);

        DeliveryRecord r = assertAccepted(sendToAlice("dev"));
        boolean production = remedy == TokenRemedy.PRODUCTION_BUILD;
        assertEquals(production ? ApnsEnvironment.PRODUCTION : ApnsEnvironment.SANDBOX, r.environment());
        assertEquals(production ? DefaultWorkspace.PRODUCTION_ID : DefaultWorkspace.DEVELOPMENT_ID, r.certificateId());
        assertEquals(after.token(), r.token());
        assertEquals(1, engine.notifications("dev").size(), "the phone shows the push");
        if (remedy == TokenRemedy.CELLULAR) {
            assertEquals(Network.CELLULAR, engine.tokenStatus("dev").network());
        }
    }

    @Test
    void anotherIPhoneGetsItsOwnToken() {
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG, TokenRegistration.NO_ANSWER);
        engine.addDevice("other", "Other iPhone", BuildConfiguration.DEBUG);
        aliceInBackgroundOn("other");
        assertAccepted(sendToAlice("other"));
    }

    @Test
    void aTokenThatArrivesWhileLoggedInIsReportedWithSetApnsAtOnce() {
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG, TokenRegistration.NO_ANSWER);
        aliceInBackgroundOn("dev");
        engine.retryRegistration("dev");
        assertTrue(activityMentions("dev", "setAPNS: businessID 31287, token "));
        assertAccepted(sendToAlice("dev"));
    }

    @Test
    void retryingWithATokenHandsBackTheSameToken() {
        String before = engine.device("debug").token();
        DeviceSnapshot s = engine.retryRegistration("debug");
        assertEquals(before, s.token());
        assertEquals(1, s.tokenStatus().attempts(), "iOS does not ask APNs again");
    }

    @Test
    void flakyDevelopmentRegistrationFailsDebugRequestsOnlyAndASwitchToReleaseHelps() {
        engine.setFlakyRegistration(FlakyRegistration.debugOnly(1.0, 7));
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG);
        engine.addDevice("rel", "Rel iPhone", BuildConfiguration.RELEASE);
        assertTrue(!engine.tokenStatus("dev").hasToken(), "every Debug request fails at chance 1");
        assertTrue(engine.tokenStatus("rel").hasToken(), "Release builds are unaffected by default");
        aliceInBackgroundOn("dev");
        engine.retryRegistration("dev");
        engine.reinstall("dev");
        assertTrue(!engine.tokenStatus("dev").hasToken());
        engine.login("dev", "alice");
        engine.setAppState("dev", AppState.BACKGROUND);
        assertNoPush(sendToAlice("dev"), NoPushReason.NO_TOKEN);
        engine.applyRemedy("dev", TokenRemedy.PRODUCTION_BUILD);
        assertEquals(ApnsEnvironment.PRODUCTION, assertAccepted(sendToAlice("dev")).environment());
    }

    @Test
    void flakyRegistrationIsDeterministicWithItsSeed() {
        List<String> first = flakyRun(42);
        List<String> again = flakyRun(42);
        assertEquals(first, again);
        assertTrue(first.contains("registered") && first.stream().anyMatch(o -> !o.equals("registered")),
                "at chance 0.5 some of 12 requests fail and some succeed: " + first);
        assertTrue(!first.equals(flakyRun(43)) || !first.equals(flakyRun(44)), "another seed, other outcomes");
    }

    private static List<String> flakyRun(long seed) {
        engine.clearWorld();
        DefaultWorkspace.applyConsole(engine);
        DefaultWorkspace.applyUsers(engine);
        engine.setFlakyRegistration(FlakyRegistration.debugOnly(0.5, seed));
        List<String> outcomes = new ArrayList<>();
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG);
        for (int i = 0; i < 12; i++) {
            TokenStatus t = engine.tokenStatus("dev");
            outcomes.add(t.state() == TokenState.FAILED ? "failed: " + t.error() : t.state().displayName());
            engine.setBuild("dev", BuildConfiguration.DEBUG); // a new install of the build: a new request
        }
        return outcomes;
    }

    @Test
    void remediesRefuseARealDeviceWithASentence() {
        engine.addRealDevice("mine", "My iPhone", BuildConfiguration.DEBUG, "ab".repeat(32));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> engine.retryRegistration("mine"));
        assertTrue(e.getMessage().contains("real device"), e.getMessage());
        assertEquals(TokenState.REGISTERED, engine.tokenStatus("mine").state());
    }

    @Test
    void aRetryNeedsARunningApp() {
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG, TokenRegistration.NO_ANSWER);
        engine.setAppState("dev", AppState.KILLED);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> engine.retryRegistration("dev"));
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
        assertTrue(engine.restartApp("dev", false).tokenStatus().hasToken(), "restarting it works");
    }

    @Test
    void aChanceOutsideZeroToOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlakyRegistration.debugOnly(1.5, 1));
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    }
}
