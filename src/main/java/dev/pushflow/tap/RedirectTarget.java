package dev.pushflow.tap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The outcome of parsing a tap: which chat opens, or why none does.
 *
 * @param kind    where the tap leads
 * @param userID  the userID handed to the app ("" when absent)
 * @param groupID the groupID handed to the app ("" when absent)
 * @param reason  why nothing opened or who took over; "" for an opened chat
 * @param entity  the {@code entity} value read from {@code ext}, or null when none was read
 */
public record RedirectTarget(RedirectKind kind, String userID, String groupID, String reason, JsonNode entity) {

    private static final JsonMapper JSON = new JsonMapper();

    public RedirectTarget {
        Objects.requireNonNull(kind, "kind");
        userID = userID == null ? "" : userID;
        groupID = groupID == null ? "" : groupID;
        reason = reason == null ? "" : reason;
        // JsonNode is mutable: keep our own copy so the record stays a value.
        entity = entity == null ? null : entity.deepCopy();
    }

    static RedirectTarget c2c(String userID, JsonNode entity) {
        return new RedirectTarget(RedirectKind.C2C, userID, "", "", entity);
    }

    static RedirectTarget group(String groupID, JsonNode entity) {
        return new RedirectTarget(RedirectKind.GROUP, "", groupID, "", entity);
    }

    static RedirectTarget none(String reason, JsonNode entity) {
        return new RedirectTarget(RedirectKind.NONE, "", "", reason, entity);
    }

    static RedirectTarget custom(JsonNode entity) {
        return new RedirectTarget(RedirectKind.CUSTOM, "", "",
                "the app's processTUIOfflinePushNotification hook returned YES", entity);
    }

    /** Plain-language text for a UI. */
    public String describe() {
        return switch (kind) {
            case C2C -> "Open one-to-one chat with userID " + userID;
            case GROUP -> "Open group chat " + groupID;
            case NONE -> "No redirect: " + reason;
            case CUSTOM -> "Taken over by the app's processTUIOfflinePushNotification hook";
        };
    }

    /** One JSON line for the CLI: {@code {"target":"c2c","userID":"bob","groupID":"","reason":""}}. */
    public String toJsonLine() {
        ObjectNode line = JSON.createObjectNode()
                .put("target", kind.wireName())
                .put("userID", userID)
                .put("groupID", groupID)
                .put("reason", reason);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: four strings always serialize", e);
        }
    }
}
