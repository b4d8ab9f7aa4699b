package dev.pushflow.doctor;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every rejection reason of Apple's provider API, with what it means for an IM app and what to do. */
public final class ApnsReasons {

    /** @param retry whether sending the same push again can succeed (after a delay or back-off) */
    public record Reason(int status, String reason, String explanation, String fix, boolean retry) {
    }

    private static final Map<String, Reason> REASONS = new LinkedHashMap<>();

    /** Where a .p8 key's scope (environment, team-scoped or topic-specific) shows in the developer portal. */
    static final String KEY_PAGE = "developer.apple.com/account > Certificates, Identifiers & Profiles > Keys"
            + " (click the key: its Apple Push Notification service configuration)";

    private static void add(int status, String reason, String explanation, String fix, boolean retry) {
        REASONS.put(reason, new Reason(status, reason, explanation, fix, retry));
    }

    static {
        // 400
        add(400, "BadCollapseId", "The apns-collapse-id is longer than 64 bytes.",
                "Use a collapse ID of at most 64 bytes (e.g. the conversation ID).", false);
        add(400, "BadDeviceToken", "APNs does not know this token in this environment. Most often it is a token of"
                        + " the other environment: a Debug build's sandbox token sent with the production certificate ID,"
                        + " or a Release build's production token sent with the development one. It can also be"
                        + " mistyped, truncated, or not plain hex.",
                "Release build -> production token -> the production certificate ID; Debug build -> development"
                        + " token -> the development certificate ID (TUIOfflinePushCertificateIDForAPNS under #ifdef"
                        + " DEBUG). Run `pushflow doctor --probe` to learn the token's environment.", false);
        add(400, "BadExpirationDate", "The apns-expiration header is not a number of epoch seconds.",
                "Send epoch seconds, 0 to try once, or leave the header out.", false);
        add(400, "BadMessageId", "The apns-id header is not a lowercase canonical UUID.",
                "Send a UUID like 123e4567-e89b-12d3-a456-426614174000, or leave the header out.", false);
        add(400, "BadPriority", "The apns-priority is not 10, 5 or 1, or a background push used 10.",
                "Use 10 for alerts, 5 for background (content-available) pushes, 1 to never wake the device.", false);
        add(400, "BadTopic", "The apns-topic does not fit the push type (e.g. a voip push to the plain bundle ID).",
                "Use the bundle ID plus the push type's suffix: .voip, .complication, .push-type.liveactivity, ...",
                false);
        add(400, "DeviceTokenNotForTopic", "The token belongs to another app than the apns-topic: the certificate ID"
                        + " is bound to another bundle ID, or the token came from another app.",
                "Send with the certificate ID (and bundle ID) of the app that reported the token.", false);
        add(400, "DuplicateHeaders", "A header was sent twice.", "Send each apns-* header at most once.", false);
        add(400, "IdleTimeout", "The connection was idle too long and APNs closed it.",
                "Reconnect (Pushy does this itself) and send again.", true);
        add(400, "InvalidPushType", "The apns-push-type value is unknown.",
                "Use alert, background, voip, complication, fileprovider, mdm, location, liveactivity, pushtotalk,"
                        + " widgets or controls.", false);
        add(400, "MissingDeviceToken", "The request path has no device token.",
                "Send to /3/device/<hex token>: the app did not report a token (setAPNS was not called?).", false);
        add(400, "MissingTopic", "No apns-topic, and the credential covers several topics (or is a token key).",
                "Send apns-topic = the app's bundle ID (plus the push type's suffix).", false);
        add(400, "PayloadEmpty", "The push has no payload.", "Send a JSON object such as {\"aps\":{\"alert\":\"Hi\"}}.",
                false);
        add(400, "TopicDisallowed", "The credential may not push to this topic (the certificate's topics do not"
                        + " include it).",
                "Use the push certificate of this bundle ID, or a .p8 key of the same team; enable the capability"
                        + " (VoIP, ...) and make a new certificate.", false);
        // 403
        add(403, "BadCertificate", "APNs refused the client certificate (expired, revoked, or not a push"
                        + " certificate).",
                "Create a new push certificate in the Apple Developer portal, export it with its key as .p12 and"
                        + " upload it to the console.", false);
        add(403, "BadCertificateEnvironment", "A development certificate was sent to production, or a"
                        + " production-only certificate to the sandbox.",
                "Upload the certificate of the right environment (or a universal 'Apple Push Services' certificate)"
                        + " and use its certificate ID.", false);
        add(403, "ExpiredProviderToken", "The JWT is older than one hour.",
                "Refresh the token every 20 to 60 minutes (Pushy does every 50); check the sending computer's clock.",
                true);
        add(403, "Forbidden", "APNs refused the request for a reason it does not name.",
                "Check the credential, team and topic; if it persists, ask Apple developer support.", false);
        add(403, "InvalidProviderToken", "The JWT's signature, Key ID or Team ID is wrong, or the key was revoked.",
                "Check the Key ID (Keys page, or the file name AuthKey_<KEYID>.p8) and the Team ID (Membership),"
                        + " and that the .p8 is that key.", false);
        add(403, "MissingProviderToken", "No authorization header and no client certificate.",
                "Load a .p8 token key or a .p12 certificate for this connection.", false);
        add(403, "UnrelatedKeyIdInToken", "The .p8 key is topic-specific (a key scope since 2025) and does not list"
                        + " this push's app: the apns-topic's bundle ID is not among the key's topics.",
                "Add this bundle ID to the key's topics (or use another key whose topics include it), or use a"
                        + " team-scoped key; the key's scope shows at " + KEY_PAGE + ".", false);
        add(403, "BadEnvironmentKeyIdInToken", "The .p8 key is scoped to the other environment (a Sandbox-only or"
                        + " Production-only key, since 2025); the answer says nothing about the device token.",
                "Use a key for this environment, or create a \"Sandbox & Production\" key; the key's environment"
                        + " shows at " + KEY_PAGE + ".", false);
        add(403, "BadEnvironmentKeyInToken", "The .p8 key is scoped to the other environment (the name some clients"
                        + " see for BadEnvironmentKeyIdInToken); the answer says nothing about the device token.",
                "Use a key for this environment, or create a \"Sandbox & Production\" key; the key's environment"
                        + " shows at " + KEY_PAGE + ".", false);
        // 404, 405
        add(404, "BadPath", "The request path is not /3/device/<token>.", "Send to /3/device/<hex token>.", false);
        add(405, "MethodNotAllowed", "The request was not a POST.", "Send the push with POST.", false);
        // 410
        add(410, "ExpiredToken", "The token has expired: the device no longer uses it.",
                "Stop sending to it; the app reports a new token at its next login.", false);
        add(410, "Unregistered", "The app was uninstalled or push was turned off; the timestamp says since when.",
                "Stop sending to this token; it is not an error. The app reports a new token if reinstalled.", false);
        // 413, 429
        add(413, "PayloadTooLarge", "The payload is larger than 4096 bytes (5120 for VoIP).",
                "Shorten the payload; fetch large content when the notification arrives.", false);
        add(429, "TooManyProviderTokenUpdates", "The JWT was changed more often than every 20 minutes.",
                "Reuse one client per credential and host, and one JWT for 20 to 60 minutes.", true);
        add(429, "TooManyRequests", "Too many pushes to the same device token in a short time.",
                "Wait and retry later; send fewer pushes to that device.", true);
        // 5xx
        add(500, "InternalServerError", "APNs had an internal error.", "Retry with back-off.", true);
        add(503, "ServiceUnavailable", "APNs is unavailable for now.", "Retry with back-off.", true);
        add(503, "Shutdown", "The APNs server is shutting this connection down.",
                "Reconnect (Pushy does) and send again.", true);
    }

    private ApnsReasons() {
    }

    public static Optional<Reason> find(String reason) {
        return Optional.ofNullable(reason == null ? null : REASONS.get(reason.strip()));
    }

    /** "BadDeviceToken: APNs does not know ... Fix: ..."; for an unknown reason a plain note that it is unknown. */
    public static String explain(String reason) {
        return find(reason).map(r -> r.reason() + ": " + r.explanation() + " Fix: " + r.fix())
                .orElse(reason + ": not a reason Apple documents; check Apple's provider API for new reasons.");
    }

    public static Collection<Reason> all() {
        return Collections.unmodifiableCollection(REASONS.values());
    }
}
