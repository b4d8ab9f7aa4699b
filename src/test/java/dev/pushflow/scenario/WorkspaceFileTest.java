package dev.pushflow.scenario;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.OwnCertificates;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.credentials.SecretStore;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GUI's save/open workspace: what is saved opens to the same workspace, and passwords never reach the
 * file. Runs on a detached engine (no gateways): nothing is sent here.
 */
class WorkspaceFileTest {

    private static PushFlowEngine detachedEngine() {
        return new PushFlowEngine(null, DeliveryLog.inMemory(), null, null);
    }

    @Test
    void savedWorkspaceOpensToTheSameWorkspace(@TempDir Path dir) throws Exception {
        PushFlowEngine engine = detachedEngine();
        DefaultWorkspace.apply(engine);
        engine.putGroup(new ImGroup("@TGS#team", "Team", List.of("alice", "carol"), Map.of("carol", "Caz")));
        engine.setOfflinePushHook(DefaultWorkspace.DEBUG_PHONE, true);
        engine.addRealDevice("my-iphone", "My iPhone", BuildConfiguration.RELEASE, "<" + "ab".repeat(32) + ">");
        Path file = dir.resolve("workspace.json");
        WorkspaceFile.save(engine, file);

        PushFlowEngine reopened = detachedEngine();
        WorkspaceFile.load(file, reopened);
        assertEquals(WorkspaceSpec.capture(engine).toJson(dir), WorkspaceSpec.capture(reopened).toJson(dir));
        assertEquals(Boolean.TRUE, reopened.device(DefaultWorkspace.DEBUG_PHONE).hookTakesOver());
        assertEquals("ab".repeat(32), reopened.device("my-iphone").token(), "a real device keeps its token");
    }

    @Test
    void p12PasswordIsNeverWrittenOnlyItsVariable(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("certs/push.p12");
        Files.createDirectories(p12.getParent());
        Files.write(p12, SampleMaterial.bytes("client-development.p12"));
        Path file = dir.resolve("ws.json");
        Files.writeString(file, """
                {"console": {"certificates": [
                  {"id": 1001, "environment": "sandbox", "credential": {"p12": "certs/push.p12", "passwordEnv": "MY_P12_PASSWORD"}}]}}
                """);
        WorkspaceSpec spec = WorkspaceFile.read(file);
        PushFlowEngine engine = detachedEngine();
        spec.apply(engine, Map.of("MY_P12_PASSWORD", SampleMaterial.P12_PASSWORD)::get);
        assertTrue(engine.console().find(1001).orElseThrow().credential() instanceof P12Credential);

        Path saved = dir.resolve("saved.json");
        WorkspaceFile.save(engine, saved);
        String text = Files.readString(saved);
        assertFalse(text.contains(SampleMaterial.P12_PASSWORD), text);
        assertTrue(text.contains("\"p12\" : \"certs/push.p12\""), "relative to the workspace file: " + text);
        assertTrue(text.contains("\"passwordEnv\" : \"MY_P12_PASSWORD\""), text);
    }

    @Test
    void wrongP12PasswordIsReportedWhenTheWorkspaceIsApplied(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("push.p12");
        Files.write(p12, SampleMaterial.bytes("client-development.p12"));
        Path file = dir.resolve("ws.json");
        Files.writeString(file, """
                {"console": {"certificates": [
                  {"id": 1001, "environment": "sandbox", "credential": {"p12": "push.p12", "passwordEnv": "PW"}}]}}
                """);
        PushFlowEngine engine = detachedEngine();
        DefaultWorkspace.apply(engine);
        String msg = assertThrows(ScenarioException.class,
                () -> WorkspaceFile.read(file).apply(engine, Map.of("PW", "hunter2-not-it")::get)).getMessage();
        assertTrue(msg.contains("push.p12") && msg.endsWith("(password from PW)"), msg);
        assertFalse(msg.contains("hunter2"), "the password itself is never shown: " + msg);
        assertEquals(2, engine.devices().size(), "a bad credential leaves the engine's world as it was");
    }

    @Test
    void consoleEntriesKeepEnvironmentGatewayAndBundle(@TempDir Path dir) throws Exception {
        PushFlowEngine engine = detachedEngine();
        DefaultWorkspace.apply(engine);
        engine.console().put(new CertificateEntry(40000, ApnsEnvironment.PRODUCTION, "com.example.other",
                SampleMaterial.universalCertificate(), GatewayTarget.APPLE, 2197));
        Path file = dir.resolve("ws.json");
        WorkspaceFile.save(engine, file);
        PushFlowEngine reopened = detachedEngine();
        WorkspaceFile.load(file, reopened);
        CertificateEntry e = reopened.console().find(40000).orElseThrow();
        assertEquals(ApnsEnvironment.PRODUCTION, e.environment());
        assertEquals("com.example.other", e.bundleId());
        assertEquals(GatewayTarget.APPLE, e.gateway());
        assertEquals(2197, e.applePort());
        assertTrue(Files.readString(file).contains("\"credential\" : \"sample-p12-universal\""));
    }

    @Test
    void unknownKeyInAWorkspaceFileIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ws.json");
        Files.writeString(file, "{\"user\": [\"alice\"]}");
        String msg = assertThrows(ScenarioException.class, () -> WorkspaceFile.read(file)).getMessage();
        assertTrue(msg.startsWith(file + ": unknown key 'user' (did you mean 'users'?)"), msg);
    }

    // ------------------------------------------------------------------ restoring the window's own workspace

    /** A workspace with the defaults, a user's own .p12 as certificate ID 41234, and one more device. */
    private static Path workspaceWithOwnP12(Path dir, String passwordEnv) throws Exception {
        OwnCertificates.p12(dir.resolve("certs/push.p12"), "own-secret-1");
        Path file = dir.resolve("workspace.json");
        Files.writeString(file, """
                {"console": {"certificates": [
                  {"id": 31287, "environment": "sandbox", "credential": "sample"},
                  {"id": 41234, "environment": "sandbox", "credential": {"p12": "certs/push.p12", "passwordEnv": "%s"}}]},
                 "devices": [{"id": "iphone-debug", "build": "debug"}, {"id": "dave-phone", "build": "debug"}]}
                """.formatted(passwordEnv));
        return file;
    }

    @Test
    void restoringKeepsEverythingButACertificateIdWhosePasswordIsNotAvailable(@TempDir Path dir) throws Exception {
        Path file = workspaceWithOwnP12(dir, "MY_P12_PASSWORD");
        PushFlowEngine engine = detachedEngine();
        WorkspaceFile.Restored r = WorkspaceFile.restore(file, engine, Map.<String, String>of()::get,
                SecretStore.inFolder(dir));

        assertEquals(List.of(31287L), engine.console().all().stream().map(CertificateEntry::certificateId).toList());
        assertNotNull(engine.device("dave-phone"), "the other parts are applied");
        assertEquals(1, r.unrestored().size());
        WorkspaceSpec.UnrestoredCertificate u = r.unrestored().getFirst();
        assertEquals(41234, u.id());
        assertEquals(CredentialSpec.Reason.PASSWORD_NOT_AVAILABLE, u.reason());
        assertTrue(u.message().contains("MY_P12_PASSWORD"), u.message());
    }

    @Test
    void scenariosStayStrictAboutTheSameWorkspace(@TempDir Path dir) throws Exception {
        Path file = workspaceWithOwnP12(dir, "MY_P12_PASSWORD");
        PushFlowEngine engine = detachedEngine();
        DefaultWorkspace.apply(engine);
        String msg = assertThrows(ScenarioException.class,
                () -> WorkspaceFile.read(file).apply(engine, Map.<String, String>of()::get)).getMessage();
        assertTrue(msg.contains("MY_P12_PASSWORD, which is not set"), msg);
        assertEquals(2, engine.devices().size(), "a strict apply that fails changes nothing");
    }

    @Test
    void aRememberedPasswordRestoresTheCertificateIdAndComesBeforeTheVariable(@TempDir Path dir) throws Exception {
        Path file = workspaceWithOwnP12(dir, "MY_P12_PASSWORD");
        SecretStore store = SecretStore.inFolder(dir.resolve("config"));
        store.rememberP12Password(dir.resolve("certs/push.p12"), "own-secret-1".toCharArray());
        PushFlowEngine engine = detachedEngine();
        WorkspaceFile.Restored r = WorkspaceFile.restore(file, engine,
                Map.of("MY_P12_PASSWORD", "set-for-another-file")::get, store);
        assertTrue(r.unrestored().isEmpty(), r.unrestored()::toString);
        assertTrue(engine.console().find(41234).orElseThrow().credential() instanceof P12Credential);
    }

    @Test
    void aRememberedPasswordThatNoLongerFitsIsAWrongPassword(@TempDir Path dir) throws Exception {
        Path file = workspaceWithOwnP12(dir, "MY_P12_PASSWORD");
        SecretStore store = SecretStore.inFolder(dir.resolve("config"));
        store.rememberP12Password(dir.resolve("certs/push.p12"), "exported-again-since".toCharArray());
        WorkspaceFile.Restored r = WorkspaceFile.restore(file, detachedEngine(), Map.<String, String>of()::get, store);
        WorkspaceSpec.UnrestoredCertificate u = r.unrestored().getFirst();
        assertEquals(CredentialSpec.Reason.WRONG_PASSWORD, u.reason());
        assertFalse(u.message().contains("exported-again-since"), "never the password itself: " + u.message());
    }

    @Test
    void aMovedFileIsReportedAndTheRestIsRestored(@TempDir Path dir) throws Exception {
        Path file = workspaceWithOwnP12(dir, "MY_P12_PASSWORD");
        Files.delete(dir.resolve("certs/push.p12"));
        assertThrows(ScenarioException.class, () -> WorkspaceFile.read(file), "scenarios: a missing file is an error");

        PushFlowEngine engine = detachedEngine();
        WorkspaceFile.Restored r = WorkspaceFile.restore(file, engine, Map.of("MY_P12_PASSWORD", "x")::get, null);
        assertEquals(CredentialSpec.Reason.FILE_MISSING, r.unrestored().getFirst().reason());
        assertTrue(r.unrestored().getFirst().message().contains("no such file"), r.unrestored().getFirst().message());
        assertNotNull(engine.device("dave-phone"));
    }

    @Test
    void savingKeepsTheDefinitionOfACertificateIdThatWasNotRestored(@TempDir Path dir) throws Exception {
        Path file = workspaceWithOwnP12(dir, "MY_P12_PASSWORD");
        PushFlowEngine engine = detachedEngine();
        WorkspaceFile.Restored r = WorkspaceFile.restore(file, engine, Map.<String, String>of()::get, null);
        Path saved = dir.resolve("saved.json");
        WorkspaceFile.save(engine, saved, r.unrestored().stream().map(WorkspaceSpec.UnrestoredCertificate::certificate)
                .toList());
        String text = Files.readString(saved);
        assertTrue(text.contains("\"id\" : 41234"), text);
        assertTrue(text.contains("\"p12\" : \"certs/push.p12\""), text);

        // with the password, the saved file restores the certificate ID
        PushFlowEngine later = detachedEngine();
        assertTrue(WorkspaceFile.restore(saved, later, Map.of("MY_P12_PASSWORD", "own-secret-1")::get, null)
                .unrestored().isEmpty());
        assertTrue(later.console().find(41234).isPresent());
    }

    @Test
    void aCertificateIdTheConsoleHasAgainIsSavedAsTheConsoleHasIt(@TempDir Path dir) throws Exception {
        Path file = workspaceWithOwnP12(dir, "MY_P12_PASSWORD");
        PushFlowEngine engine = detachedEngine();
        WorkspaceFile.Restored r = WorkspaceFile.restore(file, engine, Map.<String, String>of()::get, null);
        engine.console().put(new CertificateEntry(41234, ApnsEnvironment.PRODUCTION, "com.example.chat",
                SampleMaterial.universalCertificate(), GatewayTarget.EMBEDDED));
        Path saved = dir.resolve("saved.json");
        WorkspaceFile.save(engine, saved, r.unrestored().stream().map(WorkspaceSpec.UnrestoredCertificate::certificate)
                .toList());
        String text = Files.readString(saved);
        assertFalse(text.contains("push.p12"), text);
        assertTrue(text.contains("sample-p12-universal"), text);
    }
}
