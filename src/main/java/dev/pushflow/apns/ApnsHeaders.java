package dev.pushflow.apns;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The apns-* headers of one request, as they go on the wire: a header whose value is {@code null} is not sent
 * (APNs then applies its default). It checks itself ({@link #problems()}: what APNs refuses; {@link #warnings()}:
 * what it accepts but is probably a mistake) and renders itself the same way for the Compose preview, the delivery
 * log's detail, the curl export and anything else that shows a request.
 *
 * <p>To add a header: a component here, a line in {@link #asMap()}, its rule in {@link #problems()} with the
 * {@link ApnsReason} APNs answers, then the sender ({@code DeliveryService}) and the gateway.</p>
 *
 * @param topic      apns-topic; null = not sent (APNs answers MissingTopic unless a certificate has one topic)
 * @param pushType   apns-push-type; null = not sent (treated as alert)
 * @param priority   apns-priority 10, 5 or 1; null = not sent (APNs uses 10; background pushes are treated as 5)
 * @param expiration apns-expiration; null = not sent (stored up to 30 days); {@link Instant#EPOCH} = try once
 * @param collapseId apns-collapse-id, at most {@value #MAX_COLLAPSE_ID_BYTES} bytes; null = not sent
 * @param apnsId     apns-id; null = not sent (APNs makes one)
 */
public record ApnsHeaders(String topic, PushType pushType, Integer priority, Instant expiration, String collapseId,
                          UUID apnsId) {
    public static final int MAX_COLLAPSE_ID_BYTES = 64;
    public static final String PATH_PREFIX = "/3/device/";

    /** Whether {@code priority} is one APNs knows (10, 5, 1). */
    public static boolean isPriority(int priority) {
        return priority == 10 || priority == 5 || priority == 1;
    }

    /** The byte count APNs measures a collapse ID by (UTF-8). */
    public static int collapseIdBytes(String collapseId) {
        return collapseId == null ? 0 : collapseId.getBytes(StandardCharsets.UTF_8).length;
    }

    /** What APNs refuses, one sentence each naming the answer (400 BadPriority, ...). Empty when none. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (priority != null && !isPriority(priority)) {
            out.add("apns-priority " + priority + " does not exist: use 10 (immediate), 5 (power-aware) or 1"
                    + " (never wake the device). APNs answers 400 " + ApnsReason.BAD_PRIORITY.reason() + ".");
        }
        if (expiration != null && expiration.isBefore(Instant.EPOCH)) {
            out.add("apns-expiration is before 1970: give epoch seconds, 0 to try once, or leave it out.");
        }
        int bytes = collapseIdBytes(collapseId);
        if (bytes > MAX_COLLAPSE_ID_BYTES) {
            out.add("apns-collapse-id is " + bytes + " bytes; APNs allows at most " + MAX_COLLAPSE_ID_BYTES + " (400 "
                    + ApnsReason.BAD_COLLAPSE_ID.reason() + "). Use a shorter ID.");
        }
        return List.copyOf(out);
    }

    /**
     * What APNs would refuse but a developer may send on purpose to see the answer: a background push with priority
     * 10 (400 BadPriority), a topic that does not fit the push type (400 BadTopic).
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        PushType type = type();
        if (type == PushType.BACKGROUND && priority != null && priority == 10) {
            out.add("Background pushes must use apns-priority 5: APNs answers 400 " + ApnsReason.BAD_PRIORITY.reason()
                    + " to 10.");
        }
        if (topic != null && !topic.isBlank() && ApnsTopics.bundleOf(topic.strip(), type) == null) {
            String t = topic.strip();
            String suffix = type.topicSuffix();
            PushType other = ApnsTopics.suffixedType(t);
            if (!suffix.isEmpty()) {
                out.add("apns-push-type " + type.headerValue() + " needs the topic <bundle ID>" + suffix + ", not " + t
                        + ": APNs answers 400 " + ApnsReason.BAD_TOPIC.reason() + " (or DeviceTokenNotForTopic).");
            } else if (other != null) {
                out.add("The topic " + t + " is for apns-push-type " + other.headerValue() + ", not "
                        + type.headerValue() + ": APNs answers 400 " + ApnsReason.BAD_TOPIC.reason() + ".");
            }
        }
        return List.copyOf(out);
    }

    /** The push type APNs applies: the header's, else alert. */
    public PushType type() {
        return pushType == null ? PushType.ALERT : pushType;
    }

    /** The priority APNs applies: the header's, else 5 for background pushes and 10 for everything else. */
    public int effectivePriority() {
        return priority != null ? priority : type() == PushType.BACKGROUND ? 5 : 10;
    }

    /** The headers sent, in the order of Apple's documentation; absent ones are left out. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (topic != null) {
            m.put("apns-topic", topic);
        }
        if (pushType != null) {
            m.put("apns-push-type", pushType.headerValue());
        }
        if (priority != null) {
            m.put("apns-priority", String.valueOf(priority));
        }
        if (expiration != null) {
            m.put("apns-expiration", String.valueOf(expiration.getEpochSecond()));
        }
        if (collapseId != null) {
            m.put("apns-collapse-id", collapseId);
        }
        if (apnsId != null) {
            m.put("apns-id", apnsId.toString());
        }
        return m;
    }

    /** "name: value" per header sent. */
    public List<String> lines() {
        return asMap().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    /**
     * The request as a reader wants it: {@code :path}, each header sent, then one line naming the headers left out
     * and what APNs does without them (so no one reads a default as a header that was sent).
     */
    public String render(String token) {
        StringBuilder b = new StringBuilder(":path " + PATH_PREFIX + (token == null ? "(no token)" : token) + "\n");
        lines().forEach(l -> b.append(l).append('\n'));
        List<String> absent = new ArrayList<>();
        if (pushType == null) {
            absent.add("apns-push-type (alert)");
        }
        if (priority == null) {
            absent.add("apns-priority (APNs uses " + effectivePriority() + ")");
        }
        if (expiration == null) {
            absent.add("apns-expiration (stored up to 30 days)");
        }
        if (!absent.isEmpty()) {
            b.append("not sent: ").append(String.join(", ", absent)).append('\n');
        }
        return b.toString();
    }
}
