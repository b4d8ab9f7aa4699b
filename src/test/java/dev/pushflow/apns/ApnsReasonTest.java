package dev.pushflow.apns;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every APNs reason of Apple's provider API has an explanation and a fix, once, with Apple's facts. */
class ApnsReasonTest {
    /** The response table of the provider API (shared/reference/apns-provider-api.md), copied. */
    static final Map<Integer, List<String>> APPLE = new LinkedHashMap<>();

    static {
        APPLE.put(400, List.of("BadCollapseId", "BadDeviceToken", "BadExpirationDate", "BadMessageId", "BadPriority",
                "BadTopic", "DeviceTokenNotForTopic", "DuplicateHeaders", "IdleTimeout", "InvalidPushType",
                "MissingDeviceToken", "MissingTopic", "PayloadEmpty", "TopicDisallowed"));
        APPLE.put(403, List.of("BadCertificate", "BadCertificateEnvironment", "ExpiredProviderToken", "Forbidden",
                "InvalidProviderToken", "MissingProviderToken", "UnrelatedKeyIdInToken", "BadEnvironmentKeyIdInToken",
                "BadEnvironmentKeyInToken"));
        APPLE.put(404, List.of("BadPath"));
        APPLE.put(405, List.of("MethodNotAllowed"));
        APPLE.put(410, List.of("ExpiredToken", "Unregistered"));
        APPLE.put(413, List.of("PayloadTooLarge"));
        APPLE.put(429, List.of("TooManyProviderTokenUpdates", "TooManyRequests"));
        APPLE.put(500, List.of("InternalServerError"));
        APPLE.put(503, List.of("ServiceUnavailable", "Shutdown"));
    }

    @Test
    void everyReasonInTheProviderApiHasAnExplanationAndAFixWithItsStatus() {
        APPLE.forEach((status, reasons) -> reasons.forEach(reason -> {
            var r = ApnsReason.find(reason).orElseThrow(() -> new AssertionError(reason + " is not explained"));
            assertEquals(status, r.status(), reason);
            assertFalse(r.explanation().isBlank(), reason);
            assertFalse(r.fix().isBlank(), reason);
        }));
        assertEquals(APPLE.values().stream().mapToInt(List::size).sum(), ApnsReason.values().length,
                "no invented reasons");
    }

    /**
     * The reference's response table (a copy of shared/reference/apns-provider-api.md kept in the repo under
     * src/test/resources) is read too, so a reason added there fails this test. It never skips.
     */
    @Test
    void theReferenceTableInTheRepoIsCovered() throws Exception {
        List<String> lines;
        try (var in = ApnsReasonTest.class.getResourceAsStream("/dev/pushflow/apns/apns-provider-api.md")) {
            assertTrue(in != null, "src/test/resources/dev/pushflow/apns/apns-provider-api.md is missing");
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        Pattern row = Pattern.compile("^\\| (\\d{3}) \\| (.+) \\|$");
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            Matcher m = row.matcher(line.strip());
            if (m.matches()) {
                Matcher name = Pattern.compile("`?([A-Z][A-Za-z]+)`?").matcher(m.group(2));
                while (name.find()) {
                    String n = name.group(1);
                    if (!List.of("Some", "With").contains(n)) {
                        found.add(n);
                    }
                }
            }
        }
        assertTrue(found.size() >= 30, found::toString);
        for (String reason : found) {
            assertTrue(ApnsReason.find(reason).isPresent(), reason + " is in the reference but not explained");
        }
    }

    @Test
    void badDeviceTokenExplanationSpeaksOfTheOtherEnvironment() {
        String text = ApnsReason.explain("BadDeviceToken");
        assertTrue(text.contains("other environment") && text.contains("certificate ID"), text);
        assertTrue(ApnsReason.explain("Nonsense").contains("not a reason Apple documents"));
    }

    @Test
    void keyScopeReasonsSayWhichScopeAndWhereThePortalShowsIt() {
        String environment = ApnsReason.explain("BadEnvironmentKeyIdInToken");
        assertTrue(environment.contains("scoped to the other environment"), environment);
        assertTrue(environment.contains("\"Sandbox & Production\" key"), environment);
        assertTrue(environment.contains("Certificates, Identifiers & Profiles > Keys"), environment);
        assertEquals(ApnsReason.find("BadEnvironmentKeyIdInToken").orElseThrow().fix(),
                ApnsReason.find("BadEnvironmentKeyInToken").orElseThrow().fix(), "the other spelling, the same fix");
        String topics = ApnsReason.explain("UnrelatedKeyIdInToken");
        assertTrue(topics.contains("topic-specific") && topics.contains("Add this bundle ID to the key's topics")
                && topics.contains("team-scoped key"), topics);
        assertTrue(topics.contains("Certificates, Identifiers & Profiles > Keys"), topics);
        assertFalse(ApnsReason.find("UnrelatedKeyIdInToken").orElseThrow().retryable(), "the same push fails again");
    }

    @Test
    void badPriorityExplainsThatBackgroundPushesMustUsePriorityFive() {
        ApnsReason r = ApnsReason.BAD_PRIORITY;
        assertTrue(r.explanation().contains("background") && r.explanation().contains("priority 10"),
                r.explanation());
        assertTrue(r.explanation().contains("must use 5"), r.explanation());
    }

    @Test
    void onlyThrottlingServerTroubleAndStaleConnectionsOrTokensAreRetryable() {
        // Apple: never retry BadDeviceToken, DeviceTokenNotForTopic, Forbidden, ExpiredToken, Unregistered,
        // PayloadTooLarge; retry 429 after a delay and 5xx with back-off
        for (String finalReason : List.of("BadDeviceToken", "DeviceTokenNotForTopic", "Forbidden", "ExpiredToken",
                "Unregistered", "PayloadTooLarge")) {
            assertFalse(ApnsReason.find(finalReason).orElseThrow().retryable(), finalReason);
        }
        for (ApnsReason r : ApnsReason.values()) {
            if (r.status() == 429 || r.status() >= 500) {
                assertTrue(r.retryable(), r.reason());
            }
        }
        assertEquals(List.of(ApnsReason.BAD_PATH), ApnsReason.withStatus(404));
        assertEquals("BadPath (404)", ApnsReason.BAD_PATH.toString());
        assertTrue(ApnsReason.find(" Unregistered ").isPresent(), "surrounding spaces ignored");
        assertTrue(ApnsReason.find(null).isEmpty());
    }
}
