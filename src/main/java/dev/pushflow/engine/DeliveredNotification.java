package dev.pushflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.apns.ApnsEnvironment;

import java.time.Instant;

/**
 * A notification that reached a simulated iPhone through a gateway. The payload is kept as received and
 * parsed on demand; only {@link #isSilent()} is read on arrival (to know where the phone puts it).
 */
public record DeliveredNotification(String apnsId, Instant receivedAt, ApnsEnvironment environment, String topic,
                                    String pushType, String payload, String collapseId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public DeliveredNotification(String apnsId, Instant receivedAt, ApnsEnvironment environment, String topic,
                                 String pushType, String payload) {
        this(apnsId, receivedAt, environment, topic, pushType, payload, null);
    }

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

    /**
     * A silent (background) push: sent as apns-push-type background, or with no alert, sound or badge in "aps"
     * (content-available only, like the doctor's probe). iOS wakes the app in the background and shows nothing:
     * no banner on the lock screen, nothing to tap, the badge untouched. VoIP pushes are never silent: PushKit
     * hands them to the app, which must report a call.
     */
    public boolean isSilent() {
        if (isVoip()) {
            return false;
        }
        if ("background".equals(pushType)) {
            return true;
        }
        if (startsWithAlertText(payload)) {
            return false; // the vendor's payloads: decided without parsing (this runs on every arrival)
        }
        JsonNode aps = userInfo().path("aps");
        return !hasAlert(aps.path("alert")) && !hasSound(aps.path("sound")) && !aps.path("badge").isNumber();
    }

    private static final String ALERT_TEXT_PREFIX = "{\"aps\":{\"alert\":\"";

    /** {"aps":{"alert":"X... with X not a quote, backslash or space: an alert with visible text, for certain. */
    static boolean startsWithAlertText(String payload) {
        if (payload == null || !payload.startsWith(ALERT_TEXT_PREFIX) || payload.length() <= ALERT_TEXT_PREFIX.length()) {
            return false;
        }
        char c = payload.charAt(ALERT_TEXT_PREFIX.length());
        return c != '"' && c != '\\' && !Character.isWhitespace(c);
    }

    private static boolean hasAlert(JsonNode alert) {
        if (alert.isTextual()) {
            return !alert.asText().isBlank();
        }
        if (alert.isObject()) {
            for (String key : new String[]{"title", "subtitle", "body", "loc-key", "title-loc-key", "subtitle-loc-key"}) {
                if (!alert.path(key).asText("").isBlank()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasSound(JsonNode sound) {
        // a name ("default", a file), or the critical-alert dictionary
        return (sound.isTextual() && !sound.asText().isBlank()) || sound.isObject();
    }
}
