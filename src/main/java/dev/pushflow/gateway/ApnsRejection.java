package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsReason;

/**
 * Apple's error answers that the gateways send. The HTTP status and Apple's reason text come from the catalogue's
 * {@link ApnsReason}; the gateway writes the JSON body {@code {"reason":"..."}} itself (with {@code "timestamp"}
 * for 410), so every reason Apple documents can be sent, including the ones Pushy's client has no constant for.
 */
enum ApnsRejection {
    BAD_COLLAPSE_ID(ApnsReason.BAD_COLLAPSE_ID),
    BAD_DEVICE_TOKEN(ApnsReason.BAD_DEVICE_TOKEN),
    BAD_EXPIRATION_DATE(ApnsReason.BAD_EXPIRATION_DATE),
    BAD_MESSAGE_ID(ApnsReason.BAD_MESSAGE_ID),
    BAD_PRIORITY(ApnsReason.BAD_PRIORITY),
    BAD_TOPIC(ApnsReason.BAD_TOPIC),
    DEVICE_TOKEN_NOT_FOR_TOPIC(ApnsReason.DEVICE_TOKEN_NOT_FOR_TOPIC),
    DUPLICATE_HEADERS(ApnsReason.DUPLICATE_HEADERS),
    IDLE_TIMEOUT(ApnsReason.IDLE_TIMEOUT),
    INVALID_PUSH_TYPE(ApnsReason.INVALID_PUSH_TYPE),
    MISSING_DEVICE_TOKEN(ApnsReason.MISSING_DEVICE_TOKEN),
    MISSING_TOPIC(ApnsReason.MISSING_TOPIC),
    PAYLOAD_EMPTY(ApnsReason.PAYLOAD_EMPTY),
    TOPIC_DISALLOWED(ApnsReason.TOPIC_DISALLOWED),
    BAD_CERTIFICATE(ApnsReason.BAD_CERTIFICATE),
    BAD_CERTIFICATE_ENVIRONMENT(ApnsReason.BAD_CERTIFICATE_ENVIRONMENT),
    EXPIRED_PROVIDER_TOKEN(ApnsReason.EXPIRED_PROVIDER_TOKEN),
    FORBIDDEN(ApnsReason.FORBIDDEN),
    INVALID_PROVIDER_TOKEN(ApnsReason.INVALID_PROVIDER_TOKEN),
    MISSING_PROVIDER_TOKEN(ApnsReason.MISSING_PROVIDER_TOKEN),
    UNRELATED_KEY_ID_IN_TOKEN(ApnsReason.UNRELATED_KEY_ID_IN_TOKEN),
    BAD_ENVIRONMENT_KEY_ID_IN_TOKEN(ApnsReason.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN),
    BAD_PATH(ApnsReason.BAD_PATH),
    METHOD_NOT_ALLOWED(ApnsReason.METHOD_NOT_ALLOWED),
    EXPIRED_TOKEN(ApnsReason.EXPIRED_TOKEN),
    UNREGISTERED(ApnsReason.UNREGISTERED),
    PAYLOAD_TOO_LARGE(ApnsReason.PAYLOAD_TOO_LARGE),
    TOO_MANY_PROVIDER_TOKEN_UPDATES(ApnsReason.TOO_MANY_PROVIDER_TOKEN_UPDATES),
    TOO_MANY_REQUESTS(ApnsReason.TOO_MANY_REQUESTS),
    INTERNAL_SERVER_ERROR(ApnsReason.INTERNAL_SERVER_ERROR),
    SERVICE_UNAVAILABLE(ApnsReason.SERVICE_UNAVAILABLE),
    SHUTDOWN(ApnsReason.SHUTDOWN);

    private final ApnsReason apns;

    ApnsRejection(ApnsReason apns) {
        this.apns = apns;
    }

    /** The catalogue's entry: status, Apple's text, retryable or final, explanation and fix. */
    ApnsReason apns() {
        return apns;
    }

    int status() {
        return apns.status();
    }

    String reason() {
        return apns.reason();
    }

    /** Whether Apple's answer carries a {@code timestamp}: only 410s do. */
    boolean carriesTimestamp() {
        return status() == 410;
    }

    /** The JSON body Apple sends: {@code {"reason":"..."}}, plus the millisecond timestamp for a 410. */
    String body(long timestampMillis) {
        return carriesTimestamp()
                ? "{\"reason\":\"" + reason() + "\",\"timestamp\":" + timestampMillis + "}"
                : "{\"reason\":\"" + reason() + "\"}";
    }
}
