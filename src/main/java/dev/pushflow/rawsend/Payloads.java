package dev.pushflow.rawsend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.apns.PushType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Checks a payload as APNs will: a JSON object of at most 4096 bytes (5120 for VoIP), UTF-8. */
public final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Payloads() {
    }

    /** Problems that make APNs refuse the payload (empty when it is fine), each with the fix. */
    public static List<String> problems(String payload, PushType type) {
        List<String> out = new ArrayList<>();
        if (payload == null || payload.isBlank()) {
            out.add("The payload is empty: APNs answers 400 PayloadEmpty. Give a JSON object such as"
                    + " {\"aps\":{\"alert\":\"Hello\"}}.");
            return out;
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            out.add("The payload is not valid JSON" + where + " (" + e.getOriginalMessage()
                    + "). APNs needs a JSON object such as {\"aps\":{\"alert\":\"Hello\"}}.");
            return out;
        }
        if (node == null || !node.isObject()) {
            out.add("The payload must be a JSON object ({...}), not " + (node == null ? "nothing" : node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT)) + ": e.g. {\"aps\":{\"alert\":\"Hello\"}}.");
            return out;
        }
        PushType t = type == null ? PushType.ALERT : type;
        int size = payload.getBytes(StandardCharsets.UTF_8).length;
        if (size > t.maxPayloadBytes()) {
            out.add("The payload is " + size + " bytes; apns-push-type " + t.headerValue() + " allows at most "
                    + t.maxPayloadBytes() + " (APNs answers 413 PayloadTooLarge). Shorten the text or move data"
                    + " to your server and fetch it when the notification arrives.");
        }
        return out;
    }

    /** Things APNs accepts but that are probably not what the sender wants. */
    public static List<String> warnings(String payload, PushType type) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(payload);
            if (node == null || !node.isObject()) {
                return out;
            }
            JsonNode aps = node.get("aps");
            if (type == PushType.BACKGROUND && (aps == null || !aps.has("content-available"))) {
                out.add("A background push without \"aps\":{\"content-available\":1} does not wake the app.");
            }
            if ((type == null || type == PushType.ALERT) && (aps == null || !aps.isObject())) {
                out.add("An alert push without an \"aps\" dictionary shows nothing on the device.");
            }
        } catch (JsonProcessingException e) {
            // reported by problems()
        }
        return out;
    }
}
