package dev.pushflow.explain;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;

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
}
