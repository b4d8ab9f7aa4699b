package dev.pushflow.payload;

import dev.pushflow.apns.PushType;

import java.nio.charset.StandardCharsets;

/** A payload ready for APNs, with what a person would see and whether it fits Apple's size limit. */
public record BuiltPayload(String json, PushType pushType, String alertTitle, String alertBody, Integer badge) {

    public int bytes() {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    public int limit() {
        return pushType.maxPayloadBytes();
    }

    public boolean fits() {
        return bytes() <= limit();
    }
}
