package dev.pushflow.ui.rawpush;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import dev.pushflow.ui.rawpush.RawPushViewModel.Connection;
import dev.pushflow.ui.rawpush.RawPushViewModel.Gateway;
import dev.pushflow.ui.rawpush.RawPushViewModel.Source;
import dev.pushflow.ui.keyscope.KeyScopeViewModel.Environments;
import dev.pushflow.ui.keyscope.KeyScopeViewModel.Topics;
import dev.pushflow.ui.rawpush.ResultRow.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Raw push panel's state against the real embedded gateways (sandbox and production), sends synchronous. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawPushViewModelTest {
    private static PushFlowEngine engine;
    private static String sandboxToken;
    private static String productionToken;

    @TempDir
    Path config;
    @TempDir
    Path files;
    private RawPushViewModel vm;

    @BeforeAll
    static void gateways() {
        engine = Engines.startDefault();
        sandboxToken = engine.device(DefaultWorkspace.DEBUG_PHONE).token();
        productionToken = engine.device(DefaultWorkspace.RELEASE_PHONE).token();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void panel() {
        vm = newPanel();
    }

    private RawPushViewModel newPanel() {
        UiEventQueue events = new UiEventQueue(Runnable::run);
        return new RawPushViewModel(new AppContext(engine, events, TaskRunner.synchronous(), config));
    }

    private Path sample(String name) throws Exception {
        Path f = files.resolve(name);
        Files.write(f, SampleMaterial.bytes(name));
        return f;
    }

    @Test
    void starts_on_the_console_development_ID_with_its_gateway_bundle_and_token_key() {
        assertEquals(Source.CONSOLE, vm.sourceProperty().get());
        assertEquals(DefaultWorkspace.DEVELOPMENT_ID, vm.certificateIdProperty().get());
        assertEquals(Gateway.EMBEDDED_SANDBOX, vm.gatewayProperty().get());
        assertEquals("com.example.chat", vm.bundleIdProperty().get());
        assertTrue(vm.credentialSummaryProperty().get().contains("Key ID PFKEY00001"),
                vm.credentialSummaryProperty().get());
        // The panel shares the engine's Pushy clients: connected when an earlier test already sent this way.
        assertEquals(engine.delivery().connections().isEmpty() ? Connection.IDLE : Connection.CONNECTED,
                vm.connectionProperty().get(), vm.connectionTextProperty().get());

        vm.certificateIdProperty().set(DefaultWorkspace.PRODUCTION_ID);
        assertEquals(Gateway.EMBEDDED_PRODUCTION, vm.gatewayProperty().get());
    }

    @Test
    void a_send_to_several_tokens_gives_one_row_each_and_earlier_sends_stay_below() {
        vm.tokensProperty().set(sandboxToken + "\n" + productionToken);
        assertTrue(vm.sendableProperty().get(), vm.problems().toString());
        vm.send();

        assertEquals(2, vm.results().size());
        ResultRow accepted = vm.results().get(0);
        ResultRow rejected = vm.results().get(1);
        assertEquals(Outcome.ACCEPTED, accepted.outcome());
        assertEquals("200", accepted.status());
        assertFalse(accepted.apnsId().isEmpty());
        assertFalse(accepted.apnsUniqueId().isEmpty(), "the sandbox answers with apns-unique-id");
        assertEquals(Outcome.REJECTED, rejected.outcome());
        assertEquals("400", rejected.status());
        assertEquals("BadDeviceToken", rejected.reason());
        assertTrue(rejected.explanation().contains("other environment"), rejected.explanation());
        assertTrue(rejected.fix().contains("production"), rejected.fix());
        assertEquals(rejected, vm.selectedResultProperty().get(), "the rejection is shown first");
        assertTrue(vm.messageProperty().get().contains("1 accepted, 1 rejected (BadDeviceToken)"),
                vm.messageProperty().get());
        assertEquals(Connection.CONNECTED, vm.connectionProperty().get(), vm.connectionTextProperty().get());

        vm.tokensProperty().set(productionToken);
        vm.certificateIdProperty().set(DefaultWorkspace.PRODUCTION_ID);
        vm.send();
        assertEquals(3, vm.results().size());
        assertEquals(2, vm.results().get(0).send());
        assertEquals(Outcome.ACCEPTED, vm.results().get(0).outcome(), "the production token on production");
        assertEquals("", vm.results().get(0).apnsUniqueId(), "no apns-unique-id from production");
        assertEquals(1, vm.results().get(1).send());
    }

    @Test
    void a_malformed_token_blocks_the_send_and_the_line_says_why() {
        vm.tokensProperty().set(sandboxToken + "\n  <" + productionToken.toUpperCase() + ">\nxyz-not-a-token");
        assertFalse(vm.sendableProperty().get());
        assertTrue(vm.problems().stream().anyMatch(p -> p.startsWith("Device token 3:")), vm.problems().toString());
        assertTrue(vm.tokenLines().get(1).contains("angle brackets stripped"), vm.tokenLines().toString());
        assertTrue(vm.tokenLines().get(1).contains("lower-cased"), vm.tokenLines().toString());
        assertTrue(vm.tokenLines().get(2).contains("✗"), vm.tokenLines().toString());

        vm.send();
        assertTrue(vm.results().isEmpty(), "nothing is sent while a token is malformed");
        assertTrue(vm.messageProperty().get().startsWith("Not sent: Device token 3"), vm.messageProperty().get());
        assertFalse(Files.exists(RawPushForm.file(config)), "a push that failed the check is not remembered");
    }

    @Test
    void a_p12_with_no_password_typed_yet_asks_for_it_instead_of_calling_it_wrong() throws Exception {
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(sample("client-development.p12").toString());
        assertNull(vm.credentialProperty().get());
        assertEquals("Type the password of client-development.p12 to read it (it is kept in memory only, never saved).",
                vm.credentialErrorProperty().get());
    }

    @Test
    void a_wrong_p12_password_is_an_inline_message_and_the_right_one_loads_the_certificate() throws Exception {
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(sample("client-development.p12").toString());
        vm.passwordProperty().set("not-the-password");

        assertNull(vm.credentialProperty().get());
        assertTrue(vm.credentialErrorProperty().get().contains("password for client-development.p12 is wrong"),
                vm.credentialErrorProperty().get());
        vm.tokensProperty().set(sandboxToken);
        assertFalse(vm.sendableProperty().get());
        assertTrue(vm.problems().getFirst().startsWith("Credential: The password"), vm.problems().toString());

        vm.passwordProperty().set(SampleMaterial.P12_PASSWORD);
        assertNotNull(vm.credentialProperty().get());
        assertEquals("", vm.credentialErrorProperty().get());
        String summary = vm.credentialSummaryProperty().get();
        assertTrue(summary.contains("development (sandbox)"), summary);
        assertTrue(summary.contains("com.example.chat.voip"), summary);
        vm.send();
        assertEquals(Outcome.ACCEPTED, vm.results().getFirst().outcome(), vm.results().getFirst().explanation());
    }

    @Test
    void the_credential_of_the_next_send_says_where_it_comes_from() throws Exception {
        assertEquals(CredentialSource.Kind.SAMPLE_P8, vm.credentialSource().kind(), String.valueOf(vm.credentialSource()));
        vm.sourceProperty().set(Source.FILE);
        Path p12 = sample("client-development.p12");
        vm.credentialFileProperty().set(p12.toString());
        assertNull(vm.credentialSource());
        vm.passwordProperty().set(SampleMaterial.P12_PASSWORD);
        assertEquals(CredentialSource.p12(p12.toAbsolutePath().normalize(), null).withLabel(null),
                vm.credentialSource().withLabel(null));
        assertFalse(vm.credentialSource().toString().contains(SampleMaterial.P12_PASSWORD));
    }

    @Test
    void a_p8_without_team_ID_says_so_and_the_key_ID_comes_from_the_file_name() throws Exception {
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(sample("AuthKey_PFKEY00001.p8").toString());
        assertTrue(vm.fileIsP8Property().get());
        assertEquals("PFKEY00001", vm.keyIdProperty().get());
        assertTrue(vm.credentialErrorProperty().get().contains("Team ID is missing"),
                vm.credentialErrorProperty().get());
        vm.teamIdProperty().set("PFTEAM0001");
        assertTrue(vm.credentialSummaryProperty().get().contains("token key"), vm.credentialSummaryProperty().get());
    }

    @Test
    void a_development_certificate_to_production_is_warned_and_needs_a_second_send() throws Exception {
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(sample("client-development.p12").toString());
        vm.passwordProperty().set(SampleMaterial.P12_PASSWORD);
        vm.gatewayProperty().set(Gateway.EMBEDDED_PRODUCTION);
        vm.tokensProperty().set(productionToken);
        assertTrue(vm.warnings().stream().anyMatch(w -> w.contains("BadCertificateEnvironment")),
                vm.warnings().toString());

        vm.send();
        assertTrue(vm.results().isEmpty());
        assertTrue(vm.messageProperty().get().contains("Press Send again"), vm.messageProperty().get());
        vm.send();
        assertEquals(1, vm.results().size());
        ResultRow row = vm.results().getFirst();
        assertTrue(row.problem(), row.toString());
    }

    @Test
    void a_payload_over_4_KB_is_blocked_but_fits_a_voip_push() {
        vm.tokensProperty().set(sandboxToken);
        vm.payloadProperty().set("{\"aps\":{\"alert\":\"" + "x".repeat(4200) + "\"}}");
        assertFalse(vm.sendableProperty().get());
        assertEquals(4096, vm.payloadLimitProperty().get());
        assertTrue(vm.payloadBytesProperty().get() > 4096);
        assertTrue(vm.payloadProblemProperty().get().contains("413 PayloadTooLarge"), vm.payloadProblemProperty().get());
        vm.send();
        assertTrue(vm.results().isEmpty());

        vm.pushTypeProperty().set(PushType.VOIP);
        assertEquals(5120, vm.payloadLimitProperty().get());
        assertEquals("", vm.payloadProblemProperty().get());
        assertEquals("com.example.chat.voip", vm.effectiveTopicProperty().get());
    }

    @Test
    void broken_JSON_is_named_with_its_position() {
        vm.payloadProperty().set("{\"aps\":{\"alert\":\"Hi\"}");
        assertTrue(vm.payloadProblemProperty().get().contains("not valid JSON at line 1, column"),
                vm.payloadProblemProperty().get());
        assertTrue(vm.problems().stream().anyMatch(p -> p.contains("not valid JSON")));
        assertFalse(vm.sendableProperty().get());
    }

    @Test
    void the_topic_is_derived_from_the_bundle_and_push_type_unless_given() {
        vm.pushTypeProperty().set(PushType.LIVEACTIVITY);
        assertEquals("com.example.chat.push-type.liveactivity", vm.effectiveTopicProperty().get());
        vm.topicProperty().set("com.example.other");
        assertEquals("com.example.other", vm.effectiveTopicProperty().get());
        assertTrue(vm.warnings().stream().anyMatch(w -> w.contains("BadTopic")), vm.warnings().toString());
    }

    @Test
    void headers_the_form_cannot_read_block_the_send() {
        vm.tokensProperty().set(sandboxToken);
        vm.expirationProperty().set("tomorrow");
        vm.apnsIdProperty().set("not-a-uuid");
        assertFalse(vm.sendableProperty().get());
        assertTrue(vm.problems().stream().anyMatch(p -> p.startsWith("apns-expiration \"tomorrow\"")));
        assertTrue(vm.problems().stream().anyMatch(p -> p.startsWith("apns-id \"not-a-uuid\"")));
        vm.expirationProperty().set("0");
        vm.apnsIdProperty().set("123e4567-e89b-12d3-a456-426614174000");
        vm.priorityProperty().set(RawPushViewModel.ApnsPriority.POWER_AWARE);
        vm.collapseIdProperty().set("chat-42");
        assertTrue(vm.sendableProperty().get(), vm.problems().toString());
        vm.send();
        assertEquals("123e4567-e89b-12d3-a456-426614174000", vm.results().getFirst().apnsId());
    }

    @Test
    void widgets_pushes_are_sent_to_the_widgets_topic() {
        vm.tokensProperty().set(sandboxToken);
        vm.pushTypeProperty().set(PushType.WIDGETS);
        vm.payloadProperty().set("{\"aps\":{\"content-changed\":true}}");
        assertTrue(vm.warnings().stream().noneMatch(w -> w.contains("cannot send")), vm.warnings().toString());
        assertEquals("com.example.chat.push-type.widgets", vm.effectiveTopicProperty().get());
        vm.send();
        ResultRow row = vm.results().getFirst();
        assertEquals(Outcome.ACCEPTED, row.outcome(), row.reason());
    }

    @Test
    void the_curl_export_masks_the_JWT_unless_secrets_are_shown() {
        vm.tokensProperty().set(sandboxToken + "\n" + productionToken);
        assertTrue(vm.copyCurl(), vm.exportMessageProperty().get());
        String curl = vm.curlTextProperty().get();
        assertEquals(2, curl.split("curl -v --http2").length - 1, curl);
        assertTrue(curl.contains("authorization: bearer "), curl);
        assertTrue(curl.contains("***masked***"), curl);
        assertTrue(curl.contains("--cacert "), curl);
        assertTrue(curl.contains("/3/device/" + sandboxToken), curl);
        assertTrue(vm.exportMessageProperty().get().contains("masked"));

        vm.revealSecretsProperty().set(true);
        String revealed = vm.curlTextProperty().get();
        assertFalse(revealed.contains("masked"), revealed);
        assertTrue(revealed.matches("(?s).*bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+.*"), revealed);
    }

    @Test
    void the_curl_export_of_a_p12_names_the_file_and_never_the_password() throws Exception {
        Path p12 = sample("client-universal.p12");
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(p12.toString());
        vm.passwordProperty().set(SampleMaterial.P12_PASSWORD);
        vm.tokensProperty().set(sandboxToken);
        vm.revealSecretsProperty().set(true);
        assertTrue(vm.copyCurl(), vm.exportMessageProperty().get());
        String curl = vm.curlTextProperty().get();
        assertTrue(curl.contains(p12.toAbsolutePath().toString()), curl);
        assertTrue(curl.contains("${PUSHFLOW_P12_PASSWORD}"), curl);
        assertFalse(curl.contains(SampleMaterial.P12_PASSWORD), curl);
    }

    @Test
    void the_apns_file_carries_the_simulator_target_bundle() throws Exception {
        Path out = files.resolve(vm.suggestedApnsFileName());
        assertEquals("com.example.chat.apns", out.getFileName().toString());
        assertTrue(vm.saveApnsFile(out), vm.exportMessageProperty().get());
        String text = Files.readString(out);
        assertTrue(text.contains("\"Simulator Target Bundle\" : \"com.example.chat\""), text);
        assertTrue(text.contains("\"aps\""), text);
    }

    @Test
    void the_form_is_remembered_after_a_checked_send_without_the_password() throws Exception {
        Path p12 = sample("client-universal.p12");
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(p12.toString());
        vm.passwordProperty().set(SampleMaterial.P12_PASSWORD);
        vm.tokensProperty().set(sandboxToken);
        vm.collapseIdProperty().set("chat-42");
        vm.send();
        assertEquals(Outcome.ACCEPTED, vm.results().getFirst().outcome());

        Path saved = RawPushForm.file(config);
        String text = Files.readString(saved, StandardCharsets.UTF_8);
        assertFalse(text.contains(SampleMaterial.P12_PASSWORD), text);
        assertFalse(text.toLowerCase().contains("password"), text);
        assertFalse(text.contains("PRIVATE KEY"), text);
        assertTrue(text.contains("client-universal.p12"), text);
        assertTrue(text.contains(sandboxToken), text);

        RawPushViewModel again = newPanel();
        assertEquals(Source.FILE, again.sourceProperty().get());
        assertEquals(p12.toString(), again.credentialFileProperty().get());
        assertEquals(sandboxToken, again.tokensProperty().get());
        assertEquals("chat-42", again.collapseIdProperty().get());
        assertEquals("", again.passwordProperty().get());
        assertTrue(again.credentialErrorProperty().get().startsWith("Type the password of client-universal.p12"),
                again.credentialErrorProperty().get());
        assertTrue(again.results().isEmpty());
    }

    @Test
    void the_apple_gateways_are_offered_on_443_and_2197() {
        vm.gatewayProperty().set(Gateway.APPLE_SANDBOX);
        vm.applePortProperty().set(2197);
        assertEquals("api.sandbox.push.apple.com:2197", vm.currentPush().target().describe());
    }

    // ---- scoped .p8 keys (2025): the embedded gateways trust a generated key with a scope, as Apple knows it

    private static final String SCOPE_TEAM = "SCOPETEAM3";

    /** A new key the gateways trust with {@code scope}, written as Apple names the download. */
    private Path scopedKey(String keyId, KeyScope scope) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        engine.embeddedGateways().orElseThrow().trustSigningKey(SCOPE_TEAM, keyId, (ECPublicKey) pair.getPublic(),
                scope);
        Path f = files.resolve("AuthKey_" + keyId + ".p8");
        Files.writeString(f, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        return f;
    }

    private void useKeyFile(Path key) {
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(key.toString());
        vm.teamIdProperty().set(SCOPE_TEAM);
        assertTrue(vm.credentialErrorProperty().get().isEmpty(), vm.credentialErrorProperty().get());
    }

    private List<String> scopeWarnings(String reason) {
        return vm.warnings().stream().filter(w -> w.contains(reason)).toList();
    }

    @Test
    void a_sandbox_only_key_to_production_is_warned_and_if_sent_gets_403_BadEnvironmentKeyIdInToken_explained()
            throws Exception {
        useKeyFile(scopedKey("SCOPESBX03", KeyScope.team(EnumSet.of(ApnsEnvironment.SANDBOX))));
        assertEquals("SCOPESBX03", vm.keyIdProperty().get(), "from the file name");
        vm.keyScope().environmentProperty().set(Environments.SANDBOX);
        assertTrue(vm.credentialSummaryProperty().get().startsWith("token key (EC P-256), Sandbox only (declared)"),
                vm.credentialSummaryProperty().get());
        assertTrue(vm.credentialSummaryProperty().get().contains("team-scoped (all apps)"),
                vm.credentialSummaryProperty().get());
        vm.gatewayProperty().set(Gateway.EMBEDDED_PRODUCTION);
        vm.tokensProperty().set(productionToken);

        assertEquals(List.of("The .p8 key SCOPESBX03 is declared a Sandbox key, but this push goes to production: APNs"
                + " answers 403 BadEnvironmentKeyIdInToken. Use a key made for Production, or a \"Sandbox &"
                + " Production\" key (Certificates, Identifiers & Profiles > Keys)."),
                scopeWarnings("BadEnvironmentKeyIdInToken"));
        assertTrue(vm.sendableProperty().get(), "a warning: the declaration may be wrong");
        vm.send();
        assertTrue(vm.results().isEmpty(), "the first Send only arms");
        assertTrue(vm.messageProperty().get().endsWith("Press Send again to send anyway."), vm.messageProperty().get());
        vm.send();

        ResultRow row = vm.results().getFirst();
        assertEquals(Outcome.REJECTED, row.outcome());
        assertEquals("403", row.status());
        assertEquals("BadEnvironmentKeyIdInToken", row.reason());
        assertEquals("The production gateway refused the provider token (JWT) of the .p8 key SCOPESBX03: the key was"
                + " made for Sandbox only (a key scoped to one environment, since 2025). It was declared Sandbox, as"
                + " APNs says. The answer says nothing about the device token.", row.explanation());
        assertTrue(row.fix().startsWith("Push to production with a key made for Production, or create a \"Sandbox &"
                + " Production\" key"), row.fix());
        assertTrue(row.fix().contains("Certificates, Identifiers & Profiles > Keys"), row.fix());

        // the same key on its own environment: no warning, accepted
        vm.gatewayProperty().set(Gateway.EMBEDDED_SANDBOX);
        vm.tokensProperty().set(sandboxToken);
        assertTrue(scopeWarnings("BadEnvironmentKeyIdInToken").isEmpty(), vm.warnings().toString());
        vm.send();
        assertEquals(Outcome.ACCEPTED, vm.results().getFirst().outcome(), vm.results().getFirst().toString());
    }

    @Test
    void a_topic_specific_key_without_the_bundle_ID_is_warned_and_a_wrong_declaration_is_called_wrong()
            throws Exception {
        useKeyFile(scopedKey("SCOPETOP03", KeyScope.topics(EnumSet.allOf(ApnsEnvironment.class),
                List.of("com.example.other"))));
        vm.keyScope().topicsProperty().set(Topics.SPECIFIC);
        vm.keyScope().bundleIdsProperty().set("com.example.other");
        vm.tokensProperty().set(sandboxToken);
        assertTrue(vm.credentialSummaryProperty().get().contains("topic-specific: com.example.other"),
                vm.credentialSummaryProperty().get());
        assertEquals(1, scopeWarnings("UnrelatedKeyIdInToken").size(), vm.warnings().toString());
        vm.send();
        vm.send();
        ResultRow row = vm.results().getFirst();
        assertEquals("UnrelatedKeyIdInToken", row.reason(), row.toString());
        assertTrue(row.explanation().contains("It was declared Sandbox & Production, topic-specific"
                + " (com.example.other), as APNs says."), row.explanation());
        assertTrue(row.fix().startsWith("Add com.example.chat to the key's topics, or use a team-scoped key"),
                row.fix());

        // declared as if it listed the app: no warning, and APNs' answer shows the declaration is wrong
        vm.keyScope().bundleIdsProperty().set("com.example.other, com.example.chat");
        assertTrue(scopeWarnings("UnrelatedKeyIdInToken").isEmpty(), vm.warnings().toString());
        vm.send();
        row = vm.results().getFirst();
        assertEquals("UnrelatedKeyIdInToken", row.reason(), row.toString());
        assertTrue(row.explanation().contains("so the declaration is wrong"), row.explanation());
    }

    @Test
    void a_bad_bundle_ID_in_the_key_topics_blocks_the_send_with_an_inline_message() throws Exception {
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(sample("AuthKey_PFKEY00001.p8").toString());
        vm.teamIdProperty().set(SampleMaterial.TEAM_ID);
        vm.tokensProperty().set(sandboxToken);
        assertTrue(vm.sendableProperty().get(), vm.problems().toString());

        vm.keyScope().topicsProperty().set(Topics.SPECIFIC);
        vm.keyScope().bundleIdsProperty().set("com.example.chat, com.example chat");
        assertFalse(vm.sendableProperty().get());
        assertTrue(vm.keyScope().errorProperty().get().startsWith("Key topics: 'com.example chat' is not a bundle ID:"
                + " it contains a space"), vm.keyScope().errorProperty().get());
        assertTrue(vm.problems().contains(vm.keyScope().errorProperty().get()), vm.problems().toString());
        vm.send();
        assertTrue(vm.messageProperty().get().startsWith("Not sent: Key topics:"), vm.messageProperty().get());
        assertTrue(vm.results().isEmpty());

        vm.keyScope().bundleIdsProperty().set("com.example.chat");
        assertTrue(vm.sendableProperty().get(), vm.problems().toString());
    }

    @Test
    void the_sample_key_declared_for_production_is_accepted_by_the_embedded_sandbox_with_a_note_saying_why()
            throws Exception {
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(sample("AuthKey_PFKEY00001.p8").toString());
        vm.teamIdProperty().set(SampleMaterial.TEAM_ID);
        vm.keyScope().environmentProperty().set(Environments.PRODUCTION);
        vm.tokensProperty().set(sandboxToken);
        assertEquals(1, scopeWarnings("BadEnvironmentKeyIdInToken").size(), vm.warnings().toString());
        assertTrue(vm.warnings().stream().anyMatch(w -> w.startsWith("The embedded gateways know the sample key"
                + " PFKEY00001 as Sandbox & Production")), vm.warnings().toString());
        vm.send();
        vm.send();
        assertEquals(Outcome.ACCEPTED, vm.results().getFirst().outcome());
    }

    @Test
    void the_declared_scope_is_remembered_with_the_form() throws Exception {
        vm.sourceProperty().set(Source.FILE);
        vm.credentialFileProperty().set(sample("AuthKey_PFKEY00001.p8").toString());
        vm.teamIdProperty().set(SampleMaterial.TEAM_ID);
        vm.keyScope().environmentProperty().set(Environments.SANDBOX);
        vm.keyScope().topicsProperty().set(Topics.SPECIFIC);
        vm.keyScope().bundleIdsProperty().set("com.example.chat, com.example.chat.watchkitapp");
        vm.tokensProperty().set(sandboxToken);
        vm.send();
        assertEquals(Outcome.ACCEPTED, vm.results().getFirst().outcome());
        String text = Files.readString(RawPushForm.file(config), StandardCharsets.UTF_8);
        assertFalse(text.contains("PRIVATE KEY"), text);

        RawPushViewModel again = newPanel();
        assertEquals(Environments.SANDBOX, again.keyScope().environmentProperty().get());
        assertEquals(Topics.SPECIFIC, again.keyScope().topicsProperty().get());
        assertEquals(KeyScope.parse("sandbox", "com.example.chat,com.example.chat.watchkitapp"),
                again.keyScope().scopeProperty().get());
        assertEquals(KeyScope.parse("sandbox", "com.example.chat,com.example.chat.watchkitapp"),
                ((dev.pushflow.credentials.P8Credential) again.credentialProperty().get()).scope(),
                "the restored declaration is in the credential");
    }
}
