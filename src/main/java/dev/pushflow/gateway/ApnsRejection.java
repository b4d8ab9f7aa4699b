package dev.pushflow.gateway;

/**
 * Apple's error answers that the gateways send: the HTTP status and Apple's reason text. The gateway writes the JSON
 * body {@code {"reason":"..."}} itself (with {@code "timestamp"} for 410), so every reason Apple documents can be
 * sent, including the ones Pushy's client has no constant for.
 */
enum ApnsRejection {
    BAD_COLLAPSE_ID(400, "BadCollapseId"),
    BAD_DEVICE_TOKEN(400, "BadDeviceToken"),
    BAD_EXPIRATION_DATE(400, "BadExpirationDate"),
    BAD_MESSAGE_ID(400, "BadMessageId"),
    BAD_PRIORITY(400, "BadPriority"),
    BAD_TOPIC(400, "BadTopic"),
    DEVICE_TOKEN_NOT_FOR_TOPIC(400, "DeviceTokenNotForTopic"),
    DUPLICATE_HEADERS(400, "DuplicateHeaders"),
    IDLE_TIMEOUT(400, "IdleTimeout"),
    INVALID_PUSH_TYPE(400, "InvalidPushType"),
    MISSING_DEVICE_TOKEN(400, "MissingDeviceToken"),
    MISSING_TOPIC(400, "MissingTopic"),
    PAYLOAD_EMPTY(400, "PayloadEmpty"),
    TOPIC_DISALLOWED(400, "TopicDisallowed"),
    BAD_CERTIFICATE(403, "BadCertificate"),
    BAD_CERTIFICATE_ENVIRONMENT(403, "BadCertificateEnvironment"),
    EXPIRED_PROVIDER_TOKEN(403, "ExpiredProviderToken"),
    FORBIDDEN(403, "Forbidden"),
    INVALID_PROVIDER_TOKEN(403, "InvalidProviderToken"),
    MISSING_PROVIDER_TOKEN(403, "MissingProviderToken"),
    UNRELATED_KEY_ID_IN_TOKEN(403, "UnrelatedKeyIdInToken"),
    BAD_ENVIRONMENT_KEY_ID_IN_TOKEN(403, "BadEnvironmentKeyIdInToken"),
    BAD_PATH(404, "BadPath"),
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),
    EXPIRED_TOKEN(410, "ExpiredToken"),
    UNREGISTERED(410, "Unregistered"),
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),
    TOO_MANY_PROVIDER_TOKEN_UPDATES(429, "TooManyProviderTokenUpdates"),
    TOO_MANY_REQUESTS(429, "TooManyRequests"),
    INTERNAL_SERVER_ERROR(500, "InternalServerError"),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable"),
    SHUTDOWN(503, "Shutdown");

    private final int status;
    private final String reason;

    ApnsRejection(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    /** Whether Apple's answer carries a {@code timestamp}: only 410s do. */
    boolean carriesTimestamp() {
        return status == 410;
    }

    /** The JSON body Apple sends: {@code {"reason":"..."}}, plus the millisecond timestamp for a 410. */
    String body(long timestampMillis) {
        return carriesTimestamp()
                ? "{\"reason\":\"" + reason + "\",\"timestamp\":" + timestampMillis + "}"
                : "{\"reason\":\"" + reason + "\"}";
    }
}
