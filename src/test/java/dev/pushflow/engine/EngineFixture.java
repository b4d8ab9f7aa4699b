package dev.pushflow.engine;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One engine on real embedded gateways per test class; each test starts from a fresh world. */
abstract class EngineFixture {
    static PushFlowEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = Engines.startDefault();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void freshWorld() {
        engine.clearWorld();
        DefaultWorkspace.applyConsole(engine);
        DefaultWorkspace.applyUsers(engine);
        engine.addDevice("debug", "Debug iPhone", BuildConfiguration.DEBUG);
        engine.addDevice("release", "Release iPhone", BuildConfiguration.RELEASE);
    }

    static List<DeliveryRecord> send(ImMessage message) {
        try {
            return engine.send(message).records().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("send did not complete: " + e, e);
        }
    }

    /** alice on the given phone, app in the background: ready for offline push. */
    static void aliceInBackgroundOn(String device) {
        engine.login(device, "alice");
        engine.setAppState(device, AppState.BACKGROUND);
    }

    static DeliveryRecord only(List<DeliveryRecord> records, String device) {
        List<DeliveryRecord> mine = records.stream().filter(r -> device.equals(r.deviceId())).toList();
        assertEquals(1, mine.size(), "records for " + device + ": " + records);
        return mine.get(0);
    }

    static DeliveryRecord assertAccepted(DeliveryRecord r) {
        assertEquals(DeliveryStatus.ACCEPTED, r.status(), () -> "expected accepted: " + r);
        return r;
    }

    static DeliveryRecord assertRejected(DeliveryRecord r, String reason) {
        assertEquals(DeliveryStatus.REJECTED, r.status(), () -> "expected rejected: " + r);
        assertEquals(reason, r.reason());
        return r;
    }

    static DeliveryRecord assertNoPush(DeliveryRecord r, NoPushReason reason) {
        assertEquals(reason == NoPushReason.ONLINE ? DeliveryStatus.ONLINE : DeliveryStatus.NO_PUSH, r.status(),
                () -> "expected no push: " + r);
        assertEquals(reason.code(), r.reason());
        return r;
    }
}
