package dev.pushflow.engine;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gives a clear error or a recorded failure, never an unhandled exception, and loses no record. */
class BadInputTest extends EngineFixture {

    @Test
    void corruptP8IsAFailedRecordWithAPlainReason() {
        engine.console().put(new CertificateEntry(31287, ApnsEnvironment.SANDBOX, SampleMaterial.BUNDLE_ID,
                new P8Credential("broken.p8", "not a key".getBytes(StandardCharsets.UTF_8), "PFKEY00001", "PFTEAM0001"),
                GatewayTarget.EMBEDDED));
        aliceInBackgroundOn("debug");
        int before = engine.log().size();
        DeliveryRecord r = only(send(ImMessage.text("bob", "alice", "hi")), "debug");
        assertEquals(DeliveryStatus.FAILED, r.status());
        assertTrue(r.detail().contains("broken.p8"), r.detail());
        assertEquals(before + 1, engine.log().size(), "the failure is in the log");
    }

    @Test
    void wrongP12PasswordIsAFailedRecordThatNeverShowsThePassword() {
        engine.console().put(new CertificateEntry(31287, ApnsEnvironment.SANDBOX, SampleMaterial.BUNDLE_ID,
                new P12Credential("dev.p12", SampleMaterial.bytes("client-development.p12"), "hunter2-secret".toCharArray()),
                GatewayTarget.EMBEDDED));
        aliceInBackgroundOn("debug");
        DeliveryRecord r = only(send(ImMessage.text("bob", "alice", "hi")), "debug");
        assertEquals(DeliveryStatus.FAILED, r.status());
        assertFalse(r.detail().contains("hunter2-secret"));
    }

    @Test
    void appleGatewayWithoutNetworkFailsWithAReasonAndTheNextPushStillWorks() {
        engine.console().put(new CertificateEntry(31287, ApnsEnvironment.SANDBOX, SampleMaterial.BUNDLE_ID,
                SampleMaterial.tokenKey(), GatewayTarget.APPLE));
        engine.delivery().setConnectTimeout(java.time.Duration.ofSeconds(2));
        aliceInBackgroundOn("debug");
        DeliveryRecord r = only(send(ImMessage.text("bob", "alice", "hi")), "debug");
        assertEquals(DeliveryStatus.FAILED, r.status(), "no internet here: " + r);
        assertTrue(r.gateway().contains("api.sandbox.push.apple.com:443"));
        DefaultWorkspace.applyConsole(engine);
        assertAccepted(only(send(ImMessage.text("bob", "alice", "again")), "debug"));
    }

    @Test
    void malformedTokenForARealDeviceIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.addRealDevice("real", "My iPhone", dev.pushflow.im.BuildConfiguration.RELEASE, "abc"));
        assertTrue(e.getMessage().contains("odd number"));
    }

    @Test
    void unknownUsersAndGroupsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.send(ImMessage.text("bob", "zed", "hi")));
        assertTrue(e.getMessage().contains("zed"));
        e = assertThrows(IllegalArgumentException.class, () -> engine.send(ImMessage.groupText("bob", "@TGS#nope", "hi")));
        assertTrue(e.getMessage().contains("@TGS#nope"));
    }
}
