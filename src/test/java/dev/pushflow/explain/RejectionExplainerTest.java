package dev.pushflow.explain;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import org.junit.jupiter.api.Test;

import dev.pushflow.credentials.KeyScope;

import java.time.Instant;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RejectionExplainerTest {
    static DeliveryRecord rejected(String reason, ApnsEnvironment env, long certificateId) {
        return new DeliveryRecord(1, Instant.now(), "m", "iphone-debug", "iPhone 15 · Debug build", "alice",
                certificateId, env, "embedded", "com.example.chat", "alert", 10, "ab", "id", null,
                DeliveryStatus.REJECTED, 400, reason, null, null, 1000, "{}");
    }

    @Test
    void bad_device_token_names_the_certificate_ID_the_build_and_the_fix() {
        AppSettings swapped = AppSettings.defaults().withCertificateId(BuildConfiguration.DEBUG, 31288);
        Explanation e = RejectionExplainer.explain(rejected("BadDeviceToken", ApnsEnvironment.PRODUCTION, 31288),
                BuildConfiguration.DEBUG, swapped);
        assertTrue(e.headline().contains("certificate ID 31288"));
        assertTrue(e.meaning().contains("Debug build"));
        assertTrue(e.meaning().contains("development token"));
        assertTrue(e.fix().contains("TUIOfflinePushCertificateIDForAPNS for Debug builds to the development certificate ID"));
        assertTrue(e.fix().contains("31288 now"));
    }

    @Test
    void every_common_reason_has_its_own_explanation() {
        for (String reason : new String[]{"DeviceTokenNotForTopic", "Unregistered", "PayloadTooLarge",
                "BadCertificateEnvironment", "InvalidProviderToken", "ExpiredProviderToken", "TopicDisallowed"}) {
            Explanation e = RejectionExplainer.explain(rejected(reason, ApnsEnvironment.SANDBOX, 31287), null, null);
            assertTrue(e.headline().startsWith(reason), reason);
            assertTrue(!e.fix().isEmpty(), reason);
        }
    }

    @Test
    void a_logged_out_no_push_says_to_log_in_again() {
        DeliveryRecord r = DeliveryRecord.decision(Instant.now(), "m", "iphone-debug", "iPhone 15 · Debug build", "alice",
                31287, DeliveryStatus.NO_PUSH, "logged-out", "user logged out: unregisterService ran");
        Explanation e = RejectionExplainer.explain(r, BuildConfiguration.DEBUG, null);
        assertTrue(e.headline().contains("logged-out"));
        assertTrue(e.fix().contains("Log the user in"));
    }

    static DeliveryRecord forbidden(String reason, ApnsEnvironment env, String topic) {
        return new DeliveryRecord(1, Instant.now(), "m", "iphone-release", "iPhone 15 · Release build", "carol",
                31288, env, "embedded", topic, "alert", 10, "ab", "id", null, DeliveryStatus.REJECTED, 403, reason,
                null, null, 1000, "{}");
    }

    @Test
    void a_key_scoped_to_the_other_environment_says_so_and_how_to_fix_it_for_the_certificate_ID() {
        Explanation e = RejectionExplainer.explain(forbidden("BadEnvironmentKeyIdInToken", ApnsEnvironment.PRODUCTION,
                "com.example.chat"), BuildConfiguration.RELEASE, AppSettings.defaults());
        assertEquals("BadEnvironmentKeyIdInToken (403): the key is scoped to the other environment", e.headline());
        assertEquals("The production gateway refused the provider token (JWT) of the .p8 key behind certificate ID"
                + " 31288: the key was made for Sandbox only (a key scoped to one environment, since 2025). Its scope"
                + " was not declared here: APNs knows it from the developer portal. The answer says nothing about the"
                + " device token.", e.meaning());
        assertTrue(e.fix().startsWith("Push to production with a key made for Production, or create a \"Sandbox &"
                + " Production\" key and use it for both environments."), e.fix());
        assertTrue(e.fix().contains("Certificates, Identifiers & Profiles > Keys (click the key"), e.fix());
        assertTrue(e.fix().endsWith("Then give certificate ID 31288 that key in the Console."), e.fix());
        assertTrue(RejectionExplainer.explain(forbidden("BadEnvironmentKeyInToken", ApnsEnvironment.SANDBOX,
                "com.example.chat"), null, null).meaning().contains("made for Production only"));
    }

    @Test
    void a_topic_specific_key_without_the_bundle_ID_names_it_without_the_push_type_suffix() {
        Explanation e = RejectionExplainer.explain(forbidden("UnrelatedKeyIdInToken", ApnsEnvironment.SANDBOX,
                "com.example.chat.voip"), null, null);
        assertEquals("UnrelatedKeyIdInToken (403): the key does not list com.example.chat", e.headline());
        assertTrue(e.meaning().startsWith("APNs refused the provider token (JWT) of the .p8 key behind certificate ID"
                + " 31288 for apns-topic com.example.chat.voip: the key is topic-specific"), e.meaning());
        assertTrue(e.fix().startsWith("Add com.example.chat to the key's topics, or use a team-scoped key"), e.fix());
        assertTrue(e.fix().contains("Certificates, Identifiers & Profiles > Keys"), e.fix());
    }

    @Test
    void a_declared_scope_is_confirmed_or_called_wrong_by_the_answer() {
        KeyScope sandbox = KeyScope.team(EnumSet.of(ApnsEnvironment.SANDBOX));
        String asDeclared = RejectionExplainer.keyScope("BadEnvironmentKeyIdInToken", 403, "the .p8 key ABCDE12345",
                sandbox, ApnsEnvironment.PRODUCTION, "com.example.chat").orElseThrow().meaning();
        assertTrue(asDeclared.contains("It was declared Sandbox, as APNs says."), asDeclared);
        String wrong = RejectionExplainer.keyScope("BadEnvironmentKeyIdInToken", 403, "the .p8 key ABCDE12345",
                KeyScope.TEAM_ALL_ENVIRONMENTS, ApnsEnvironment.PRODUCTION, "com.example.chat").orElseThrow().meaning();
        assertTrue(wrong.contains("It was declared Sandbox & Production, so the declaration is wrong."), wrong);
        String topics = RejectionExplainer.keyScope("UnrelatedKeyIdInToken", 403, "the .p8 key ABCDE12345",
                KeyScope.parse("both", "com.example.other"), ApnsEnvironment.SANDBOX, "com.example.chat")
                .orElseThrow().meaning();
        assertTrue(topics.contains("It was declared Sandbox & Production, topic-specific (com.example.other), as"
                + " APNs says."), topics);
        assertTrue(RejectionExplainer.keyScope("BadDeviceToken", 400, "k", null, ApnsEnvironment.SANDBOX, "t")
                .isEmpty());
    }

    @Test
    void a_reason_without_an_IM_twist_is_explained_from_the_catalogue_with_Apples_facts() {
        Explanation e = RejectionExplainer.explain(rejected("BadPriority", ApnsEnvironment.SANDBOX, 31287), null, null);
        assertEquals("BadPriority (400)", e.headline());
        assertTrue(e.meaning().contains("background push") && e.meaning().contains("priority 10"), e.meaning());
        assertTrue(e.meaning().contains("certificate ID 31287"), "still says which push: " + e.meaning());
        assertTrue(e.fix().contains("Final"), e.fix());
        Explanation retry = RejectionExplainer.explain(rejected("TooManyRequests", ApnsEnvironment.SANDBOX, 31287),
                null, null);
        assertTrue(retry.headline().equals("TooManyRequests (429)") && retry.fix().contains("Sending again later"),
                retry.fix());
        Explanation unknown = RejectionExplainer.explain(rejected("Nonsense", ApnsEnvironment.SANDBOX, 31287), null,
                null);
        assertTrue(unknown.meaning().contains("not a reason Apple documents"), unknown.meaning());
    }
}
