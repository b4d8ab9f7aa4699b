package dev.pushflow.doctor;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.CredentialLoader;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.rawsend.RawSender;
import dev.pushflow.rawsend.RawTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor with scoped .p8 keys (2025): declared scopes against the gateway and the bundle ID, and the probe's
 * answers from embedded gateways that enforce the scopes. The keys are generated at run time.
 */
class KeyScopeDoctorTest {
    static final String BUNDLE = SampleMaterial.BUNDLE_ID;
    static final String TEAM = "SCOPETEAM2";
    static final KeyScope SANDBOX_ONLY = KeyScope.team(EnumSet.of(ApnsEnvironment.SANDBOX));
    static EmbeddedGateways gateways;
    static DeliveryService delivery;
    static BadDeviceTokenDoctor doctor;
    /** Trusted by the gateways as a Sandbox-only key. */
    static CredentialInput.P8File sandboxKeyFile;
    /** Trusted as a topic-specific key for another app only. */
    static CredentialInput.P8File otherAppKeyFile;

    @BeforeAll
    static void start() throws Exception {
        gateways = EmbeddedGateways.startDefault();
        delivery = new DeliveryService(RawSender.directory(gateways), 100);
        doctor = new BadDeviceTokenDoctor(null, new RawSender(delivery, RawSender.directory(gateways)));
        sandboxKeyFile = newKey("SCOPESBX01", SANDBOX_ONLY);
        otherAppKeyFile = newKey("SCOPETOP02", KeyScope.topics(EnumSet.allOf(ApnsEnvironment.class),
                List.of("com.example.other")));
    }

    @AfterAll
    static void stop() {
        delivery.close();
        gateways.close();
    }

    /** A new EC P-256 key the gateways trust with {@code scope}, as the .p8 file a user would give (undeclared). */
    static CredentialInput.P8File newKey(String keyId, KeyScope scope) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        gateways.trustSigningKey(TEAM, keyId, (ECPublicKey) pair.getPublic(), scope);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return new CredentialInput.P8File("AuthKey_" + keyId + ".p8", pem.getBytes(StandardCharsets.US_ASCII),
                keyId, TEAM);
    }

    static CredentialInput.P8File declared(CredentialInput.P8File f, KeyScope scope) {
        return new CredentialInput.P8File(f.label(), f.bytes(), f.keyId(), f.teamId(), scope);
    }

    static Diagnosis diagnose(String token, CredentialInput source, ApnsEnvironment env, boolean probe) {
        return doctor.diagnose(DoctorRequest.forCredential(token, source, RawTarget.embedded(env), null, null, BUNDLE,
                probe));
    }

    static Finding only(Diagnosis d, Step step, Verdict verdict) {
        List<Finding> f = d.of(step).stream().filter(x -> x.verdict() == verdict).toList();
        assertEquals(1, f.size(), () -> "expected one " + verdict + " for " + step + " in\n" + d.toText());
        return f.get(0);
    }

    static String sandboxToken() {
        return gateways.sandbox().issueToken(BUNDLE);
    }

    static String productionToken() {
        return gateways.production().issueToken(BUNDLE);
    }

    // ---- declared scope, no probe --------------------------------------------------------------------------------

    @Test
    void declaredSandboxKeyPushingToProductionFailsWithTheFix() {
        Diagnosis d = diagnose(productionToken(), declared(sandboxKeyFile, SANDBOX_ONLY), ApnsEnvironment.PRODUCTION,
                false);
        Finding f = only(d, Step.KEY_SCOPE, Verdict.FAIL);
        assertEquals("The .p8 key SCOPESBX01 is declared a Sandbox key, but the credential pushes to production: APNs"
                + " answers 403 BadEnvironmentKeyIdInToken to every push.", f.text());
        assertTrue(f.fix().contains("with a key made for Production") && f.fix().contains("\"Sandbox & Production\""),
                f.fix());
        assertEquals(Verdict.FAIL, d.verdict());
        assertTrue(d.conclusion().startsWith(f.text()), d.conclusion());
        assertTrue(only(d, Step.CREDENTIAL, Verdict.OK).text().contains("Declared scope Sandbox, team-scoped"),
                d::toText);
    }

    @Test
    void declaredScopeTravelsWithALoadedCredentialToo() throws Exception {
        P8Credential key = CredentialLoader.loadP8WithNotes(sandboxKeyFile.label(), sandboxKeyFile.bytes(),
                sandboxKeyFile.keyId(), TEAM, SANDBOX_ONLY).credential();
        Diagnosis d = diagnose(productionToken(), new CredentialInput.Ready(key), ApnsEnvironment.PRODUCTION, false);
        assertTrue(only(d, Step.KEY_SCOPE, Verdict.FAIL).text().contains("BadEnvironmentKeyIdInToken"), d::toText);
    }

    @Test
    void declaredTopicSpecificKeyWithoutTheAppsBundleFails() {
        KeyScope scope = KeyScope.topics(EnumSet.allOf(ApnsEnvironment.class), List.of("com.example.other"));
        Diagnosis d = diagnose(sandboxToken(), declared(otherAppKeyFile, scope), ApnsEnvironment.SANDBOX, false);
        Finding f = only(d, Step.KEY_SCOPE, Verdict.FAIL);
        assertEquals("The .p8 key SCOPETOP02 is declared topic-specific for com.example.other, not com.example.chat:"
                + " APNs answers 403 UnrelatedKeyIdInToken to every push for com.example.chat.", f.text());
        assertTrue(f.fix().startsWith("Use a key whose topics include com.example.chat, or a team-scoped key"));
        assertTrue(only(d, Step.TOPIC, Verdict.OK).text().contains("checked under token key scope"), d::toText);
    }

    @Test
    void aListedPushTypeTopicIsNamedAsNotABundleId() {
        KeyScope scope = KeyScope.topics(EnumSet.allOf(ApnsEnvironment.class), List.of(BUNDLE + ".voip"));
        Diagnosis d = diagnose(sandboxToken(), declared(sandboxKeyFile, scope), ApnsEnvironment.SANDBOX, false);
        assertTrue(only(d, Step.KEY_SCOPE, Verdict.FAIL).text().contains("(com.example.chat.voip is a push-type topic"
                + " of com.example.chat; a topic-specific key lists bundle IDs)"), d::toText);
    }

    @Test
    void declaredScopeThatFitsIsOkAndTheProbeAgreesWithIt() {
        KeyScope scope = KeyScope.topics(EnumSet.of(ApnsEnvironment.SANDBOX), List.of(BUNDLE, "com.example.other"));
        Diagnosis d = diagnose(sandboxToken(), declared(sandboxKeyFile, scope), ApnsEnvironment.SANDBOX, true);
        assertEquals(Verdict.OK, d.verdict(), d::toText);
        assertEquals(ApnsEnvironment.SANDBOX, d.tokenEnvironment());
        assertEquals("The .p8 key SCOPESBX01 is declared Sandbox, topic-specific (com.example.chat, com.example.other):"
                + " it may push to the sandbox (development) for com.example.chat.",
                only(d, Step.KEY_SCOPE, Verdict.OK).text());
        // production's BadEnvironmentKeyIdInToken is what the declaration says: evidence, not a problem
        assertTrue(d.of(Step.PROBE).stream().anyMatch(f -> f.text().contains("403 BadEnvironmentKeyIdInToken")
                && f.text().contains("says nothing about the device token")), d::toText);
    }

    @Test
    void undeclaredScopeIsAssumedTeamWideAndSaidSo() {
        Diagnosis d = diagnose(sandboxToken(), sandboxKeyFile, ApnsEnvironment.SANDBOX, false);
        assertEquals(Verdict.OK, d.verdict(), d::toText);
        assertTrue(only(d, Step.KEY_SCOPE, Verdict.OK).text().contains("has no declared scope"), d::toText);
    }

    // ---- the probe with an environment-scoped key ----------------------------------------------------------------

    @Test
    void probeWithADeclaredSandboxKeyCannotAskProductionButInfersIt() {
        Diagnosis d = diagnose(productionToken(), declared(sandboxKeyFile, SANDBOX_ONLY), ApnsEnvironment.SANDBOX,
                true);
        assertNull(d.tokenEnvironment());
        Finding f = only(d, Step.PROBE, Verdict.WARN);
        assertEquals("The token is not a sandbox (development) token, and production could not be asked (403"
                + " BadEnvironmentKeyIdInToken: the key is scoped to Sandbox, so this answer says nothing about the"
                + " token); most likely it is a production token from a Release build.", f.text());
        assertEquals("Probe with a key that may push to production (a Production or \"Sandbox & Production\" key) to be"
                + " sure.", f.fix());
        assertTrue(d.of(Step.KEY_SCOPE).stream().noneMatch(x -> x.verdict() != Verdict.OK),
                "as declared: no scope problem\n" + d.toText());
    }

    @Test
    void probeWithAnUndeclaredSandboxKeyStillFindsASandboxTokenAndExplainsTheScope() {
        Diagnosis d = diagnose(sandboxToken(), sandboxKeyFile, ApnsEnvironment.PRODUCTION, true);
        assertEquals(ApnsEnvironment.SANDBOX, d.tokenEnvironment(), d::toText);
        Finding probe = only(d, Step.PROBE, Verdict.FAIL);
        assertEquals("This token is a sandbox (development) token: the app was built Debug; the credential is sent to"
                + " production; use a development certificate ID; building Release does not help: this key cannot push"
                + " to production at all (403 BadEnvironmentKeyIdInToken).", probe.text());
        assertEquals("Push Debug builds' tokens to the sandbox (development) with this key; for production use a key"
                + " made for Production, or a \"Sandbox & Production\" key.", probe.fix());
        Finding scope = only(d, Step.KEY_SCOPE, Verdict.FAIL);
        assertEquals("Production answered 403 BadEnvironmentKeyIdInToken: the .p8 key SCOPESBX01 is scoped to Sandbox"
                + " (a key made since 2025 for one environment), and the credential pushes to production: every push"
                + " fails with 403 BadEnvironmentKeyIdInToken.", scope.text());
        assertTrue(scope.fix().startsWith("See the key's scope at developer.apple.com/account > Certificates,"
                + " Identifiers & Profiles > Keys"), scope.fix());
        assertTrue(scope.fix().endsWith("For production use a key made for Production, or create a \"Sandbox &"
                + " Production\" key."), scope.fix());
    }

    @Test
    void probeWithAnUndeclaredSandboxKeyThatWorksWarnsAboutProduction() {
        Diagnosis d = diagnose(sandboxToken(), sandboxKeyFile, ApnsEnvironment.SANDBOX, true);
        assertEquals(ApnsEnvironment.SANDBOX, d.tokenEnvironment());
        assertEquals(Verdict.WARN, d.verdict(), d::toText);
        assertTrue(only(d, Step.KEY_SCOPE, Verdict.WARN).text().endsWith("Pushes to the sandbox (development) work;"
                + " pushes to production (Release builds' tokens) need another key."), d::toText);
    }

    @Test
    void probeContradictingTheDeclaredEnvironmentSaysTheDeclarationIsWrong() {
        Diagnosis d = diagnose(sandboxToken(), declared(sandboxKeyFile, KeyScope.TEAM_ALL_ENVIRONMENTS),
                ApnsEnvironment.SANDBOX, true);
        assertTrue(only(d, Step.KEY_SCOPE, Verdict.FAIL).text().endsWith("but it was declared a Sandbox & Production"
                + " key: the declared scope is wrong."), d::toText);
    }

    @Test
    void probeAnsweredUnrelatedKeyIdInTokenExplainsATopicSpecificKey() {
        Diagnosis d = diagnose(sandboxToken(), otherAppKeyFile, ApnsEnvironment.SANDBOX, true);
        assertNull(d.tokenEnvironment());
        Finding f = only(d, Step.KEY_SCOPE, Verdict.FAIL);
        assertEquals("APNs answered 403 UnrelatedKeyIdInToken: the .p8 key SCOPETOP02 is topic-specific and does not"
                + " list com.example.chat; every push for com.example.chat with this key fails.", f.text());
        assertTrue(f.fix().contains("Use a key whose topics include com.example.chat, or a team-scoped key."));
        assertEquals(f.text() + " Fix: " + f.fix(), d.conclusion());
        assertTrue(only(d, Step.PROBE, Verdict.WARN).fix().startsWith("The key's scope stops the probe"), d::toText);
    }
}
