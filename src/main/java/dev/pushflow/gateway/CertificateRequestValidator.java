package dev.pushflow.gateway;

import dev.pushflow.apns.PushType;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The requests of a connection that presented a client certificate: the certificate must be a well-formed Apple push
 * certificate valid now (403 BadCertificate) and made for this environment (403 BadCertificateEnvironment); the
 * authorization header is ignored, as Apple does; the topic must be one of the certificate's (400 TopicDisallowed) and
 * defaults to its only base topic.
 */
final class CertificateRequestValidator extends RequestValidator {
    private final ClientCertificateInfo certificate;

    CertificateRequestValidator(EmbeddedGateway gateway, ClientCertificateInfo certificate, LongSupplier nowMillis) {
        super(gateway, nowMillis);
        this.certificate = certificate;
    }

    @Override
    String authKind() {
        return AUTH_CERTIFICATE;
    }

    @Override
    ApnsRejection authenticate(Request r) {
        if (!certificate.usable() || !certificate.isValidAt(Instant.ofEpochMilli(nowMillis.getAsLong()))) {
            return ApnsRejection.BAD_CERTIFICATE;
        }
        if (!certificate.allowsEnvironment(gateway.environment())) {
            return ApnsRejection.BAD_CERTIFICATE_ENVIRONMENT;
        }
        return null;
    }

    /**
     * No apns-topic: Apple uses the certificate's bundle. Allowed only when the certificate has exactly one base topic,
     * and not for push types that need a suffixed topic (Apple: "you must include this header with bundle ID of your
     * app and if applicable, the proper suffix").
     */
    @Override
    String defaultTopic(PushType type) {
        return certificate.baseTopic() != null && type.topicSuffix().isEmpty() ? certificate.baseTopic() : null;
    }

    @Override
    ApnsRejection checkTopic(String topic) {
        return certificate.allowsTopic(topic) ? null : ApnsRejection.TOPIC_DISALLOWED;
    }

    @Override
    boolean allowsManyStreams() {
        return true;
    }
}
