package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.server.RejectionReason;

/**
 * Apple's rejection reasons that the gateways send: Pushy's constant, the HTTP status and Apple's reason text. Pushy
 * 0.15.4 has no constant for the 2025 key-scope reasons; they go through Pushy as 403 Forbidden and
 * {@link UnlistedReasons} puts Apple's text into the response body.
 */
enum ApnsRejection {
    BAD_COLLAPSE_ID(RejectionReason.BAD_COLLAPSE_ID, 400, "BadCollapseId"),
    BAD_DEVICE_TOKEN(RejectionReason.BAD_DEVICE_TOKEN, 400, "BadDeviceToken"),
    BAD_EXPIRATION_DATE(RejectionReason.BAD_EXPIRATION_DATE, 400, "BadExpirationDate"),
    BAD_MESSAGE_ID(RejectionReason.BAD_MESSAGE_ID, 400, "BadMessageId"),
    BAD_PRIORITY(RejectionReason.BAD_PRIORITY, 400, "BadPriority"),
    BAD_TOPIC(RejectionReason.BAD_TOPIC, 400, "BadTopic"),
    DEVICE_TOKEN_NOT_FOR_TOPIC(RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC, 400, "DeviceTokenNotForTopic"),
    DUPLICATE_HEADERS(RejectionReason.DUPLICATE_HEADERS, 400, "DuplicateHeaders"),
    INVALID_PUSH_TYPE(RejectionReason.INVALID_PUSH_TYPE, 400, "InvalidPushType"),
    MISSING_DEVICE_TOKEN(RejectionReason.MISSING_DEVICE_TOKEN, 400, "MissingDeviceToken"),
    MISSING_TOPIC(RejectionReason.MISSING_TOPIC, 400, "MissingTopic"),
    PAYLOAD_EMPTY(RejectionReason.PAYLOAD_EMPTY, 400, "PayloadEmpty"),
    TOPIC_DISALLOWED(RejectionReason.TOPIC_DISALLOWED, 400, "TopicDisallowed"),
    BAD_CERTIFICATE(RejectionReason.BAD_CERTIFICATE, 403, "BadCertificate"),
    BAD_CERTIFICATE_ENVIRONMENT(RejectionReason.BAD_CERTIFICATE_ENVIRONMENT, 403, "BadCertificateEnvironment"),
    EXPIRED_PROVIDER_TOKEN(RejectionReason.EXPIRED_PROVIDER_TOKEN, 403, "ExpiredProviderToken"),
    INVALID_PROVIDER_TOKEN(RejectionReason.INVALID_PROVIDER_TOKEN, 403, "InvalidProviderToken"),
    MISSING_PROVIDER_TOKEN(RejectionReason.MISSING_PROVIDER_TOKEN, 403, "MissingProviderToken"),
    UNRELATED_KEY_ID_IN_TOKEN(RejectionReason.FORBIDDEN, 403, "UnrelatedKeyIdInToken"),
    BAD_ENVIRONMENT_KEY_ID_IN_TOKEN(RejectionReason.FORBIDDEN, 403, "BadEnvironmentKeyIdInToken"),
    BAD_PATH(RejectionReason.BAD_PATH, 404, "BadPath"),
    METHOD_NOT_ALLOWED(RejectionReason.METHOD_NOT_ALLOWED, 405, "MethodNotAllowed"),
    UNREGISTERED(RejectionReason.UNREGISTERED, 410, "Unregistered"),
    PAYLOAD_TOO_LARGE(RejectionReason.PAYLOAD_TOO_LARGE, 413, "PayloadTooLarge");

    private final RejectionReason pushy;
    private final int status;
    private final String reason;

    ApnsRejection(RejectionReason pushy, int status, String reason) {
        this.pushy = pushy;
        this.status = status;
        this.reason = reason;
    }

    RejectionReason pushy() {
        return pushy;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    /** Whether Pushy's constant carries Apple's reason text; if not, the body is rewritten on its way out. */
    boolean pushyHasReason() {
        return pushy != RejectionReason.FORBIDDEN || "Forbidden".equals(reason);
    }
}
