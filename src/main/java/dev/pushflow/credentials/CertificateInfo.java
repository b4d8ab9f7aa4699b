package dev.pushflow.credentials;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a push certificate says about itself. Holds no secret (no key, no password).
 *
 * @param subject         the subject DN as the JDK prints it
 * @param commonName      the CN, e.g. "Apple Push Services: com.example.chat"; "" when absent
 * @param bundleId        the bundle ID from the subject's UID; from the CN when there is no UID; "" when neither
 * @param topics          the topics of extension 1.2.840.113635.100.6.3.6 in order; empty when it is absent
 * @param kind            development, production, universal or unknown
 * @param issuer          the issuer DN
 * @param notBefore       start of validity
 * @param notAfter        end of validity
 * @param serialHex       serial number, upper-case hex
 * @param sha1Fingerprint SHA-1 of the DER certificate as AA:BB:..., as Keychain Access and keytool show it
 */
public record CertificateInfo(String subject, String commonName, String bundleId, List<String> topics,
                              CertificateKind kind, String issuer, Instant notBefore, Instant notAfter,
                              String serialHex, String sha1Fingerprint) {

    public CertificateInfo {
        subject = Objects.requireNonNullElse(subject, "");
        commonName = Objects.requireNonNullElse(commonName, "");
        bundleId = Objects.requireNonNullElse(bundleId, "");
        issuer = Objects.requireNonNullElse(issuer, "");
        serialHex = Objects.requireNonNullElse(serialHex, "");
        sha1Fingerprint = Objects.requireNonNullElse(sha1Fingerprint, "");
        topics = topics == null ? List.of() : List.copyOf(topics);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }

    /** SANDBOX for development, PRODUCTION for production-only, both for universal, none for unknown. */
    public Set<ApnsEnvironment> allowedEnvironments() {
        return kind.allowedEnvironments();
    }

    public boolean allows(ApnsEnvironment environment) {
        return allowedEnvironments().contains(environment);
    }

    /** VALID, EXPIRES_SOON (notAfter within 30 days), EXPIRED or NOT_YET_VALID at {@code now}. */
    public ExpiryStatus expiryStatus(Instant now) {
        if (now.isBefore(notBefore)) {
            return ExpiryStatus.NOT_YET_VALID;
        }
        if (!now.isBefore(notAfter)) {
            return ExpiryStatus.EXPIRED;
        }
        if (!notAfter.isAfter(now.plus(Duration.ofDays(CertificateInspector.EXPIRES_SOON_DAYS)))) {
            return ExpiryStatus.EXPIRES_SOON;
        }
        return ExpiryStatus.VALID;
    }

    /** Whether pushes for {@code topic} are covered: listed in the topics extension, or the UID bundle without one. */
    public boolean coversTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            return true;
        }
        String t = topic.trim();
        return topics.isEmpty() ? t.equals(bundleId) : topics.contains(t);
    }

    /**
     * Plain sentences about what will go wrong when this certificate pushes to {@code target} for
     * {@code bundleId} at {@code now}, each with the fix. Empty when nothing is wrong. {@code target} and
     * {@code bundleId} may be null to skip those checks.
     */
    public List<String> warnings(ApnsEnvironment target, String bundleId, Instant now) {
        return warnings(target, bundleId, null, now);
    }

    /**
     * Like {@link #warnings(ApnsEnvironment, String, Instant)}, and also checks that the topic the push type
     * needs (bundle + ".voip" for VoIP, ...) is in the certificate's topics. {@code pushType} may be null.
     */
    public List<String> warnings(ApnsEnvironment target, String bundleId, PushType pushType, Instant now) {
        List<String> out = new ArrayList<>();
        if (kind == CertificateKind.UNKNOWN) {
            out.add("This is not an APNs push certificate (" + describeCn() + "): it has neither Apple's development"
                    + " nor production push extension. In Certificates, Identifiers & Profiles create an Apple Push"
                    + " Notification service SSL certificate for the app's bundle ID, then export it with its key"
                    + " from Keychain Access as .p12.");
        } else if (target != null && !allows(target)) {
            out.add(environmentWarning(target));
        }
        expiryWarning(now).ifPresent(out::add);
        if (subject.equals(issuer)) {
            out.add("This certificate is self-signed, not issued by Apple: APNs rejects it at the TLS handshake."
                    + " Create the push certificate in the Apple Developer portal and export that one with its key.");
        }
        String bundle = bundleId == null ? "" : bundleId.trim();
        if (!bundle.isEmpty()) {
            topicWarning(bundle).ifPresent(out::add);
            if (pushType != null && !pushType.topicSuffix().isEmpty() && coversTopic(bundle)) {
                String topic = pushType.topicFor(bundle);
                if (!coversTopic(topic)) {
                    out.add("This certificate does not list the topic " + topic + " that " + pushType.headerValue()
                            + " pushes need (its topics: " + topicList() + "): APNs answers 400 TopicDisallowed."
                            + " Enable the capability for the App ID and create a new push certificate, or use a"
                            + " .p8 token key, which covers every topic of the team.");
                }
            }
        }
        return List.copyOf(out);
    }

    private String environmentWarning(ApnsEnvironment target) {
        if (kind == CertificateKind.DEVELOPMENT) {
            return "This development certificate cannot push to production: APNs answers 403"
                    + " BadCertificateEnvironment. Upload the production (Apple Push Services) certificate and use"
                    + " its certificate ID for Release builds.";
        }
        return "This production certificate cannot push to the sandbox (development): APNs answers 403"
                + " BadCertificateEnvironment. Upload the development certificate, or a universal Apple Push Services"
                + " certificate, and use its certificate ID for Debug builds.";
    }

    private Optional<String> expiryWarning(Instant now) {
        LocalDate end = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
        return switch (expiryStatus(now)) {
            case VALID -> Optional.empty();
            case EXPIRES_SOON -> {
                long days = Duration.between(now, notAfter).toDays();
                String when = days == 0 ? "in less than a day" : "in " + days + (days == 1 ? " day" : " days");
                yield Optional.of("This certificate expires " + when + " (" + end + "): renew it in the"
                        + " Apple Developer portal and upload the new .p12 before then, or pushes fail from that day.");
            }
            case EXPIRED -> {
                long days = Duration.between(notAfter, now).toDays();
                yield Optional.of("This certificate expired on " + end + " (" + days
                        + (days == 1 ? " day" : " days") + " ago): APNs refuses it at the TLS handshake. Create a new"
                        + " push certificate in the Apple Developer portal, export it with its key as .p12 and"
                        + " upload it.");
            }
            case NOT_YET_VALID -> Optional.of("This certificate is not valid before "
                    + LocalDate.ofInstant(notBefore, ZoneOffset.UTC) + ": APNs refuses it until then. Check this"
                    + " computer's date and time, or wait for the start date.");
        };
    }

    private Optional<String> topicWarning(String bundle) {
        if (coversTopic(bundle)) {
            return Optional.empty();
        }
        if (!topics.isEmpty() && bundle.equals(bundleId)) {
            return Optional.of("This certificate is for " + bundle + " but its topics (" + topicList()
                    + ") do not include " + bundle + ": APNs answers 400 TopicDisallowed. Create a new push"
                    + " certificate for the App ID " + bundle + ".");
        }
        String forWhat = bundleId.isEmpty() ? "an unnamed app" : bundleId;
        return Optional.of("This certificate is for " + forWhat + ", not for " + bundle + ": APNs rejects"
                + " its pushes to " + bundle + " (400 TopicDisallowed, or DeviceTokenNotForTopic when no apns-topic"
                + " is sent). Upload the push certificate of " + bundle + ", or check the bundle ID configured for"
                + " this certificate ID.");
    }

    private String topicList() {
        return topics.isEmpty() ? bundleId : String.join(", ", topics);
    }

    private String describeCn() {
        return commonName.isEmpty() ? subject : "CN=" + commonName;
    }

    /** One line for lists: "universal, com.example.chat, until 2031-11-25". */
    public String summary() {
        return kind.name().toLowerCase(Locale.ROOT) + ", " + (bundleId.isEmpty() ? commonName : bundleId)
                + ", until " + LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
    }
}
