package dev.pushflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.apns.ApnsEnvironment;

import java.time.Instant;

/**
 * A notification that reached a simulated iPhone through a gateway. The payload is kept as received and
 * parsed on demand, so bulk runs cost no JSON work per push.
 */
public record DeliveredNotification(String apnsId, Instant receivedAt, ApnsEnvironment environment, String topic,
                                    String pushType, String payload) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The userInfo dictionary the app receives; an unreadable payload gives an empty object. */
    public JsonNode userInfo() {
        try {
            return JSON.readTree(payload);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    public String title() {
        JsonNode alert = userInfo().path("aps").path("alert");
        return alert.isObject() ? alert.path("title").asText("") : "";
    }

    public String body() {
        JsonNode alert = userInfo().path("aps").path("alert");
        return alert.isObject() ? alert.path("body").asText("") : alert.asText("");
    }

    /** The badge number, or -1 when the payload leaves the badge alone. */
    public int badge() {
        JsonNode badge = userInfo().path("aps").path("badge");
        return badge.isNumber() ? badge.asInt() : -1;
    }

    public String sound() {
        return userInfo().path("aps").path("sound").asText("");
    }

    public boolean isVoip() {
        return "voip".equals(pushType);
    }
}
