package dev.pushflow.ui.doctor;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.doctor.Step;
import dev.pushflow.doctor.Verdict;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.gateway.GatewayListener;
import dev.pushflow.gateway.GatewayNotification;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.doctor.DoctorViewModel.BuildChoice;
import dev.pushflow.ui.doctor.DoctorViewModel.Level;
import dev.pushflow.ui.doctor.DoctorViewModel.Phone;
import dev.pushflow.ui.doctor.DoctorViewModel.Row;
import dev.pushflow.ui.doctor.DoctorViewModel.SendWith;
import dev.pushflow.ui.keyscope.KeyScopeViewModel.Environments;
import dev.pushflow.ui.keyscope.KeyScopeViewModel.Topics;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.EnumSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Doctor panel's view model against the real embedded gateways (the default workspace: 31287 development,
 * 31288 production, a Debug and a Release iPhone), run synchronously: no toolkit.
 */
class DoctorViewModelTest {
    private final PushFlowEngine engine = Engines.startDefault();
    private final AppContext ctx = Contexts.wrap(engine);
    private final DoctorViewModel vm = new DoctorViewModel(ctx);

    @AfterEach
    void close() {
        engine.close();
    }

    private String tokenOf(String deviceId) {
        return engine.device(deviceId).token();
    }

    private Phone phone(String deviceId) {
        return vm.phones().stream().filter(p -> p.deviceId().equals(deviceId)).findFirst().orElseThrow();
    }

    private List<Row> rows(Step step, Level level) {
        return vm.rows().stream().filter(r -> r.step() == step && r.level() == level).toList();
    }

    private String report() {
        return vm.diagnosisProperty().get() == null ? "(no diagnosis) " + vm.messageProperty().get()
                : vm.diagnosisProperty().get().toText();
    }

    @Test
    void a_sandbox_token_sent_with_the_production_certificate_ID_is_found_out_by_the_probe() {
        vm.prefill(tokenOf(DefaultWorkspace.DEBUG_PHONE), DefaultWorkspace.PRODUCTION_ID, BuildConfiguration.RELEASE);
        vm.probeProperty().set(true);
        vm.diagnose();

        assertFalse(vm.busyProperty().get());
        assertEquals(Verdict.FAIL, vm.verdictProperty().get(), this::report);
        assertEquals(ApnsEnvironment.SANDBOX, vm.diagnosisProperty().get().tokenEnvironment());
        assertTrue(vm.tokenEnvironmentProperty().get().contains("sandbox"), vm.tokenEnvironmentProperty().get());
        assertEquals("This token is a sandbox (development) token: the app was built Debug; certificate ID 31288 is"
                + " production; use 31287 or build Release.", vm.conclusionProperty().get());
        Row first = vm.rows().stream().filter(Row::first).findFirst().orElseThrow();
        assertEquals(Step.PROBE, first.step());
        assertEquals(Level.FAIL, first.level());
        assertEquals(2, rows(Step.PROBE, Level.INFO).size(), "each environment's answer is evidence, not a verdict");
        assertTrue(rows(Step.BUILD, Level.WARN).getFirst().finding().text().startsWith("You said Release"));
        assertTrue(vm.copyText().contains("[FAIL] probe: which environment the token belongs to: This token is a"
                + " sandbox (development) token"));
    }

    @Test
    void the_matching_pair_passes_and_the_probe_names_production() {
        vm.usePhone(phone(DefaultWorkspace.RELEASE_PHONE));
        vm.probeProperty().set(true);
        vm.diagnose();

        assertEquals(Verdict.OK, vm.verdictProperty().get(), this::report);
        assertEquals("No problem found", vm.headlineProperty().get());
        assertTrue(vm.tokenEnvironmentProperty().get().contains("production"));
        assertTrue(vm.rows().stream().noneMatch(r -> r.level() == Level.FAIL || r.level() == Level.WARN));
        assertTrue(vm.countsProperty().get().startsWith("0 fail · 0 warn"), vm.countsProperty().get());
    }

    @Test
    void a_token_pasted_with_spaces_and_angle_brackets_is_cleaned_with_a_warning() {
        String hex = tokenOf(DefaultWorkspace.DEBUG_PHONE);
        vm.prefill("<" + hex.substring(0, 8) + " " + hex.substring(8, 40) + " " + hex.substring(40) + ">",
                DefaultWorkspace.DEVELOPMENT_ID, BuildConfiguration.DEBUG);
        vm.diagnose();
        Row warn = rows(Step.TOKEN_FORMAT, Level.WARN).getFirst();
        assertTrue(warn.finding().text().contains("angle brackets stripped"), warn.finding().text());
        assertTrue(warn.finding().text().contains("spaces stripped"), warn.finding().text());
    }

    @Test
    void ios13_description_string_and_odd_length_tokens_fail_the_format_step() {
        vm.prefill("{length = 32, bytes = 0x1a2b3c4d ... 9f8e7d6c}", DefaultWorkspace.DEVELOPMENT_ID, null);
        vm.diagnose();
        assertTrue(rows(Step.TOKEN_FORMAT, Level.FAIL).getFirst().finding().text().contains("iOS 13"));
        assertEquals(Verdict.FAIL, vm.verdictProperty().get());

        vm.tokenProperty().set(tokenOf(DefaultWorkspace.DEBUG_PHONE).substring(1));
        assertTrue(vm.staleProperty().get(), "the shown diagnosis no longer matches the form");
        vm.diagnose();
        assertFalse(vm.staleProperty().get());
        assertTrue(rows(Step.TOKEN_FORMAT, Level.FAIL).getFirst().finding().text().contains("odd number"));
    }

    @Test
    void an_empty_token_is_an_inline_message_not_a_diagnosis() {
        vm.tokenProperty().set("   ");
        vm.diagnose();
        assertTrue(vm.messageErrorProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Paste the device token"));
        assertNull(vm.diagnosisProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void a_wrong_p12_password_is_a_FAIL_finding_and_never_shown() {
        vm.tokenProperty().set(tokenOf(DefaultWorkspace.DEBUG_PHONE));
        vm.sendWithProperty().set(SendWith.CREDENTIAL_FILE);
        vm.credentialFileProperty().set(Path.of("certs-sample", "client-development.p12").toString());
        assertEquals(DoctorViewModel.FileKind.P12, vm.fileKindProperty().get());
        vm.environmentProperty().set(ApnsEnvironment.SANDBOX);
        vm.passwordProperty().set("not-the-password");
        vm.probeProperty().set(true);
        vm.diagnose();

        assertFalse(vm.messageErrorProperty().get(), vm.messageProperty().get());
        Row fail = rows(Step.CREDENTIAL, Level.FAIL).getFirst();
        assertTrue(fail.finding().text().startsWith("The password for client-development.p12 is wrong"),
                fail.finding().text());
        assertTrue(rows(Step.PROBE, Level.WARN).getFirst().finding().text().contains("no usable credential"));
        assertFalse(vm.copyText().contains("not-the-password"));

        vm.passwordProperty().set(SampleMaterial.P12_PASSWORD);
        vm.diagnose();
        assertEquals(Verdict.OK, vm.verdictProperty().get(), this::report);
        assertEquals(ApnsEnvironment.SANDBOX, vm.diagnosisProperty().get().tokenEnvironment());
    }

    @Test
    void a_missing_or_unreadable_credential_file_is_an_inline_message(@TempDir Path dir) {
        vm.tokenProperty().set(tokenOf(DefaultWorkspace.DEBUG_PHONE));
        vm.sendWithProperty().set(SendWith.CREDENTIAL_FILE);
        vm.diagnose();
        assertTrue(vm.messageProperty().get().startsWith("Choose the credential file"), vm.messageProperty().get());

        vm.credentialFileProperty().set(dir.resolve("push.p12").toString());
        vm.diagnose();
        assertTrue(vm.messageErrorProperty().get());
        assertTrue(vm.messageProperty().get().contains("does not exist"), vm.messageProperty().get());
        assertNull(vm.diagnosisProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void a_p8_file_named_by_Apple_fills_its_Key_ID(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("AuthKey_PFKEY00001.p8");
        Files.write(key, SampleMaterial.bytes("AuthKey_PFKEY00001.p8"));
        vm.tokenProperty().set(tokenOf(DefaultWorkspace.RELEASE_PHONE));
        vm.sendWithProperty().set(SendWith.CREDENTIAL_FILE);
        vm.credentialFileProperty().set(key.toString());
        assertEquals(DoctorViewModel.FileKind.P8, vm.fileKindProperty().get());
        assertEquals("PFKEY00001", vm.keyIdProperty().get());
        vm.teamIdProperty().set(SampleMaterial.TEAM_ID);
        vm.bundleIdProperty().set(SampleMaterial.BUNDLE_ID);
        vm.diagnose();
        assertEquals(Verdict.OK, vm.verdictProperty().get(), this::report);
    }

    @Test
    void a_simulated_iPhone_fills_token_build_and_the_certificate_ID_its_build_reports() {
        // The seed's FAQ: the Release build's macro points at the development certificate ID.
        engine.setAppSettings(engine.appSettings().withCertificateId(BuildConfiguration.RELEASE,
                DefaultWorkspace.DEVELOPMENT_ID));
        vm.usePhone(phone(DefaultWorkspace.RELEASE_PHONE));

        assertEquals(tokenOf(DefaultWorkspace.RELEASE_PHONE), vm.tokenProperty().get());
        assertEquals(BuildChoice.RELEASE, vm.buildProperty().get());
        assertEquals(SendWith.CERTIFICATE_ID, vm.sendWithProperty().get());
        assertEquals(DefaultWorkspace.DEVELOPMENT_ID, vm.certificateIdProperty().get());
        assertTrue(vm.filledFromProperty().get().contains("Release macro"), vm.filledFromProperty().get());

        vm.diagnose();
        Row fail = rows(Step.BUILD, Level.FAIL).getFirst();
        assertTrue(fail.finding().text().startsWith("A Release build gets a production token, but certificate ID"
                + " 31287 pushes to the sandbox"), fail.finding().text());
    }

    @Test
    void the_phone_list_follows_the_workspace() {
        assertEquals(2, vm.phones().size());
        engine.addDevice("iphone-se", "iPhone SE · Debug build", BuildConfiguration.DEBUG);
        assertEquals(3, vm.phones().size());
        engine.removeDevice("iphone-se");
        assertEquals(2, vm.phones().size());
    }

    @Test
    void a_prefilled_certificate_ID_the_console_does_not_know_is_listed_and_diagnosed() {
        vm.prefill(tokenOf(DefaultWorkspace.DEBUG_PHONE), 99999L, BuildConfiguration.DEBUG);
        assertTrue(vm.certificateIds().contains(99999L));
        assertEquals("99999 · not in the console", vm.describeCertificateId(99999L));
        vm.diagnose();
        assertTrue(rows(Step.CREDENTIAL, Level.FAIL).getFirst().finding().text().contains("31287 (development)"));
    }

    @Test
    void without_consent_nothing_is_sent() {
        AtomicInteger heard = new AtomicInteger();
        GatewayListener counter = new GatewayListener() {
            @Override
            public void onAccepted(GatewayNotification n) {
                heard.incrementAndGet();
            }

            @Override
            public void onRejected(GatewayNotification n, int status, String reason, Instant timestamp) {
                heard.incrementAndGet();
            }
        };
        var gateways = engine.embeddedGateways().orElseThrow();
        gateways.sandbox().addListener(counter);
        gateways.production().addListener(counter);

        vm.prefill(tokenOf(DefaultWorkspace.DEBUG_PHONE), DefaultWorkspace.PRODUCTION_ID, BuildConfiguration.DEBUG);
        vm.diagnose();
        assertEquals(Verdict.FAIL, vm.verdictProperty().get(), "the build step alone finds the mismatch");
        assertTrue(vm.diagnosisProperty().get().of(Step.PROBE).isEmpty());
        assertTrue(vm.tokenEnvironmentProperty().get().startsWith("Not probed"));
        assertEquals(0, heard.get(), "no push reached a gateway");
        assertEquals(0, engine.delivery().clientCount(), "no APNs connection was even opened");

        vm.probeProperty().set(true);
        vm.diagnose();
        assertEquals(2, heard.get(), "with consent: one silent push to each environment");
    }

    @Test
    void while_the_doctor_runs_the_panel_is_busy_and_a_second_diagnose_is_ignored() {
        List<Runnable> pending = new java.util.ArrayList<>();
        TaskRunner deferred = new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                pending.add(() -> TaskRunner.synchronous().run(work, onSuccess, onFailure));
            }
        };
        DoctorViewModel later = new DoctorViewModel(new AppContext(engine, ctx.events(), deferred, ctx.configDir()));
        later.prefill(tokenOf(DefaultWorkspace.DEBUG_PHONE), DefaultWorkspace.DEVELOPMENT_ID, BuildConfiguration.DEBUG);
        later.probeProperty().set(true);
        later.diagnose();
        assertTrue(later.busyProperty().get());
        assertTrue(later.busyTextProperty().get().contains("waiting for APNs"), later.busyTextProperty().get());
        later.diagnose();
        assertEquals(1, pending.size(), "one diagnosis at a time");

        later.buildProperty().set(BuildChoice.RELEASE); // edited while it runs
        pending.getFirst().run();
        assertFalse(later.busyProperty().get());
        assertEquals(Verdict.OK, later.verdictProperty().get());
        assertTrue(later.staleProperty().get(), "the answer is for the form as it was");
    }

    // ---- scoped .p8 keys (2025): the embedded gateways trust a generated key with a scope, as Apple knows it

    private static final String SCOPE_TEAM = "SCOPETEAM4";

    /** A new key the gateways trust with {@code scope}, chosen in the form as its file (Key ID from the name). */
    private void chooseScopedKey(Path dir, String keyId, KeyScope scope) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        engine.embeddedGateways().orElseThrow().trustSigningKey(SCOPE_TEAM, keyId, (ECPublicKey) pair.getPublic(),
                scope);
        Path f = dir.resolve("AuthKey_" + keyId + ".p8");
        Files.writeString(f, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        vm.sendWithProperty().set(SendWith.CREDENTIAL_FILE);
        vm.credentialFileProperty().set(f.toString());
        assertEquals(keyId, vm.keyIdProperty().get());
        vm.teamIdProperty().set(SCOPE_TEAM);
        vm.bundleIdProperty().set(SampleMaterial.BUNDLE_ID);
    }

    @Test
    void a_sandbox_only_key_pushing_to_production_fails_the_scope_step_and_the_probe_meets_the_403(@TempDir Path dir)
            throws Exception {
        chooseScopedKey(dir, "SCOPESBX04", KeyScope.team(EnumSet.of(ApnsEnvironment.SANDBOX)));
        vm.keyScope().environmentProperty().set(Environments.SANDBOX);
        vm.tokenProperty().set(tokenOf(DefaultWorkspace.RELEASE_PHONE));
        vm.environmentProperty().set(ApnsEnvironment.PRODUCTION);
        vm.probeProperty().set(true);
        vm.diagnose();

        assertEquals(Verdict.FAIL, vm.verdictProperty().get(), this::report);
        Row scope = rows(Step.KEY_SCOPE, Level.FAIL).getFirst();
        assertTrue(scope.finding().text().startsWith("The .p8 key SCOPESBX04 is declared a Sandbox key, but the"),
                scope.finding().text());
        assertTrue(scope.finding().text().endsWith("APNs answers 403 BadEnvironmentKeyIdInToken to every push."),
                scope.finding().text());
        assertTrue(scope.finding().fix().contains("\"Sandbox & Production\" key"), scope.finding().fix());
        assertTrue(vm.rows().stream().anyMatch(r -> r.step() == Step.PROBE
                && r.finding().text().contains("403 BadEnvironmentKeyIdInToken")), this::report);
        assertTrue(vm.copyText().contains("[FAIL] " + Step.KEY_SCOPE.title()), vm.copyText());

        // declared as a Sandbox & Production key, the probe's 403 shows the declaration is wrong
        vm.keyScope().environmentProperty().set(Environments.BOTH);
        assertTrue(vm.staleProperty().get(), "a new declaration makes the shown diagnosis stale");
        vm.diagnose();
        assertEquals(Verdict.FAIL, vm.verdictProperty().get(), this::report);
        assertTrue(rows(Step.KEY_SCOPE, Level.FAIL).stream().anyMatch(r -> r.finding().text()
                .contains("the declared scope is wrong")), this::report);
    }

    @Test
    void a_topic_specific_key_for_another_app_fails_the_scope_step_without_sending(@TempDir Path dir)
            throws Exception {
        chooseScopedKey(dir, "SCOPETOP04", KeyScope.topics(EnumSet.allOf(ApnsEnvironment.class),
                java.util.List.of("com.example.other")));
        vm.keyScope().topicsProperty().set(Topics.SPECIFIC);
        vm.keyScope().bundleIdsProperty().set("com.example.other");
        vm.tokenProperty().set(tokenOf(DefaultWorkspace.DEBUG_PHONE));
        vm.environmentProperty().set(ApnsEnvironment.SANDBOX);
        vm.diagnose();

        Row scope = rows(Step.KEY_SCOPE, Level.FAIL).getFirst();
        assertTrue(scope.finding().text().contains("is declared topic-specific for com.example.other, not"
                + " com.example.chat"), scope.finding().text());
        assertTrue(scope.finding().text().contains("403 UnrelatedKeyIdInToken"), scope.finding().text());
    }

    @Test
    void a_bad_bundle_ID_in_the_key_topics_is_an_inline_message_not_a_diagnosis(@TempDir Path dir) throws Exception {
        chooseScopedKey(dir, "SCOPETOP05", KeyScope.TEAM_ALL_ENVIRONMENTS);
        vm.tokenProperty().set(tokenOf(DefaultWorkspace.DEBUG_PHONE));
        vm.keyScope().topicsProperty().set(Topics.SPECIFIC);
        vm.keyScope().bundleIdsProperty().set("com.example.*");
        vm.diagnose();
        assertTrue(vm.messageErrorProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Key topics: 'com.example.*' is not a bundle ID"),
                vm.messageProperty().get());
        assertNull(vm.diagnosisProperty().get());

        vm.keyScope().topicsProperty().set(Topics.TEAM);
        vm.diagnose();
        assertEquals(Verdict.OK, vm.verdictProperty().get(), this::report);
        assertTrue(rows(Step.KEY_SCOPE, Level.OK).getFirst().finding().text().contains("is declared Sandbox &"
                + " Production, team-scoped"), this::report);
    }
}
