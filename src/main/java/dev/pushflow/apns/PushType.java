package dev.pushflow.apns;

import java.util.Locale;

/** The apns-push-type header values, each with the topic suffix Apple requires for it. */
public enum PushType {
    ALERT("alert", ""),
    BACKGROUND("background", ""),
    VOIP("voip", ".voip"),
    COMPLICATION("complication", ".complication"),
    FILEPROVIDER("fileprovider", ".pushkit.fileprovider"),
    MDM("mdm", ""),
    LOCATION("location", ".location-query"),
    LIVEACTIVITY("liveactivity", ".push-type.liveactivity"),
    PUSHTOTALK("pushtotalk", ".voip-ptt"),
    WIDGETS("widgets", ".push-type.widgets"),
    CONTROLS("controls", ".push-type.controls");

    private final String headerValue;
    private final String topicSuffix;

    PushType(String headerValue, String topicSuffix) {
        this.headerValue = headerValue;
        this.topicSuffix = topicSuffix;
    }

    public String headerValue() {
        return headerValue;
    }

    public String topicSuffix() {
        return topicSuffix;
    }

    /** The apns-topic for this push type: the bundle ID plus the suffix Apple requires. */
    public String topicFor(String bundleId) {
        return topicSuffix.isEmpty() && bundleId != null ? bundleId : bundleId + topicSuffix; // no copy per push
    }

    /** VoIP pushes may carry 5120 bytes, every other type 4096. */
    public int maxPayloadBytes() {
        return this == VOIP ? 5120 : 4096;
    }

    public static PushType fromHeader(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (PushType t : values()) {
            if (t.headerValue.equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown apns-push-type '" + value + "'");
    }
}
