package dev.pushflow.payload;

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

    private VendorPayload() {
    }

    /**
     * @param badge the badge to show (background baseline + offline pushes), or null to leave it out
     *              (ignoreIOSBadge: the badge is not incremented, so the payload does not touch it)
     */
    public static BuiltPayload build(ImMessage message, ImUser sender, ImGroup group, Integer badge) {
        OfflinePushInfo info = message.offlinePushInfo();
        String body = alertText(message, sender, group);
        String ext = info.ext();
        // Built as text, not as a Jackson tree: this runs once per push on the sender's thread, in that thread's
        // builder (sized once for the escapes; only the finished text is a new string).
        StringBuilder sb = builder(160 + 2 * body.length()
                + (ext != null ? 2 * ext.length() : 2 * chatUiExtSize(message, sender, group))
                + (info.title() == null ? 0 : 2 * info.title().length()));
        sb.append("{\"aps\":{\"alert\":");
        if (info.title() != null && !info.title().isEmpty()) {
            // The title is shown in addition to the text: Apple's alert dictionary.
            JsonText.quote(sb.append("{\"title\":"), info.title());
            JsonText.quote(sb.append(",\"body\":"), body).append('}');
        } else {
            JsonText.quote(sb, body);
        }
        Integer shownBadge = info.ignoreIOSBadge() ? null : badge;
        if (shownBadge != null) {
            sb.append(",\"badge\":").append(shownBadge.intValue());
        }
        String sound = info.iOSSound() == null || info.iOSSound().isEmpty() ? "default" : info.iOSSound();
        if (!OfflinePushInfo.NO_SOUND.equals(sound)) {
            JsonText.quote(sb.append(",\"sound\":"), sound);
        }
        boolean hasIOSImage = info.iOSImage() != null && !info.iOSImage().isEmpty();
        if (message.hasImage() || hasIOSImage) {
            sb.append(",\"mutable-content\":1");
        }
        sb.append("},\"ext\":");
        if (ext != null) {
            JsonText.quote(sb, ext);
        } else {
            quotedChatUiExt(sb, message, sender, group);
        }
        if (hasIOSImage) {
            JsonText.quote(sb.append(",\"image\":"), info.iOSImage());
        }
        sb.append('}');
        PushType type = info.isVoip() ? PushType.VOIP : PushType.ALERT;
        return new BuiltPayload(sb.toString(), type, info.title(), body, shownBadge);
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

    private static final ThreadLocal<StringBuilder> BUILDER = new ThreadLocal<>();
    /** A builder that grew past this (a payload near APNs' limit) is not kept for the next payload. */
    private static final int KEPT_CAPACITY = 8 * 1024;

    /** This thread's payload builder, empty, with room for {@code size} characters. */
    private static StringBuilder builder(int size) {
        StringBuilder sb = BUILDER.get();
        if (sb == null || sb.capacity() > KEPT_CAPACITY) {
            sb = new StringBuilder(Math.max(512, size));
            BUILDER.set(sb);
        }
        sb.setLength(0);
        sb.ensureCapacity(size);
        return sb;
    }

    /** A bound on {@link #chatUiExt}'s length before escapes (sizes the payload's builder). */
    private static int chatUiExtSize(ImMessage message, ImUser sender, ImGroup group) {
        return 120 + message.content().length() + sender.faceUrl().length() + sender.nickname().length()
                + sender.userID().length()
                + (message.isGroup() ? message.groupID().length() + (group == null ? 0 : group.name().length()) : 0);
    }

    // chatUiExt's text between its values, already quoted as the payload's ext string holds it ("\n" for a line
    // break, \" for a quote): the payload is written in one pass, not as the ext text and then that text escaped.
    private static final String Q_HEAD = "\"{\\n  \\\"entity\\\" : {\\n    \\\"action\\\" : 1,\\n    \\\"chatType\\\" : ";
    private static final String Q_SENDER = ",\\n    \\\"sender\\\" : ";
    private static final String Q_NICKNAME = ",\\n    \\\"nickname\\\" : ";
    private static final String Q_FACE = ",\\n    \\\"faceUrl\\\" : ";
    private static final String Q_CONTENT = ",\\n    \\\"content\\\" : ";
    private static final String Q_TAIL = ",\\n    \\\"version\\\" : 1\\n  }\\n}\"";

    /** Appends {@link #chatUiExt} as a JSON string: exactly {@code JsonText.quote(sb, chatUiExt(...))}. */
    static StringBuilder quotedChatUiExt(StringBuilder sb, ImMessage message, ImUser sender, ImGroup group) {
        sb.append(Q_HEAD);
        if (message.isGroup()) {
            sb.append('2').append(Q_SENDER);
            quotedValue(sb, message.groupID()).append(Q_NICKNAME);
            quotedValue(sb, group == null ? "" : group.name());
        } else {
            sb.append('1').append(Q_SENDER);
            quotedValue(sb, sender.userID()).append(Q_NICKNAME);
            quotedValue(sb, sender.nickname());
        }
        quotedValue(sb.append(Q_FACE), sender.faceUrl());
        quotedValue(sb.append(Q_CONTENT), message.content());
        return sb.append(Q_TAIL);
    }

    /**
     * A value of the ext as the payload holds it: quoted for the ext, then that quoted again for the payload. Text
     * with nothing to escape (most names, URLs and messages) is appended as it is between two escaped quotes.
     */
    private static StringBuilder quotedValue(StringBuilder sb, String v) {
        if (JsonText.plain(v)) {
            return sb.append("\\\"").append(v).append("\\\"");
        }
        String inner = JsonText.quote(new StringBuilder(v.length() + 16), v).toString();
        StringBuilder twice = JsonText.quote(new StringBuilder(inner.length() + 16), inner);
        return sb.append(twice, 1, twice.length() - 1); // without the outer quotes: they belong to the whole ext
    }

    /**
     * What the vendor's chat UI puts into ext for every message: a pretty-printed {"entity":{...}} with
     * action 1, chatType 1 (sender = userID) or 2 (sender = groupID, nickname = group name).
     */
    public static String chatUiExt(ImMessage message, ImUser sender, ImGroup group) {
        // Pretty-printed like the chat UI's NSJSONSerialization output (and Jackson's default printer).
        String content = message.content();
        StringBuilder sb = new StringBuilder(240 + 2 * content.length() + 2 * sender.faceUrl().length()
                + 2 * sender.nickname().length() + 2 * sender.userID().length()
                + (message.isGroup() ? 2 * message.groupID().length() + (group == null ? 0 : 2 * group.name().length()) : 0));
        sb.append("{\n  \"entity\" : {\n    \"action\" : 1,\n    \"chatType\" : ");
        if (message.isGroup()) {
            sb.append("2,\n    \"sender\" : ");
            JsonText.quote(sb, message.groupID()).append(",\n    \"nickname\" : ");
            JsonText.quote(sb, group == null ? "" : group.name());
        } else {
            sb.append("1,\n    \"sender\" : ");
            JsonText.quote(sb, sender.userID()).append(",\n    \"nickname\" : ");
            JsonText.quote(sb, sender.nickname());
        }
        JsonText.quote(sb.append(",\n    \"faceUrl\" : "), sender.faceUrl());
        JsonText.quote(sb.append(",\n    \"content\" : "), content);
        sb.append(",\n    \"version\" : 1\n  }\n}");
        return sb.toString();
    }
}
