package dev.pushflow.doctor;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.Console;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.rawsend.RawSender;
import dev.pushflow.rawsend.RawTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every verdict of the BadDeviceToken doctor, against the embedded gateways standing in for Apple's hosts: the
 * seed's console (31287 development, 31288 production on the sample .p8) and the sample certificates.
 */
class DoctorTest {
    static final String BUNDLE = SampleMaterial.BUNDLE_ID;
    static final long DEV = DefaultWorkspace.DEVELOPMENT_ID;
    static final long PROD = DefaultWorkspace.PRODUCTION_ID;
    static final P8Credential KEY = SampleMaterial.tokenKey();
    static final P12Credential DEV_CERT = SampleMaterial.developmentCertificate();
    static final P12Credential UNIVERSAL = SampleMaterial.universalCertificate();
    static final AppSettings APP = AppSettings.defaults();
    static EmbeddedGateways gateways;
    static DeliveryService delivery;
    static BadDeviceTokenDoctor doctor;

    @BeforeAll
    static void start() {
        gateways = EmbeddedGateways.startDefault();
        delivery = new DeliveryService(RawSender.directory(gateways), 100);
        Console console = new Console();
        console.put(new CertificateEntry(DEV, ApnsEnvironment.SANDBOX, BUNDLE, KEY, GatewayTarget.EMBEDDED));
        console.put(new CertificateEntry(PROD, ApnsEnvironment.PRODUCTION, BUNDLE, KEY, GatewayTarget.EMBEDDED));
        doctor = new BadDeviceTokenDoctor(console, new RawSender(delivery, RawSender.directory(gateways)));
    }

    @AfterAll
    static void stop() {
        delivery.close();
        gateways.close();
    }

    static String sandboxToken() {
        return gateways.sandbox().issueToken(BUNDLE);
    }

    static String productionToken() {
        return gateways.production().issueToken(BUNDLE);
    }

    static Finding only(Diagnosis d, Step step, Verdict verdict) {
        List<Finding> f = d.of(step).stream().filter(x -> x.verdict() == verdict).toList();
        assertEquals(1, f.size(), () -> "expected one " + verdict + " for " + step + " in\n" + d.toText());
        return f.get(0);
    }

    static Diagnosis credential(String token, CredentialInput source, ApnsEnvironment env, boolean probe) {
        return doctor.diagnose(DoctorRequest.forCredential(token, source, RawTarget.embedded(env), null, null, BUNDLE,
                probe));
    }

    // ---- the probe ---------------------------------------------------------------------------------------------

    @Test
    void probeFindsASandboxTokenSentWithTheProductionCertificateId() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(sandboxToken(), PROD, null, APP, true));
        assertEquals(ApnsEnvironment.SANDBOX, d.tokenEnvironment());
        String text = only(d, Step.PROBE, Verdict.FAIL).text();
        assertEquals("This token is a sandbox (development) token: the app was built Debug; certificate ID 31288 is"
                + " production; use 31287 or build Release.", text);
        assertEquals(Verdict.FAIL, d.verdict());
        assertEquals(text, d.conclusion().substring(0, text.length()), "the probe's verdict comes first");
    }

    @Test
    void probeFindsAProductionTokenSentWithTheDevelopmentCertificateId() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(productionToken(), DEV, null, APP, true));
        assertEquals(ApnsEnvironment.PRODUCTION, d.tokenEnvironment());
        assertEquals("This token is a production token: the app was built Release (or TestFlight / App Store);"
                        + " certificate ID 31287 is development; use 31288 or build Debug.",
                only(d, Step.PROBE, Verdict.FAIL).text());
    }

    @Test
    void probeWithMatchingEnvironmentsFindsNothingWrong() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(sandboxToken(), DEV, BuildConfiguration.DEBUG,
                APP, true));
        assertEquals(Verdict.OK, d.verdict(), d::toText);
        assertEquals(ApnsEnvironment.SANDBOX, d.tokenEnvironment());
        assertTrue(d.of(Step.PROBE).get(0).text().contains("apns-unique-id"), d::toText);
    }

    @Test
    void probeContradictingTheStatedBuildSaysSo() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(sandboxToken(), PROD, BuildConfiguration.RELEASE,
                APP, true));
        assertTrue(only(d, Step.BUILD, Verdict.WARN).text().startsWith("You said Release, but the token is a sandbox"),
                d::toText);
    }

    @Test
    void probeOfATokenNeitherEnvironmentKnows() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId("cd".repeat(32), PROD, null, APP, true));
        assertNull(d.tokenEnvironment());
        assertTrue(only(d, Step.PROBE, Verdict.FAIL).text().startsWith("Neither the sandbox nor production knows"));
    }

    @Test
    void probeOfAnUninstalledAppsTokenNamesItsEnvironmentAndTheReason() {
        String token = sandboxToken();
        gateways.sandbox().unregisterToken(token, Instant.now());
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(token, DEV, null, APP, true));
        assertEquals(ApnsEnvironment.SANDBOX, d.tokenEnvironment());
        assertTrue(only(d, Step.PROBE, Verdict.FAIL).text().contains("410 Unregistered"), d::toText);
    }

    @Test
    void probeOfATokenOfAnotherAppIsDeviceTokenNotForTopic() {
        String token = gateways.production().issueToken("com.example.other");
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(token, PROD, null, APP, true));
        assertEquals(ApnsEnvironment.PRODUCTION, d.tokenEnvironment());
        assertTrue(only(d, Step.PROBE, Verdict.FAIL).text().contains("DeviceTokenNotForTopic"), d::toText);
    }

    @Test
    void probeWithAP12UniversalCertificateFindsTheEnvironment() {
        Diagnosis d = credential(productionToken(), new CredentialInput.Ready(UNIVERSAL), ApnsEnvironment.SANDBOX,
                true);
        assertEquals(ApnsEnvironment.PRODUCTION, d.tokenEnvironment());
        assertTrue(only(d, Step.PROBE, Verdict.FAIL).text().startsWith("This token is a production token"));
    }

    @Test
    void probeWithADevelopmentCertificateCannotAskProductionButInfersIt() {
        Diagnosis d = credential(productionToken(), new CredentialInput.Ready(DEV_CERT), ApnsEnvironment.SANDBOX,
                true);
        assertNull(d.tokenEnvironment());
        String text = only(d, Step.PROBE, Verdict.WARN).text();
        assertTrue(text.contains("403 BadCertificateEnvironment") && text.contains("most likely it is a production"),
                d::toText);
    }

    @Test
    void probeIsSkippedWithAReasonWhenTheTokenIsUnusable() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId("abc", DEV, null, APP, true));
        assertTrue(only(d, Step.PROBE, Verdict.WARN).text().contains("the token is not usable"));
    }

    // ---- build configuration vs certificate ID -----------------------------------------------------------------

    @Test
    void debugBuildWithTheProductionCertificateIdIsBadDeviceTokenWithoutProbing() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(sandboxToken(), PROD, BuildConfiguration.DEBUG,
                APP, false));
        Finding f = only(d, Step.BUILD, Verdict.FAIL);
        assertEquals("A Debug build gets a sandbox (development) token, but certificate ID 31288 pushes to production:"
                + " APNs answers 400 BadDeviceToken.", f.text());
        assertTrue(f.fix().contains("must give certificate ID 31287") && f.fix().contains("or build Release"),
                f.fix());
        assertTrue(only(d, Step.BUILD, Verdict.WARN).text().contains("macro gives certificate ID 31287"));
    }

    @Test
    void releaseBuildWithTheProductionCertificateIdMatches() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(productionToken(), PROD,
                BuildConfiguration.RELEASE, APP, false));
        assertEquals(Verdict.OK, d.verdict(), d::toText);
    }

    @Test
    void appWithoutTheCertificateIdMacroReportsIdZero() {
        AppSettings noMacro = new AppSettings(BUNDLE, "Chat", Map.of(BuildConfiguration.DEBUG, DEV));
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(productionToken(), PROD,
                BuildConfiguration.RELEASE, noMacro, false));
        assertTrue(only(d, Step.BUILD, Verdict.FAIL).text().contains("reports certificate ID 0"));
    }

    @Test
    void unknownCertificateIdIsAFinding() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(sandboxToken(), 99999, null, APP, true));
        assertTrue(only(d, Step.CREDENTIAL, Verdict.FAIL).text().contains("31287 (development), 31288 (production)"));
    }

    // ---- credential environment and topics ---------------------------------------------------------------------

    @Test
    void developmentCertificateToProductionIsBadCertificateEnvironment() {
        Diagnosis d = credential(productionToken(), new CredentialInput.Ready(DEV_CERT), ApnsEnvironment.PRODUCTION,
                false);
        assertTrue(only(d, Step.ENVIRONMENT, Verdict.FAIL).text().contains("403 BadCertificateEnvironment"));
    }

    @Test
    void certificateTopicsMustCoverThePushTypeSuffix() {
        DoctorRequest voip = new DoctorRequest(sandboxToken(), null, new CredentialInput.Ready(DEV_CERT),
                RawTarget.embedded(ApnsEnvironment.SANDBOX), null, null, BUNDLE, PushType.VOIP, false);
        assertEquals(Verdict.OK, only(doctor.diagnose(voip), Step.TOPIC, Verdict.OK).verdict());
        DoctorRequest live = new DoctorRequest(sandboxToken(), null, new CredentialInput.Ready(DEV_CERT),
                RawTarget.embedded(ApnsEnvironment.SANDBOX), null, null, BUNDLE, PushType.LIVEACTIVITY, false);
        assertTrue(only(doctor.diagnose(live), Step.TOPIC, Verdict.FAIL).text()
                .contains(BUNDLE + ".push-type.liveactivity"));
    }

    @Test
    void certificateForAnotherBundleIsTopicDisallowed() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCredential(sandboxToken(), new CredentialInput.Ready(DEV_CERT),
                RawTarget.embedded(ApnsEnvironment.SANDBOX), null, null, "com.example.other", false));
        assertTrue(only(d, Step.TOPIC, Verdict.FAIL).text().contains("TopicDisallowed"));
    }

    @Test
    void consoleBundleDifferentFromTheAppsIsDeviceTokenNotForTopic() {
        AppSettings other = new AppSettings("com.example.other", "Other", APP.certificateIds());
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(sandboxToken(), DEV, null, other, false));
        assertTrue(only(d, Step.TOPIC, Verdict.FAIL).text().contains("DeviceTokenNotForTopic"));
    }

    // ---- broken inputs: findings, never exceptions ---------------------------------------------------------------

    static CredentialInput.P12File sampleP12(String name, String password) {
        return new CredentialInput.P12File(name, SampleMaterial.bytes(name), password.toCharArray());
    }

    @Test
    void wrongP12PasswordIsAClearFinding() {
        Diagnosis d = credential(sandboxToken(), sampleP12("client-development.p12", "nope"), ApnsEnvironment.SANDBOX,
                true);
        assertTrue(only(d, Step.CREDENTIAL, Verdict.FAIL).text().startsWith("The password for client-development.p12"
                + " is wrong."), d::toText);
        assertTrue(only(d, Step.PROBE, Verdict.WARN).text().contains("no usable credential"));
        assertTrue(!d.toText().contains("nope"), "the password is never shown");
    }

    @Test
    void expiredCertificateFails() {
        Diagnosis d = credential(sandboxToken(), sampleP12("client-expired.p12", SampleMaterial.P12_PASSWORD),
                ApnsEnvironment.SANDBOX, false);
        assertTrue(only(d, Step.CERTIFICATE_EXPIRY, Verdict.FAIL).text().startsWith("The certificate expired on"),
                d::toText);
    }

    @Test
    void certificateWithoutPrivateKeyFails() {
        Diagnosis d = credential(sandboxToken(), sampleP12("client-nokey.p12", SampleMaterial.P12_PASSWORD),
                ApnsEnvironment.SANDBOX, false);
        assertTrue(only(d, Step.CREDENTIAL, Verdict.FAIL).text().contains("no private key"), d::toText);
    }

    @Test
    void selfSignedCertificateFails() {
        Diagnosis d = credential(sandboxToken(), sampleP12("client-untrusted.p12", SampleMaterial.P12_PASSWORD),
                ApnsEnvironment.SANDBOX, false);
        assertTrue(only(d, Step.CREDENTIAL, Verdict.FAIL).text().contains("self-signed"), d::toText);
    }

    @Test
    void rsaP8Fails() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Diagnosis d = credential(sandboxToken(), new CredentialInput.P8File("AuthKey_PFKEY00001.p8",
                pem.getBytes(StandardCharsets.US_ASCII), "PFKEY00001", "PFTEAM0001"), ApnsEnvironment.SANDBOX, true);
        assertTrue(only(d, Step.CREDENTIAL, Verdict.FAIL).text().contains("RSA"), d::toText);
    }

    @Test
    void garbageP8Fails() {
        Diagnosis d = credential(sandboxToken(), new CredentialInput.P8File("AuthKey_PFKEY00001.p8",
                "not a key at all".getBytes(StandardCharsets.US_ASCII), "PFKEY00001", "PFTEAM0001"),
                ApnsEnvironment.SANDBOX, false);
        assertEquals(Verdict.FAIL, only(d, Step.CREDENTIAL, Verdict.FAIL).verdict(), d::toText);
    }

    @Test
    void keyIdOfTheWrongLengthIsNamed() {
        Diagnosis d = credential(sandboxToken(), new CredentialInput.P8File("key.p8",
                SampleMaterial.bytes("AuthKey_PFKEY00001.p8"), "PFKEY0001", "PFTEAM0001"), ApnsEnvironment.SANDBOX,
                false);
        Finding f = only(d, Step.TOKEN_KEY, Verdict.FAIL);
        assertTrue(f.text().startsWith("The Key ID \"PFKEY0001\" has 9 characters"), f.text());
        assertTrue(f.fix().contains("InvalidProviderToken"));
    }

    @Test
    void goodP8IdsAreOk() {
        Diagnosis d = credential(sandboxToken(), new CredentialInput.P8File("AuthKey_PFKEY00001.p8",
                SampleMaterial.bytes("AuthKey_PFKEY00001.p8"), "PFKEY00001", "PFTEAM0001"), ApnsEnvironment.SANDBOX,
                true);
        assertEquals(Verdict.OK, d.verdict(), d::toText);
    }

    // ---- token format ----------------------------------------------------------------------------------------

    @Test
    void tokenWithSpacesAndAngleBracketsIsCleanedWithAWarning() {
        String token = sandboxToken();
        String pasted = "<" + token.substring(0, 8) + " " + token.substring(8, 16) + " " + token.substring(16) + ">";
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(pasted, DEV, null, APP, true));
        Finding f = only(d, Step.TOKEN_FORMAT, Verdict.WARN);
        assertTrue(f.text().contains("angle brackets stripped") && f.text().contains("spaces stripped"), f.text());
        assertEquals(ApnsEnvironment.SANDBOX, d.tokenEnvironment(), "the cleaned token is probed");
    }

    @Test
    void tokenOfOddLengthFails() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId(sandboxToken().substring(1), DEV, null, APP,
                false));
        assertTrue(only(d, Step.TOKEN_FORMAT, Verdict.FAIL).text().contains("odd number of hex digits"));
    }

    @Test
    void ios13DescriptionStringFails() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCertificateId("{length = 32, bytes = 0x1a2b3c4d ... 9f8e7d6c}",
                DEV, null, APP, false));
        assertTrue(only(d, Step.TOKEN_FORMAT, Verdict.FAIL).text().contains("iOS 13"));
    }

    @Test
    void missingCredentialIsAFinding() {
        Diagnosis d = doctor.diagnose(DoctorRequest.forCredential(sandboxToken(), null, null, null, null, null, true));
        assertEquals(Verdict.FAIL, only(d, Step.CREDENTIAL, Verdict.FAIL).verdict());
    }
}
