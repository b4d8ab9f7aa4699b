package dev.pushflow.engine;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference section 1: certificate IDs, the build, and the token's environment, over real TLS/HTTP2. */
class CertificateIdRulesTest extends EngineFixture {

    @Test
    void debugBuildReportsDevelopmentCertificateIdAndGetsASandboxPush() {
        aliceInBackgroundOn("debug");
        assertEquals(31287, engine.device("debug").reportedCertificateId());
        DeliveryRecord r = assertAccepted(only(send(ImMessage.text("bob", "alice", "hi")), "debug"));
        assertEquals(ApnsEnvironment.SANDBOX, r.environment());
        assertNotNull(r.apnsUniqueId(), "the sandbox answers with apns-unique-id");
    }

    @Test
    void releaseBuildReportsProductionCertificateIdAndGetsAProductionPush() {
        aliceInBackgroundOn("release");
        DeliveryRecord r = assertAccepted(only(send(ImMessage.text("bob", "alice", "hi")), "release"));
        assertEquals(31288, r.certificateId());
        assertEquals(ApnsEnvironment.PRODUCTION, r.environment());
        assertNull(r.apnsUniqueId(), "apns-unique-id exists in development only");
    }

    @Test
    void debugTokenWithProductionCertificateIdIsBadDeviceToken() {
        engine.setAppSettings(engine.appSettings().withCertificateId(BuildConfiguration.DEBUG, 31288));
        aliceInBackgroundOn("debug");
        assertTrue(engine.activity().stream().anyMatch(e -> e.kind() == ActivityEvent.Kind.WARNING
                && e.text().contains("BadDeviceToken")), "login warns about the mismatch");
        assertRejected(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), "BadDeviceToken");
    }

    @Test
    void releaseTokenWithDevelopmentCertificateIdIsBadDeviceToken() {
        engine.setAppSettings(engine.appSettings().withCertificateId(BuildConfiguration.RELEASE, 31287));
        aliceInBackgroundOn("release");
        assertRejected(only(send(ImMessage.text("bob", "alice", "hi")), "release"), "BadDeviceToken");
    }

    @Test
    void tokenOfAnotherBundleIsDeviceTokenNotForTopic() {
        engine.console().put(new CertificateEntry(31287, ApnsEnvironment.SANDBOX, "com.example.other",
                SampleMaterial.tokenKey(), GatewayTarget.EMBEDDED));
        aliceInBackgroundOn("debug");
        assertRejected(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), "DeviceTokenNotForTopic");
    }

    @Test
    void absentMacroReportsCertificateIdZeroAndNothingIsPushed() {
        engine.setAppSettings(engine.appSettings().withCertificateId(BuildConfiguration.DEBUG, 0));
        aliceInBackgroundOn("debug");
        assertNoPush(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), NoPushReason.NO_CERTIFICATE_ID);
    }

    @Test
    void unknownCertificateIdIsRecordedAsNoPush() {
        engine.setAppSettings(engine.appSettings().withCertificateId(BuildConfiguration.DEBUG, 31289));
        aliceInBackgroundOn("debug");
        DeliveryRecord r = assertNoPush(only(send(ImMessage.text("bob", "alice", "hi")), "debug"),
                NoPushReason.UNKNOWN_CERTIFICATE_ID);
        assertTrue(r.detail().contains("31289"));
    }

    @Test
    void setApnsNilTurnsOfflinePushOffAndBackOn() {
        aliceInBackgroundOn("debug");
        engine.setPushEnabled("debug", false);
        assertNoPush(only(send(ImMessage.text("bob", "alice", "hi")), "debug"), NoPushReason.PUSH_DISABLED);
        engine.setPushEnabled("debug", true);
        assertAccepted(only(send(ImMessage.text("bob", "alice", "hi")), "debug"));
    }

    @Test
    void certificateAuthWorksThroughTheSamePath() {
        engine.console().put(new CertificateEntry(31287, ApnsEnvironment.SANDBOX, SampleMaterial.BUNDLE_ID,
                SampleMaterial.developmentCertificate(), GatewayTarget.EMBEDDED));
        aliceInBackgroundOn("debug");
        assertAccepted(only(send(ImMessage.text("bob", "alice", "hi")), "debug"));
    }

    @Test
    void developmentCertificateOnProductionIsBadCertificateEnvironment() {
        engine.console().put(new CertificateEntry(31288, ApnsEnvironment.PRODUCTION, SampleMaterial.BUNDLE_ID,
                SampleMaterial.developmentCertificate(), GatewayTarget.EMBEDDED));
        aliceInBackgroundOn("release");
        assertRejected(only(send(ImMessage.text("bob", "alice", "hi")), "release"), "BadCertificateEnvironment");
    }

    @Test
    void reloadingTheSameCredentialReusesItsPushyClient() {
        aliceInBackgroundOn("debug");
        assertAccepted(only(send(ImMessage.text("bob", "alice", "one")), "debug"));
        int clients = engine.delivery().clientCount();
        DefaultWorkspace.applyConsole(engine); // new credential objects, same bytes
        assertAccepted(only(send(ImMessage.text("bob", "alice", "two")), "debug"));
        assertEquals(clients, engine.delivery().clientCount(), "no second TLS connection for the same key");
    }
}
