package dev.pushflow.apns;

/**
 * The one topic rule: an apns-topic is the app's bundle ID plus the suffix its push type needs ({@code .voip},
 * {@code .push-type.liveactivity}, ...; none for alert, background and mdm). {@link PushType#topicFor} builds a
 * topic; this class reads one back.
 */
public final class ApnsTopics {
    private ApnsTopics() {
    }

    /**
     * The bundle ID {@code topic} is for when sent with {@code type}, or {@code null} when they do not fit (a voip push
     * to the plain bundle ID, an alert to {@code <bundle>.voip}, an empty topic): APNs answers 400 BadTopic.
     */
    /** Once: values() copies the array on every call, and the gateway asks this for every request. */
    private static final PushType[] TYPES = PushType.values();

    public static String bundleOf(String topic, PushType type) {
        if (topic == null || topic.isEmpty()) {
            return null;
        }
        String suffix = type.topicSuffix();
        if (!suffix.isEmpty()) {
            return topic.length() > suffix.length() && topic.endsWith(suffix)
                    ? topic.substring(0, topic.length() - suffix.length()) : null;
        }
        for (PushType t : TYPES) {
            if (!t.topicSuffix().isEmpty() && topic.endsWith(t.topicSuffix())) {
                return null;
            }
        }
        return topic;
    }

    /** The bundle ID of {@code topic} whatever the push type: the topic without the longest push-type suffix. */
    public static String bundleOf(String topic) {
        if (topic == null) {
            return null;
        }
        PushType t = suffixedType(topic);
        return t == null ? topic : topic.substring(0, topic.length() - t.topicSuffix().length());
    }

    /**
     * The push type whose suffix {@code topic} ends with (the longest one: {@code .voip-ptt} is push-to-talk, not
     * VoIP), or {@code null} for a plain bundle ID.
     */
    public static PushType suffixedType(String topic) {
        if (topic == null) {
            return null;
        }
        PushType best = null;
        for (PushType t : TYPES) {
            String suffix = t.topicSuffix();
            if (!suffix.isEmpty() && topic.length() > suffix.length() && topic.endsWith(suffix)
                    && (best == null || suffix.length() > best.topicSuffix().length())) {
                best = t;
            }
        }
        return best;
    }

    /** Whether {@code topic} is {@code bundle} itself or {@code bundle} plus a push type's suffix. */
    public static boolean isTopicOf(String topic, String bundle) {
        return topic != null && bundle != null && !bundle.isEmpty() && bundle.equals(bundleOf(topic));
    }

    /** Whether {@code topic} is {@code bundle} plus a push type's suffix (not the plain bundle ID). */
    public static boolean isSuffixedTopicOf(String topic, String bundle) {
        return topic != null && !topic.equals(bundle) && isTopicOf(topic, bundle);
    }
}
