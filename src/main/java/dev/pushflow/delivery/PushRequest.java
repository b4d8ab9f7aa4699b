package dev.pushflow.delivery;

import dev.pushflow.apns.PushType;

import java.time.Instant;
import java.util.UUID;

/** One notification for one token, with every APNs header that PushFlow sets. */
public record PushRequest(String token, String topic, PushType pushType, String payload, Integer priority,
                          Instant expiration, String collapseId, UUID apnsId) {
    public PushRequest {
        apnsId = apnsId == null ? dev.pushflow.apns.FastIds.uuid() : apnsId;
        pushType = pushType == null ? PushType.ALERT : pushType;
    }

    /** The apns-id as APNs writes it (lower-case, with dashes): the same on every attempt of this push. */
    public String apnsIdText() {
        return apnsId.toString();
    }
}
