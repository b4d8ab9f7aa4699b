package dev.pushflow.apns;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every rejection reason of Apple's provider API, once: the HTTP status, Apple's reason text, whether sending the
 * same push again can succeed, what it means in plain words and the fix. The embedded gateway answers with these
 * (its {@code ApnsRejection} takes status and text from here), and the doctor, the delivery log's explainer, Raw
 * push and the CLI explain with them. Facts follow Apple's provider API (shared/reference/apns-provider-api.md).
 *
 * <p>To add a reason: add a constant (in the order of Apple's table), a test in {@code ApnsReasonTest} picks it up.
 */
public enum ApnsReason {
    // 400
    BAD_COLLAPSE_ID(400, "BadCollapseId", false,
            "The apns-collapse-id is longer than " + ApnsHeaders.MAX_COLLAPSE_ID_BYTES + " bytes.",
            "Use a collapse ID of at most " + ApnsHeaders.MAX_COLLAPSE_ID_BYTES
                    + " bytes (e.g. the conversation ID)."),
    BAD_DEVICE_TOKEN(400, "BadDeviceToken", false,
            "APNs does not know this token in this environment. Most often it is a token of the other environment:"
                    + " a Debug build's sandbox token sent with the production certificate ID, or a Release build's"
                    + " production token sent with the development one. It can also be mistyped, truncated, or not"
                    + " plain hex.",
            "Release build -> production token -> the production certificate ID; Debug build -> development token ->"
                    + " the development certificate ID (TUIOfflinePushCertificateIDForAPNS under #ifdef DEBUG). Run"
                    + " `pushflow doctor --probe` to learn the token's environment."),
    BAD_EXPIRATION_DATE(400, "BadExpirationDate", false,
            "The apns-expiration header is not a number of epoch seconds.",
            "Send epoch seconds, 0 to try once, or leave the header out."),
    BAD_MESSAGE_ID(400, "BadMessageId", false,
            "The apns-id header is not a lowercase canonical UUID.",
            "Send a UUID like 123e4567-e89b-12d3-a456-426614174000, or leave the header out."),
    BAD_PRIORITY(400, "BadPriority", false,
            "The apns-priority is not 10, 5 or 1, or a background push (apns-push-type background, content-available"
                    + " only) was sent with priority 10: background pushes must use 5.",
            "Use 10 for alerts (immediate), 5 for background pushes and power-aware delivery, 1 to never wake the"
                    + " device; or leave the header out."),
    BAD_TOPIC(400, "BadTopic", false,
            "The apns-topic does not fit the push type (e.g. a voip push to the plain bundle ID).",
            "Use the bundle ID plus the push type's suffix: .voip, .complication, .push-type.liveactivity, ..."),
    DEVICE_TOKEN_NOT_FOR_TOPIC(400, "DeviceTokenNotForTopic", false,
            "The token belongs to another app than the apns-topic: the certificate ID is bound to another bundle ID,"
                    + " or the token came from another app.",
            "Send with the certificate ID (and bundle ID) of the app that reported the token."),
    DUPLICATE_HEADERS(400, "DuplicateHeaders", false, "A header was sent twice.",
            "Send each apns-* header at most once."),
    IDLE_TIMEOUT(400, "IdleTimeout", true, "The connection was idle too long and APNs closed it.",
            "Reconnect (Pushy does this itself) and send again."),
    INVALID_PUSH_TYPE(400, "InvalidPushType", false, "The apns-push-type value is unknown.",
            "Use alert, background, voip, complication, fileprovider, mdm, location, liveactivity, pushtotalk,"
                    + " widgets or controls."),
    MISSING_DEVICE_TOKEN(400, "MissingDeviceToken", false, "The request path has no device token.",
            "Send to /3/device/<hex token>: the app did not report a token (setAPNS was not called?)."),
    MISSING_TOPIC(400, "MissingTopic", false,
            "No apns-topic, and the credential covers several topics (or is a token key).",
            "Send apns-topic = the app's bundle ID (plus the push type's suffix)."),
    PAYLOAD_EMPTY(400, "PayloadEmpty", false, "The push has no payload.",
            "Send a JSON object such as {\"aps\":{\"alert\":\"Hi\"}}."),
    TOPIC_DISALLOWED(400, "TopicDisallowed", false,
            "The credential may not push to this topic (the certificate's topics do not include it).",
            "Use the push certificate of this bundle ID, or a .p8 key of the same team; enable the capability (VoIP,"
                    + " ...) and make a new certificate."),
    // 403
    BAD_CERTIFICATE(403, "BadCertificate", false,
            "APNs refused the client certificate (expired, revoked, or not a push certificate).",
            "Create a new push certificate in the Apple Developer portal, export it with its key as .p12 and upload it"
                    + " to the console."),
    BAD_CERTIFICATE_ENVIRONMENT(403, "BadCertificateEnvironment", false,
            "A development certificate was sent to production, or a production-only certificate to the sandbox.",
            "Upload the certificate of the right environment (or a universal 'Apple Push Services' certificate) and"
                    + " use its certificate ID."),
    EXPIRED_PROVIDER_TOKEN(403, "ExpiredProviderToken", true, "The provider token (JWT) is older than one hour.",
            "Refresh the token every 20 to 60 minutes (Pushy does every 50); check the sending computer's clock."),
    FORBIDDEN(403, "Forbidden", false, "APNs refused the request for a reason it does not name.",
            "Check the credential, team and topic; if it persists, ask Apple developer support."),
    INVALID_PROVIDER_TOKEN(403, "InvalidProviderToken", false,
            "The JWT's signature, Key ID or Team ID is wrong, or the key was revoked.",
            "Check the Key ID (10 characters: the Keys page, or the file name AuthKey_<KEYID>.p8) and the Team ID"
                    + " (Membership), and that the .p8 is that key."),
    MISSING_PROVIDER_TOKEN(403, "MissingProviderToken", false, "No authorization header and no client certificate.",
            "Load a .p8 token key or a .p12 certificate for this connection."),
    UNRELATED_KEY_ID_IN_TOKEN(403, "UnrelatedKeyIdInToken", false,
            "The .p8 key is topic-specific (a key scope since 2025) and does not list this push's app: the"
                    + " apns-topic's bundle ID is not among the key's topics.",
            "Add this bundle ID to the key's topics (or use another key whose topics include it), or use a"
                    + " team-scoped key; the key's scope shows at " + ApnsReason.KEY_PAGE + "."),
    BAD_ENVIRONMENT_KEY_ID_IN_TOKEN(403, "BadEnvironmentKeyIdInToken", false,
            "The .p8 key is scoped to the other environment (a Sandbox-only or Production-only key, since 2025); the"
                    + " answer says nothing about the device token.",
            ApnsReason.ENVIRONMENT_KEY_FIX),
    BAD_ENVIRONMENT_KEY_IN_TOKEN(403, "BadEnvironmentKeyInToken", false,
            "The .p8 key is scoped to the other environment (the name some clients see for"
                    + " BadEnvironmentKeyIdInToken); the answer says nothing about the device token.",
            ApnsReason.ENVIRONMENT_KEY_FIX),
    // 404, 405
    BAD_PATH(404, "BadPath", false, "The request path is not /3/device/<token>.", "Send to /3/device/<hex token>."),
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed", false, "The request was not a POST.", "Send the push with POST."),
    // 410
    EXPIRED_TOKEN(410, "ExpiredToken", false, "The token has expired: the device no longer uses it.",
            "Stop sending to it; the app reports a new token at its next login."),
    UNREGISTERED(410, "Unregistered", false,
            "The app was uninstalled or push was turned off; the timestamp says since when. It is not an error.",
            "Stop sending to this token. The app reports a new token if reinstalled."),
    // 413, 429
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge", false,
            "The payload is larger than " + PushType.ALERT.maxPayloadBytes() + " bytes ("
                    + PushType.VOIP.maxPayloadBytes() + " for VoIP).",
            "Shorten the payload; fetch large content when the notification arrives."),
    TOO_MANY_PROVIDER_TOKEN_UPDATES(429, "TooManyProviderTokenUpdates", true,
            "The JWT was changed more often than every 20 minutes.",
            "Reuse one client per credential and host, and one JWT for 20 to 60 minutes."),
    TOO_MANY_REQUESTS(429, "TooManyRequests", true, "Too many pushes to the same device token in a short time.",
            "Wait and retry later; send fewer pushes to that device."),
    // 5xx
    INTERNAL_SERVER_ERROR(500, "InternalServerError", true, "APNs had an internal error.", "Retry with back-off."),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", true, "APNs is unavailable for now.", "Retry with back-off."),
    SHUTDOWN(503, "Shutdown", true, "The APNs server is shutting this connection down.",
            "Reconnect (Pushy does) and send again.");

    /** Where a .p8 key's scope (environment, team-scoped or topic-specific) shows in the developer portal. */
    public static final String KEY_PAGE = "developer.apple.com/account > Certificates, Identifiers & Profiles > Keys"
            + " (click the key: its Apple Push Notification service configuration)";
    private static final String ENVIRONMENT_KEY_FIX = "Use a key for this environment, or create a \"Sandbox &"
            + " Production\" key; the key's environment shows at " + KEY_PAGE + ".";

    private static final Map<String, ApnsReason> BY_TEXT = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(r -> r.reason, Function.identity()));

    private final int status;
    private final String reason;
    private final boolean retryable;
    private final String explanation;
    private final String fix;

    ApnsReason(int status, String reason, boolean retryable, String explanation, String fix) {
        this.status = status;
        this.reason = reason;
        this.retryable = retryable;
        this.explanation = explanation;
        this.fix = fix;
    }

    /** The HTTP status APNs answers with. */
    public int status() {
        return status;
    }

    /** Apple's reason text, as in the JSON body {@code {"reason":"..."}}. */
    public String reason() {
        return reason;
    }

    /** Whether the same push can succeed later (after a delay, a reconnect or a new JWT); false = final. */
    public boolean retryable() {
        return retryable;
    }

    /** What it means, in plain words. */
    public String explanation() {
        return explanation;
    }

    /** What to change. */
    public String fix() {
        return fix;
    }

    /** "retry later" or "final: never retried". */
    public String retryNote() {
        return retryable ? "sending again later can succeed" : "final: the same push fails again, never retried";
    }

    /** The reason for Apple's text (exact case, surrounding spaces ignored); empty for anything Apple does not list. */
    public static Optional<ApnsReason> find(String reason) {
        return reason == null ? Optional.empty() : Optional.ofNullable(BY_TEXT.get(reason.strip()));
    }

    /** "BadDeviceToken: APNs does not know ... Fix: ..."; for an unknown reason a plain note that it is unknown. */
    public static String explain(String reason) {
        return find(reason).map(r -> r.reason + ": " + r.explanation + " Fix: " + r.fix)
                .orElse(reason + ": not a reason Apple documents; check Apple's provider API for new reasons.");
    }

    /** The reasons APNs answers with {@code status}, in Apple's order. */
    public static List<ApnsReason> withStatus(int status) {
        return Stream.of(values()).filter(r -> r.status == status).toList();
    }

    @Override
    public String toString() {
        return reason + " (" + status + ")";
    }
}
