package dev.pushflow.rawsend;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.gateway.EmbeddedGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw sends through the real-gateway code path, with the embedded gateways standing in for Apple's hosts. */
class RawSendTest {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String BUNDLE = SampleMaterial.BUNDLE_ID;
    static final String ALERT = "{\"aps\":{\"alert\":\"Hello\"}}";
    static EmbeddedGateways gateways;
    static DeliveryService delivery;
    static RawSender sender;
    /** One instance: credentials hold byte arrays, so clients (and connection states) are keyed by identity. */
    static final dev.pushflow.credentials.P8Credential KEY = SampleMaterial.tokenKey();

    @BeforeAll
    static void start() {
        gateways = EmbeddedGateways.startDefault();
        delivery = new DeliveryService(RawSender.directory(gateways), 100);
        sender = new RawSender(delivery, RawSender.directory(gateways));
    }

    @AfterAll
    static void stop() {
        delivery.close();
        gateways.close();
    }

    static RawPush.Builder alert(ApnsEnvironment env) {
        return RawPush.builder().credential(KEY).target(RawTarget.embedded(env))
                .bundleId(BUNDLE).payload(ALERT);
    }

    @Test
    void p8RawSendToSeveralTokensGivesEachTokenItsOwnAnswer() {
        String valid = gateways.sandbox().issueToken(BUNDLE);
        String unknown = "ab".repeat(32);
        List<RawResult> results = sender.send(alert(ApnsEnvironment.SANDBOX).token(valid).token(unknown).build(),
                TIMEOUT);
        assertEquals(2, results.size());
        RawResult ok = results.get(0);
        assertEquals(200, ok.status(), ok::summary);
        assertNotNull(ok.apnsId());
        assertNotNull(ok.apnsUniqueId(), "the sandbox sends apns-unique-id, as Apple's development gateway does");
        assertEquals(ConnectionState.State.CONNECTED, ok.connection().state());
        RawResult bad = results.get(1);
        assertEquals(400, bad.status());
        assertEquals("BadDeviceToken", bad.reason());
        assertEquals(ConnectionState.State.CONNECTED,
                sender.connectionState(KEY, RawTarget.embedded(ApnsEnvironment.SANDBOX)).state());
    }

    @Test
    void p12UniversalCertificateRawSendIsAcceptedInProduction() {
        String token = gateways.production().issueToken(BUNDLE);
        UUID id = UUID.randomUUID();
        RawResult r = sender.send(alert(ApnsEnvironment.PRODUCTION).credential(SampleMaterial.universalCertificate())
                .token(token).apnsId(id).priority(5).collapseId("chat-42").build(), TIMEOUT).get(0);
        assertEquals(200, r.status(), r::summary);
        assertEquals(id.toString(), r.apnsId(), "the apns-id we set comes back");
        assertNull(r.apnsUniqueId(), "production sends no apns-unique-id");
    }

    @Test
    void developmentCertificateToProductionIsBadCertificateEnvironment() {
        String token = gateways.production().issueToken(BUNDLE);
        RawResult r = sender.send(alert(ApnsEnvironment.PRODUCTION).credential(SampleMaterial.developmentCertificate())
                .token(token).build(), TIMEOUT).get(0);
        assertEquals(403, r.status());
        assertEquals("BadCertificateEnvironment", r.reason());
    }

    @Test
    void unregisteredTokenAnswers410WithTimestamp() {
        String token = gateways.sandbox().issueToken(BUNDLE);
        java.time.Instant when = java.time.Instant.parse("2025-01-02T03:04:05Z");
        gateways.sandbox().unregisterToken(token, when);
        RawResult r = sender.send(alert(ApnsEnvironment.SANDBOX).token(token).build(), TIMEOUT).get(0);
        assertEquals(410, r.status());
        assertEquals("Unregistered", r.reason());
        assertEquals(when, r.timestamp());
    }

    @Test
    void pastedTokenWithSpacesAndAngleBracketsIsCleanedWithANote() {
        String token = gateways.sandbox().issueToken(BUNDLE);
        String pasted = "<" + token.substring(0, 8) + " " + token.substring(8).toUpperCase() + ">";
        RawResult r = sender.send(alert(ApnsEnvironment.SANDBOX).token(pasted).build(), TIMEOUT).get(0);
        assertEquals(200, r.status(), r::summary);
        assertEquals(token, r.token());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("angle brackets")), r.notes()::toString);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("spaces")), r.notes()::toString);
    }

    @Test
    void liveActivityTopicIsDerivedFromTheBundleAndThePushType() {
        String token = gateways.sandbox().issueToken(BUNDLE);
        RawPush push = alert(ApnsEnvironment.SANDBOX).pushType(PushType.LIVEACTIVITY).token(token)
                .payload("{\"aps\":{\"timestamp\":1,\"event\":\"update\",\"content-state\":{}}}").build();
        assertEquals(BUNDLE + ".push-type.liveactivity", push.effectiveTopic());
        RawResult r = sender.send(push, TIMEOUT).get(0);
        assertEquals(200, r.status(), r::summary);
    }

    @Test
    void widgetsAndControlsPushesNewerThanPushyGoOutWithTheirHeaderAndTopic() {
        java.util.List<dev.pushflow.gateway.GatewayNotification> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.pushflow.gateway.GatewayListener listener = seen::add;
        gateways.sandbox().addListener(listener);
        try {
            for (PushType type : new PushType[]{PushType.WIDGETS, PushType.CONTROLS}) {
                String token = gateways.sandbox().issueToken(BUNDLE);
                RawResult r = sender.send(alert(ApnsEnvironment.SANDBOX).pushType(type).token(token)
                        .payload("{\"aps\":{\"content-changed\":true}}").build(), TIMEOUT).get(0);
                assertEquals(200, r.status(), r::summary);
                dev.pushflow.gateway.GatewayNotification n = seen.stream()
                        .filter(x -> x.token().equals(token)).findFirst().orElseThrow();
                assertEquals(type.headerValue(), n.pushType());
                assertEquals(BUNDLE + ".push-type." + type.headerValue(), n.topic());
            }
            // An ordinary push on the same connection carries no stray header.
            String token = gateways.sandbox().issueToken(BUNDLE);
            assertEquals(200, sender.send(alert(ApnsEnvironment.SANDBOX).token(token).build(), TIMEOUT).get(0).status());
            assertEquals("alert", seen.stream().filter(x -> x.token().equals(token)).findFirst().orElseThrow().pushType());
        } finally {
            gateways.sandbox().removeListener(listener);
        }
    }

    @Test
    void brokenPayloadHeadersAndTokensAreRefusedBeforeAnythingIsSent() {
        InvalidRawPushException e = assertThrows(InvalidRawPushException.class, () -> sender.sendAsync(
                alert(ApnsEnvironment.SANDBOX).token("abc").payload("{\"aps\":").priority(7)
                        .collapseId("x".repeat(65)).build()));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("odd number of hex digits"), all);
        assertTrue(all.contains("not valid JSON"), all);
        assertTrue(all.contains("apns-priority 7"), all);
        assertTrue(all.contains("65 bytes"), all);
    }

    @Test
    void payloadSizeLimitDependsOnThePushType() {
        String big = "{\"aps\":{\"alert\":\"" + "x".repeat(4200) + "\"}}";
        assertTrue(Payloads.problems(big, PushType.ALERT).get(0).contains("413 PayloadTooLarge"));
        assertTrue(Payloads.problems(big, PushType.VOIP).isEmpty(), "VoIP allows 5120 bytes");
        assertTrue(Payloads.problems("[1,2]", PushType.ALERT).get(0).contains("JSON object"));
        assertTrue(Payloads.problems("", PushType.ALERT).get(0).contains("PayloadEmpty"));
    }

    @Test
    void backgroundPushWithPriority10IsWarnedAbout() {
        RawPush.Checked c = alert(ApnsEnvironment.SANDBOX).pushType(PushType.BACKGROUND).priority(10)
                .token("ab".repeat(32)).payload("{\"aps\":{}}").build().check();
        assertTrue(c.ok());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("BadPriority")), c.warnings()::toString);
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("content-available")), c.warnings()::toString);
    }

    @Test
    void aDeclaredKeyScopeWarnsOfTheOtherEnvironmentAndOfAnUnlistedBundle() {
        var sandboxOnly = KEY.withScope(dev.pushflow.credentials.KeyScope.team(
                java.util.EnumSet.of(ApnsEnvironment.SANDBOX)));
        RawPush toProduction = alert(ApnsEnvironment.PRODUCTION).credential(sandboxOnly).token("ab".repeat(32)).build();
        RawPush.Checked c = toProduction.check();
        assertTrue(c.ok(), "a warning, not a problem: the declaration may be wrong");
        assertEquals(List.of("The .p8 key PFKEY00001 is declared a Sandbox key, but this push goes to production: APNs"
                + " answers 403 BadEnvironmentKeyIdInToken. Use a key made for Production, or a \"Sandbox &"
                + " Production\" key (Certificates, Identifiers & Profiles > Keys)."), toProduction.keyScopeWarnings());
        assertTrue(c.warnings().containsAll(toProduction.keyScopeWarnings()), c.warnings()::toString);
        assertEquals(List.of(), toProduction.withTarget(RawTarget.embedded(ApnsEnvironment.SANDBOX))
                .keyScopeWarnings());

        var otherApp = KEY.withScope(dev.pushflow.credentials.KeyScope.parse("both", "com.example.other"));
        RawPush voip = alert(ApnsEnvironment.SANDBOX).credential(otherApp).pushType(PushType.VOIP)
                .token("ab".repeat(32)).build();
        assertEquals(List.of("The .p8 key PFKEY00001 is declared topic-specific (com.example.other) and does not list"
                + " com.example.chat: APNs answers 403 UnrelatedKeyIdInToken. Add com.example.chat to the key's"
                + " topics, or use a team-scoped key (Certificates, Identifiers & Profiles > Keys)."),
                voip.keyScopeWarnings());
        var chat = KEY.withScope(dev.pushflow.credentials.KeyScope.parse("both", BUNDLE));
        assertEquals(List.of(), alert(ApnsEnvironment.SANDBOX).credential(chat).pushType(PushType.VOIP)
                .token("ab".repeat(32)).build().keyScopeWarnings(), "chat.voip belongs to the bundle ID chat");
        assertEquals(List.of(), alert(ApnsEnvironment.PRODUCTION).token("ab".repeat(32)).build().keyScopeWarnings(),
                "an undeclared scope is not guessed");
    }

    @Test
    void apnsFileIsValidJsonWithTheSimulatorTargetBundle() throws Exception {
        RawPush push = alert(ApnsEnvironment.SANDBOX).pushType(PushType.VOIP).token("ab".repeat(32)).build();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("push", ".apns");
        try {
            ApnsFileExport.write(push, file);
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
            assertEquals(BUNDLE, node.get(ApnsFileExport.TARGET_BUNDLE_KEY).asText(),
                    "the bundle ID, not the .voip topic");
            assertEquals("Hello", node.get("aps").get("alert").asText());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void connectionFailuresAreSortedByCause() {
        assertEquals(ConnectionState.Cause.DNS, ConnectionState.classify("DNS: cannot resolve api.push.apple.com"));
        assertEquals(ConnectionState.Cause.PROXY, ConnectionState.classify("ProxyConnectException: http, none"));
        assertEquals(ConnectionState.Cause.CERTIFICATE,
                ConnectionState.classify("TLS: Received fatal alert: bad_certificate (the gateway rejected ...)"));
        assertEquals(ConnectionState.Cause.TLS, ConnectionState.classify("TLS: PKIX path building failed"));
        assertEquals(ConnectionState.Cause.CONNECTION, ConnectionState.classify("connection refused or timed out: x"));
    }
}
