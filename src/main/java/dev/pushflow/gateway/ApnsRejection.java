package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.server.RejectionReason;
import dev.pushflow.apns.ApnsReason;

/**
 * Apple's rejection reasons that the gateways send: Pushy's constant and the catalogue's {@link ApnsReason} (the HTTP
 * status and Apple's reason text come from there). Pushy
 * 0.15.4 has no constant for the 2025 key-scope reasons; they go through Pushy as 403 Forbidden and
 * {@link UnlistedReasons} puts Apple's text into the response body.
 */
enum ApnsRejection {
    BAD_COLLAPSE_ID(RejectionReason.BAD_COLLAPSE_ID, ApnsReason.BAD_COLLAPSE_ID),
    BAD_DEVICE_TOKEN(RejectionReason.BAD_DEVICE_TOKEN, ApnsReason.BAD_DEVICE_TOKEN),
    BAD_EXPIRATION_DATE(RejectionReason.BAD_EXPIRATION_DATE, ApnsReason.BAD_EXPIRATION_DATE),
    BAD_MESSAGE_ID(RejectionReason.BAD_MESSAGE_ID, ApnsReason.BAD_MESSAGE_ID),
    BAD_PRIORITY(RejectionReason.BAD_PRIORITY, ApnsReason.BAD_PRIORITY),
    BAD_TOPIC(RejectionReason.BAD_TOPIC, ApnsReason.BAD_TOPIC),
    DEVICE_TOKEN_NOT_FOR_TOPIC(RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC, ApnsReason.DEVICE_TOKEN_NOT_FOR_TOPIC),
    DUPLICATE_HEADERS(RejectionReason.DUPLICATE_HEADERS, ApnsReason.DUPLICATE_HEADERS),
    INVALID_PUSH_TYPE(RejectionReason.INVALID_PUSH_TYPE, ApnsReason.INVALID_PUSH_TYPE),
    MISSING_DEVICE_TOKEN(RejectionReason.MISSING_DEVICE_TOKEN, ApnsReason.MISSING_DEVICE_TOKEN),
    MISSING_TOPIC(RejectionReason.MISSING_TOPIC, ApnsReason.MISSING_TOPIC),
    PAYLOAD_EMPTY(RejectionReason.PAYLOAD_EMPTY, ApnsReason.PAYLOAD_EMPTY),
    TOPIC_DISALLOWED(RejectionReason.TOPIC_DISALLOWED, ApnsReason.TOPIC_DISALLOWED),
    BAD_CERTIFICATE(RejectionReason.BAD_CERTIFICATE, ApnsReason.BAD_CERTIFICATE),
    BAD_CERTIFICATE_ENVIRONMENT(RejectionReason.BAD_CERTIFICATE_ENVIRONMENT, ApnsReason.BAD_CERTIFICATE_ENVIRONMENT),
    EXPIRED_PROVIDER_TOKEN(RejectionReason.EXPIRED_PROVIDER_TOKEN, ApnsReason.EXPIRED_PROVIDER_TOKEN),
    INVALID_PROVIDER_TOKEN(RejectionReason.INVALID_PROVIDER_TOKEN, ApnsReason.INVALID_PROVIDER_TOKEN),
    MISSING_PROVIDER_TOKEN(RejectionReason.MISSING_PROVIDER_TOKEN, ApnsReason.MISSING_PROVIDER_TOKEN),
    UNRELATED_KEY_ID_IN_TOKEN(RejectionReason.FORBIDDEN, ApnsReason.UNRELATED_KEY_ID_IN_TOKEN),
    BAD_ENVIRONMENT_KEY_ID_IN_TOKEN(RejectionReason.FORBIDDEN, ApnsReason.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN),
    BAD_PATH(RejectionReason.BAD_PATH, ApnsReason.BAD_PATH),
    METHOD_NOT_ALLOWED(RejectionReason.METHOD_NOT_ALLOWED, ApnsReason.METHOD_NOT_ALLOWED),
    UNREGISTERED(RejectionReason.UNREGISTERED, ApnsReason.UNREGISTERED),
    PAYLOAD_TOO_LARGE(RejectionReason.PAYLOAD_TOO_LARGE, ApnsReason.PAYLOAD_TOO_LARGE);

    private final RejectionReason pushy;
    private final ApnsReason apns;

    ApnsRejection(RejectionReason pushy, ApnsReason apns) {
        this.pushy = pushy;
        this.apns = apns;
    }

    /** The catalogue's entry: status, Apple's text, retryable or final, explanation and fix. */
    ApnsReason apns() {
        return apns;
    }

    RejectionReason pushy() {
        return pushy;
    }

    int status() {
        return apns.status();
    }

    String reason() {
        return apns.reason();
    }

    /** Whether Pushy's constant carries Apple's reason text; if not, the body is rewritten on its way out. */
    boolean pushyHasReason() {
        return pushy != RejectionReason.FORBIDDEN || apns == ApnsReason.FORBIDDEN;
    }
}
