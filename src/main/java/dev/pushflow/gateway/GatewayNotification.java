package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;

import java.time.Instant;

/**
 * One notification as an embedded gateway saw it.
 *
 * @param environment the gateway that received it
 * @param token       the device token from the path, lowercase hex when it was valid hex (as sent otherwise)
 * @param topic       the effective topic: the apns-topic header, or the certificate's bundle when the header was
 *                    absent and the certificate allows that
 * @param pushType    the apns-push-type header value; "alert" when the header was absent
 * @param priority    the apns-priority header, {@code null} when absent (Apple then uses 10)
 * @param expiration  the apns-expiration header in epoch seconds, {@code null} when absent
 * @param collapseId  the apns-collapse-id header or {@code null}
 * @param apnsId      the apns-id request header, or {@code null} when the client sent none (the gateway then answers
 *                    with an apns-id of its own that only the client sees)
 * @param payload     the payload decoded as UTF-8 JSON text ({@code null} when there was none)
 * @param authKind    "token" or "certificate"
 * @param receivedAt  when the gateway handled the request
 */
public record GatewayNotification(ApnsEnvironment environment, String token, String topic, String pushType,
                                  Integer priority, Long expiration, String collapseId, String apnsId,
                                  String payload, String authKind, Instant receivedAt) {
}
