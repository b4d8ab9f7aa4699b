package dev.pushflow.explain;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.ApnsReason;
import dev.pushflow.apns.ApnsTopics;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;

import java.util.Optional;

/**
 * Says what a delivery log record means here and how to fix it. What a reason means in general comes from the
 * {@link ApnsReason} catalogue; this class keeps only what is specific to the IM flow: the certificate ID the app
 * reported (businessID), the build that reported it, the environment of its device token, the backend's no-push
 * decisions, and a .p8 key's declared scope.
 */
public final class RejectionExplainer {
    /** Where the developer portal shows a .p8 key's scope. */
    static final String SEE_SCOPE = "The key's scope shows in " + KeyScope.WHERE + " (click the key: the"
            + " Environment and the key restriction of its Apple Push Notification service configuration).";

    private RejectionExplainer() {
    }

    /**
     * @param r        the record
     * @param build    the build of the device it went to, or null when unknown (real device, removed)
     * @param settings the app's settings (certificate ID per build), or null
     */
    public static Explanation explain(DeliveryRecord r, BuildConfiguration build, AppSettings settings) {
        String cert = "certificate ID " + r.certificateId();
        String env = r.environment() == null ? "?" : r.environment().appleName();
        String buildName = build == null ? "the app's" : "the " + build.displayName();
        String device = r.deviceName() == null ? r.deviceId() : r.deviceName();
        if (r.status() == DeliveryStatus.ACCEPTED) {
            return new Explanation("Accepted by APNs (" + r.statusCode() + ")",
                    "The " + env + " gateway accepted the push for " + device + " sent with " + cert
                            + ". A 200 means APNs accepted it, not that the phone showed it: see what happened after the 200.", "");
        }
        if (r.status() == DeliveryStatus.ONLINE) {
            return new Explanation("Delivered online, no push",
                    "The app on " + device + " is in the foreground and holds the IM connection: the message "
                            + "arrives over it, so the backend sends no APNs push.",
                    "To see an offline push, switch the app to Background, Screen locked or Killed.");
        }
        if (r.status() == DeliveryStatus.NO_PUSH) {
            return noPush(r, device, buildName);
        }
        if (r.status() == DeliveryStatus.FAILED) {
            return new Explanation("No answer from APNs",
                    "The push for " + device + " with " + cert + " never got an HTTP/2 answer: "
                            + (r.detail() == null ? "connection trouble" : r.detail()) + ".",
                    "Check the gateway (embedded or Apple), the network or proxy, and the credential behind " + cert + ".");
        }
        String reason = r.reason() == null ? "" : r.reason();
        Optional<Explanation> scoped = keyScope(reason, r.statusCode(), "the .p8 key behind " + cert, null,
                r.environment(), r.topic());
        if (scoped.isPresent()) {
            Explanation e = scoped.get();
            return new Explanation(e.headline(), e.meaning(), e.fix() + " Then give " + cert
                    + " that key in the Console.");
        }
        return switch (reason) {
            case "BadDeviceToken" -> badDeviceToken(r, build, settings, device, cert, env);
            case "DeviceTokenNotForTopic" -> new Explanation(head("DeviceTokenNotForTopic"),
                    "The token of " + device + " was issued for another app than the bundle ID (apns-topic "
                            + r.topic() + ") of " + cert + ".",
                    "Give " + cert + " the app's bundle ID in the console, or make " + buildName
                            + " build report the certificate ID whose bundle ID matches the app.");
            case "Unregistered" -> new Explanation(head("Unregistered"),
                    "APNs says the token of " + device + " is no longer valid"
                            + (r.invalidationTimestamp() == null ? "" : " since " + r.invalidationTimestamp())
                            + ": the app was uninstalled, or push was turned off on the phone. The backend keeps "
                            + "the binding until APNs tells it so.",
                    "Install the app again and log in: registerService reports a new token with setAPNS. "
                            + "A real backend should stop pushing to this token.");
            case "PayloadTooLarge" -> new Explanation(head("PayloadTooLarge"),
                    "The payload is over Apple's limit (4096 bytes, 5120 for VoIP). In this flow it is mostly "
                            + "offlinePushInfo.ext or desc that grow it.",
                    "Keep desc + ext under about 3 KB as the vendor recommends: send an ID in ext and fetch the rest in the app.");
            case "BadCertificateEnvironment" -> new Explanation(head("BadCertificateEnvironment"),
                    "The certificate behind " + cert + " is for the other environment than the gateway " + env + " it was sent to.",
                    "Mark " + cert + " with the environment its certificate was made for (development or production), "
                            + "or upload a universal certificate.");
            case "BadCertificate" -> new Explanation(head("BadCertificate"),
                    "APNs did not accept the client certificate of " + cert + ".",
                    "Export the push certificate again as .p12 with its private key and upload it for " + cert + ".");
            case "InvalidProviderToken" -> new Explanation(head("InvalidProviderToken"),
                    "The JWT signed with the .p8 key of " + cert + " did not verify: wrong Key ID, Team ID or key.",
                    "Check the Key ID (10 characters, from the key's file name AuthKey_<KeyID>.p8) and the Team ID of " + cert + ".");
            case "MissingProviderToken" -> new Explanation(head("MissingProviderToken"),
                    "No certificate and no provider token was sent for " + cert + ".",
                    "Give " + cert + " a .p12 certificate or a .p8 key in the console.");
            case "TopicDisallowed", "BadTopic", "MissingTopic" -> new Explanation(head(reason),
                    "APNs refused apns-topic " + r.topic() + " for " + cert + ": the credential may not push to it.",
                    "Set the bundle ID of " + cert + " to the app's bundle ID (the certificate's topics list it); "
                            + "VoIP pushes use <bundle>.voip.");
            default -> ApnsReason.find(reason).map(a -> new Explanation(a.toString(),
                            "APNs rejected the push for " + device + " with " + cert + ": " + a.explanation(),
                            a.fix() + " (" + capitalize(a.retryNote()) + ".)"))
                    .orElseGet(() -> new Explanation(reason + " (" + r.statusCode() + ")",
                            "APNs rejected the push for " + device + " with " + cert + ": " + reason
                                    + (r.detail() == null ? "" : " (" + r.detail() + ")")
                                    + ", not a reason Apple documents.",
                            "See Apple's list of APNs error reasons; rejections are final and never retried."));
        };
    }

    /**
     * What a rejection for a .p8 key's scope (since 2025) means: 403 BadEnvironmentKeyIdInToken (the key is scoped
     * to the other environment) or 403 UnrelatedKeyIdInToken (a topic-specific key that does not list the bundle
     * ID), with the fix and where the portal shows the scope. Empty for every other reason.
     *
     * @param key         names the key in a sentence, e.g. "the .p8 key PFKEY00001"
     * @param declared    the scope the user declared for it; null = not declared
     * @param environment the gateway's environment; null when unknown
     * @param topic       the apns-topic sent; null when unknown
     */
    public static Optional<Explanation> keyScope(String reason, int status, String key, KeyScope declared,
                                                 ApnsEnvironment environment, String topic) {
        String r = reason == null ? "" : reason.strip();
        String code = " (" + (status == 0 ? 403 : status) + ")";
        String subject = key == null || key.isBlank() ? "the .p8 key" : key;
        if (r.equals("BadEnvironmentKeyIdInToken") || r.equals("BadEnvironmentKeyInToken")) {
            String here = environment == null ? "The gateway" : "The " + environment.wireName() + " gateway";
            String there = environment == null ? "this environment" : where(environment);
            String as;
            if (declared == null) {
                as = " Its scope was not declared here: APNs knows it from the developer portal.";
            } else if (environment != null && declared.allows(environment)) {
                as = " It was declared " + declared.environmentName() + ", so the declaration is wrong.";
            } else {
                as = " It was declared " + declared.environmentName() + ", as APNs says.";
            }
            return Optional.of(new Explanation(r + code + ": the key is scoped to the other environment",
                    here + " refused the provider token (JWT) of " + subject + ": the key was made for "
                            + (environment == null ? "the other environment" : portal(environment.other()) + " only")
                            + " (a key scoped to one environment, since 2025)." + as
                            + " The answer says nothing about the device token.",
                    "Push to " + there + " with a key made for " + (environment == null ? "this environment"
                            : portal(environment)) + ", or create a \"Sandbox & Production\" key and use it for both"
                            + " environments. " + SEE_SCOPE));
        }
        if (r.equals("UnrelatedKeyIdInToken")) {
            String bundle = topic == null || topic.isBlank() ? null : ApnsTopics.bundleOf(topic.strip());
            String which = bundle == null ? "this push's bundle ID" : bundle;
            String as;
            if (declared == null) {
                as = " Its scope was not declared here: APNs knows it from the developer portal.";
            } else if (declared.coversTopic(topic)) {
                as = " It was declared " + declared.describe() + ", so the declaration is wrong.";
            } else {
                as = " It was declared " + declared.describe() + ", as APNs says.";
            }
            return Optional.of(new Explanation(r + code + ": the key does not list " + which,
                    "APNs refused the provider token (JWT) of " + subject + " for apns-topic "
                            + (topic == null ? "(unknown)" : topic) + ": the key is topic-specific (a key limited to"
                            + " some bundle IDs, since 2025) and " + which + " is not among its topics." + as,
                    "Add " + which + " to the key's topics, or use a team-scoped key (or another key whose topics"
                            + " include " + which + "). " + SEE_SCOPE));
        }
        return Optional.empty();
    }

    /** "Unregistered (410)": Apple's text and status, from the catalogue. */
    private static String head(String reason) {
        return ApnsReason.find(reason).map(ApnsReason::toString).orElse(reason);
    }

    private static String where(ApnsEnvironment env) {
        return env == ApnsEnvironment.SANDBOX ? "the sandbox" : "production";
    }

    /** The portal's word for an environment: "Sandbox" or "Production". */
    private static String portal(ApnsEnvironment env) {
        return env == ApnsEnvironment.SANDBOX ? "Sandbox" : "Production";
    }

    private static Explanation badDeviceToken(DeliveryRecord r, BuildConfiguration build, AppSettings settings,
                                              String device, String cert, String env) {
        ApnsEnvironment certEnv = r.environment();
        ApnsEnvironment tokenEnv = build == null ? (certEnv == null ? null : certEnv.other()) : build.tokenEnvironment();
        String buildName = build == null ? "The app" : "The " + build.displayName() + " build";
        String meaning = buildName + " on " + device + " reported its device token with businessID "
                + r.certificateId() + ", which is a " + env + " certificate, so the backend pushed to the " + env
                + " gateway. " + (tokenEnv == null ? "The token belongs to the other environment"
                : "But a " + (build == null ? "" : build.displayName() + " build's ") + "token is a " + tokenEnv.appleName() + " token")
                + ", so APNs answers BadDeviceToken (the IM console's \"bad devicetoken\" error).";
        String fix;
        if (build != null) {
            String want = build == BuildConfiguration.DEBUG ? "development" : "production";
            long current = settings == null ? r.certificateId() : settings.certificateIdFor(build);
            fix = "Set TUIOfflinePushCertificateIDForAPNS for " + build.displayName() + " builds to the " + want
                    + " certificate ID (it is " + current + " now), then log in again so setAPNS reports the right businessID. "
                    + (build == BuildConfiguration.DEBUG ? "Debug builds get development tokens."
                    : "Release, TestFlight and App Store builds get production tokens.");
        } else {
            fix = "Make the build report the certificate ID of its own environment: Debug -> development, Release -> production.";
        }
        return new Explanation(head("BadDeviceToken") + ": token and " + cert + " are of different environments", meaning, fix);
    }

    private static Explanation noPush(DeliveryRecord r, String device, String buildName) {
        String code = r.reason() == null ? "" : r.reason();
        String detail = r.detail() == null ? "" : r.detail();
        String fix = switch (code) {
            case "logged-out" -> "Log the user in on " + device + ": registerService runs and setAPNS binds the token again.";
            case "kicked-off" -> "Log the user in again on " + device + " (the newer login elsewhere kicked it off).";
            case "token-unregistered" -> "Install the app again on " + device + " and log in: registerService"
                    + " reports the new token (APNs said 410 for the old one).";
            case "push-disabled" -> "Turn push on for " + device + " (setAPNS with a config instead of nil).";
            case "disable-push" -> "Clear offlinePushInfo.disablePush in the message.";
            case "custom-without-desc" -> "Set offlinePushInfo.desc: it is the text shown for a custom message.";
            case "no-certificate-id" -> "Add TUIOfflinePushCertificateIDForAPNS(<certificate ID>) for " + buildName
                    + " build in AppDelegate (Console panel: the certificate-ID macro).";
            case "unknown-certificate-id" -> "Upload the certificate for certificate ID " + r.certificateId()
                    + " in the console, or fix the app's macro to an existing ID.";
            case "no-device" -> "Log the recipient in on a device.";
            case "no-token" -> noTokenFix(device);
            default -> "";
        };
        return new Explanation("No push: " + code, detail.isEmpty() ? "The backend decided not to push." : capitalize(detail) + ".", fix);
    }

    /**
     * The seed's FAQ "deviceToken is not returned for registration occasionally or APNs' request for token fails in
     * the iOS development environment", remedies quoted; in the Devices panel each one is an action.
     */
    static String noTokenFix(String device) {
        return "The guide blames the instability of APNs in the development environment and lists: "
                + dev.pushflow.engine.TokenRemedy.GUIDE + ". Each makes iOS request the token again: in the Devices"
                + " panel select " + device + " and use Network: cellular, Reinstall, Restart the app, Restart the"
                + " phone, Switch to a Release build or Retry registration, or add another iPhone; then log in if"
                + " the app asks for it and send again.";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
