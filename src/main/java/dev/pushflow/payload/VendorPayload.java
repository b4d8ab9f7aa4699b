package dev.pushflow.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushflow.apns.PushType;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.ImUser;
import dev.pushflow.im.OfflinePushInfo;

/**
 * Builds the APNs payload the IM backend sends, in the vendor's format:
 * {"aps":{"alert":...,"badge":n,"sound":...},"ext":"..."} with ext a top-level string.
 */
public final class VendorPayload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.databind.ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private VendorPayload() {
    }

    /**
     * @param badge the badge to show (background baseline + offline pushes), or null to leave it out
     *              (ignoreIOSBadge: the badge is not incremented, so the payload does not touch it)
     */
    public static BuiltPayload build(ImMessage message, ImUser sender, ImGroup group, Integer badge) {
        OfflinePushInfo info = message.offlinePushInfo();
        String body = alertText(message, sender, group);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aps = root.putObject("aps");
        if (info.title() != null && !info.title().isEmpty()) {
            // The title is shown in addition to the text: Apple's alert dictionary.
            ObjectNode alert = aps.putObject("alert");
            alert.put("title", info.title());
            alert.put("body", body);
        } else {
            aps.put("alert", body);
        }
        Integer shownBadge = info.ignoreIOSBadge() ? null : badge;
        if (shownBadge != null) {
            aps.put("badge", shownBadge);
        }
        String sound = info.iOSSound() == null || info.iOSSound().isEmpty() ? "default" : info.iOSSound();
        if (!OfflinePushInfo.NO_SOUND.equals(sound)) {
            aps.put("sound", sound);
        }
        boolean image = message.hasImage() || (info.iOSImage() != null && !info.iOSImage().isEmpty());
        if (image) {
            aps.put("mutable-content", 1);
        }
        root.put("ext", info.ext() != null ? info.ext() : chatUiExt(message, sender, group));
        if (info.iOSImage() != null && !info.iOSImage().isEmpty()) {
            root.put("image", info.iOSImage());
        }
        PushType type = info.isVoip() ? PushType.VOIP : PushType.ALERT;
        return new BuiltPayload(write(root), type, info.title(), body, shownBadge);
    }

    /**
     * The default alert text: desc when set; else one-to-one "Nickname: content" (just the content without
     * a nickname) and group "Name (group name): content", Name being the sender's name card, else nickname.
     */
    public static String alertText(ImMessage message, ImUser sender, ImGroup group) {
        String desc = message.offlinePushInfo().desc();
        if (desc != null && !desc.isEmpty()) {
            return desc;
        }
        String content = message.content();
        if (message.isGroup()) {
            String card = group == null ? "" : group.nameCards().getOrDefault(sender.userID(), "");
            String name = !card.isEmpty() ? card : !sender.nickname().isEmpty() ? sender.nickname() : sender.userID();
            String groupName = group == null || group.name().isEmpty() ? message.groupID() : group.name();
            return name + " (" + groupName + "): " + content;
        }
        return sender.nickname().isEmpty() ? content : sender.nickname() + ": " + content;
    }

    /**
     * What the vendor's chat UI puts into ext for every message: a pretty-printed {"entity":{...}} with
     * action 1, chatType 1 (sender = userID) or 2 (sender = groupID, nickname = group name).
     */
    public static String chatUiExt(ImMessage message, ImUser sender, ImGroup group) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode entity = root.putObject("entity");
        entity.put("action", 1);
        if (message.isGroup()) {
            entity.put("chatType", 2);
            entity.put("sender", message.groupID());
            entity.put("nickname", group == null ? "" : group.name());
        } else {
            entity.put("chatType", 1);
            entity.put("sender", sender.userID());
            entity.put("nickname", sender.nickname());
        }
        entity.put("faceUrl", sender.faceUrl());
        entity.put("content", message.content());
        entity.put("version", 1);
        try {
            return PRETTY.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
