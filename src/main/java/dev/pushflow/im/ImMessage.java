package dev.pushflow.im;

import java.util.List;

/** A message sent through the IM backend: one-to-one (receiver) or group (groupID). */
public record ImMessage(String msgID, String sender, String receiver, String groupID, List<MessageElement> elements,
                        OfflinePushInfo offlinePushInfo, ApnsOptions apnsOptions) {
    public ImMessage {
        if (sender == null || sender.isBlank()) {
            throw new IllegalArgumentException("a message needs a sender");
        }
        boolean c2c = receiver != null && !receiver.isBlank();
        boolean group = groupID != null && !groupID.isBlank();
        if (c2c == group) {
            throw new IllegalArgumentException("a message goes either to one user (receiver) or to one group (groupID)");
        }
        if (elements == null || elements.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one element (text, image, custom...)");
        }
        elements = List.copyOf(elements);
        msgID = msgID == null ? dev.pushflow.apns.FastIds.uuid().toString() : msgID;
        offlinePushInfo = offlinePushInfo == null ? OfflinePushInfo.NONE : offlinePushInfo;
        apnsOptions = apnsOptions == null ? ApnsOptions.DEFAULT : apnsOptions;
    }

    public static ImMessage text(String sender, String receiver, String text) {
        return new ImMessage(null, sender, receiver, null, List.of(new MessageElement.Text(text)), null, null);
    }

    public static ImMessage groupText(String sender, String groupID, String text) {
        return new ImMessage(null, sender, null, groupID, List.of(new MessageElement.Text(text)), null, null);
    }

    public boolean isGroup() {
        return groupID != null && !groupID.isBlank();
    }

    public boolean isCustom() {
        for (MessageElement e : elements) { // a loop, not a stream: asked several times per push
            if (!(e instanceof MessageElement.Custom)) {
                return false;
            }
        }
        return true;
    }

    public boolean hasImage() {
        for (MessageElement e : elements) { // a loop, not a stream: the payload asks once per push
            if (e instanceof MessageElement.Image) {
                return true;
            }
        }
        return false;
    }

    /** Elements joined in order with no separator, placeholders for non-text ones. */
    public String content() {
        if (elements.size() == 1) {
            return elements.get(0).summary();
        }
        StringBuilder sb = new StringBuilder();
        for (MessageElement e : elements) {
            sb.append(e.summary());
        }
        return sb.toString();
    }

    public ImMessage withOfflinePushInfo(OfflinePushInfo info) {
        return new ImMessage(msgID, sender, receiver, groupID, elements, info, apnsOptions);
    }

    public ImMessage withApnsOptions(ApnsOptions options) {
        return new ImMessage(msgID, sender, receiver, groupID, elements, offlinePushInfo, options);
    }

    /** A copy with a fresh msgID, for sending the same message again. */
    public ImMessage again() {
        return new ImMessage(null, sender, receiver, groupID, elements, offlinePushInfo, apnsOptions);
    }
}
