package dev.pushflow.tap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Parses a tapped notification's userInfo the way the vendor component does (reference,
 * section 4), ending at the app's rule for {@code navigateToTUIChatViewController:}.
 * Never throws for a bad payload: what would crash the real component comes back as
 * {@link RedirectKind#NONE} with a reason that says so.
 */
public final class RedirectParser {

    static final int ACTION_CHAT_MESSAGE = 1;
    static final int ACTION_CALL = 2;
    static final int CHAT_TYPE_C2C = 1;
    static final int CHAT_TYPE_GROUP = 2;

    private static final String CRASH = ": the real component would crash";

    // Strict like NSJSONSerialization: trailing garbage after the object is an error.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RedirectParser() {
    }

    /**
     * Parses userInfo given as JSON text.
     *
     * @throws IllegalArgumentException when the text is not a JSON object (iOS always hands over a
     *                                  dictionary, so this is a caller error, not a tap outcome)
     */
    public static RedirectTarget parse(String userInfoJson, OfflinePushHook hookOrNull) {
        if (userInfoJson == null) {
            throw new IllegalArgumentException("userInfo is not a JSON object: no text");
        }
        JsonNode userInfo;
        try {
            userInfo = JSON.readTree(userInfoJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("userInfo is not a JSON object: " + e.getOriginalMessage(), e);
        }
        return parse(userInfo, hookOrNull);
    }

    /**
     * Parses a userInfo dictionary.
     *
     * @param hookOrNull the app's {@code processTUIOfflinePushNotification:}, or null when the app
     *                   does not implement it
     * @throws IllegalArgumentException when userInfo is not a JSON object
     */
    public static RedirectTarget parse(JsonNode userInfo, OfflinePushHook hookOrNull) {
        if (userInfo == null || !userInfo.isObject()) {
            throw new IllegalArgumentException("userInfo is not a JSON object: it is " + typeOf(userInfo));
        }
        // Rule 1: only userInfo["ext"]; aps and every other key are ignored.
        JsonNode ext = userInfo.get("ext");
        if (ext == null) {
            return RedirectTarget.none("userInfo has no ext", null);
        }
        if (!ext.isTextual()) {
            return RedirectTarget.none("ext is not a string (" + typeOf(ext) + ")" + CRASH, null);
        }
        JsonNode extObject;
        try {
            extObject = JSON.readTree(ext.textValue());
        } catch (JsonProcessingException e) {
            return RedirectTarget.none("ext is not JSON: Json parse failed", null);
        }
        if (extObject == null || extObject.isMissingNode()) {
            // Empty or blank text: NSJSONSerialization fails on it.
            return RedirectTarget.none("ext is not JSON: Json parse failed", null);
        }
        if (!extObject.isObject()) {
            return RedirectTarget.none("ext is JSON but not an object (" + typeOf(extObject) + ")", null);
        }

        // Rule 2: only entity; a missing one is ignored silently.
        JsonNode entity = extObject.get("entity");
        if (entity == null) {
            return RedirectTarget.none("ext has no entity", null);
        }

        // Rule 3: the app's hook goes first, with the entity as found (even one that would crash later).
        if (hookOrNull != null && hookOrNull.processTUIOfflinePushNotification(entity.deepCopy())) {
            return RedirectTarget.custom(entity);
        }
        if (!entity.isObject()) {
            return RedirectTarget.none("entity is not an object (" + typeOf(entity) + ")" + CRASH, entity);
        }
        return parseEntity(entity);
    }

    /** Rules 4 and 5: action and chatType via intValue, then sender as userID or groupID. */
    private static RedirectTarget parseEntity(JsonNode entity) {
        JsonNode actionValue = entity.get("action");
        JsonNode chatTypeValue = entity.get("chatType");
        if (actionValue == null && chatTypeValue == null) {
            return RedirectTarget.none("entity lacks action and chatType", entity);
        }
        if (actionValue == null) {
            return RedirectTarget.none("entity lacks action", entity);
        }
        if (chatTypeValue == null) {
            return RedirectTarget.none("entity lacks chatType", entity);
        }
        // Both are converted before action is looked at (inferred), so a bad chatType crashes even a call.
        OptionalInt action = IntValue.of(actionValue);
        if (action.isEmpty()) {
            return RedirectTarget.none("action is " + typeOf(actionValue)
                    + ", which has no intValue" + CRASH, entity);
        }
        OptionalInt chatType = IntValue.of(chatTypeValue);
        if (chatType.isEmpty()) {
            return RedirectTarget.none("chatType is " + typeOf(chatTypeValue)
                    + ", which has no intValue" + CRASH, entity);
        }

        if (action.getAsInt() == ACTION_CALL) {
            return RedirectTarget.none("action 2 (call) is handled by the calling component", entity);
        }
        if (action.getAsInt() != ACTION_CHAT_MESSAGE) {
            return RedirectTarget.none("action " + action.getAsInt() + " is not a chat message", entity);
        }
        int type = chatType.getAsInt();
        if (type != CHAT_TYPE_C2C && type != CHAT_TYPE_GROUP) {
            return RedirectTarget.none("chatType " + type + " is neither one-to-one (1) nor group (2)", entity);
        }

        JsonNode sender = entity.get("sender");
        if (sender == null) {
            return RedirectTarget.none("entity has no sender", entity);
        }
        if (!sender.isTextual()) {
            // The app's rule asks the sender for its length: only strings answer that.
            return RedirectTarget.none("sender is not a string (" + typeOf(sender) + ")" + CRASH, entity);
        }
        if (sender.textValue().isEmpty()) {
            // Both IDs end up empty, so the app's rule calls nothing.
            return RedirectTarget.none("sender is empty", entity);
        }
        return type == CHAT_TYPE_C2C
                ? navigateToChat(sender.textValue(), "", entity)
                : navigateToChat("", sender.textValue(), entity);
    }

    /**
     * Rule 6, the app's side of {@code navigateToTUIChatViewController:userID groupID:}: a non-empty
     * groupID opens the group chat, else a non-empty userID opens the one-to-one chat, else nothing.
     */
    public static RedirectTarget navigateToChat(String userID, String groupID, JsonNode entity) {
        String user = userID == null ? "" : userID;
        String group = groupID == null ? "" : groupID;
        if (!group.isEmpty()) {
            return new RedirectTarget(RedirectKind.GROUP, user, group, "", entity);
        }
        if (!user.isEmpty()) {
            return new RedirectTarget(RedirectKind.C2C, user, "", "", entity);
        }
        return RedirectTarget.none("userID and groupID are both empty: nothing is called", entity);
    }

    /** "a number", "an array", ... for reasons shown to people. */
    private static String typeOf(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
