package dev.pushflow.delivery;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pushflow.apns.ApnsEnvironment;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One line of the delivery log: a push attempt with APNs' answer, or a no-push decision with its reason.
 * For NO_PUSH and ONLINE, {@code reason} is a short code (logged-out, kicked-off, ...) and {@code detail}
 * a plain sentence; for REJECTED, {@code reason} is Apple's reason (BadDeviceToken, ...).
 *
 * <p>The last four fields came later; lines written before them read back as {@code source} "flow", attempt 1,
 * final, no delivery state:</p>
 * <ul>
 *   <li>{@code source}: what sent it: {@link #SOURCE_FLOW}, {@link #SOURCE_RAW_PUSH}, {@link #SOURCE_DOCTOR},
 *       {@link #SOURCE_SCENARIO}, {@link #SOURCE_LOAD};</li>
 *   <li>{@code attempt}: 1 for the first attempt of a push, 2, 3, ... for the backend's retries of the same
 *       apns-id; {@code final} (JSON name) is true on the last attempt of that push, so a push's outcome is exactly
 *       one record with {@code final: true};</li>
 *   <li>{@code deliveryState}: what APNs did with an accepted push after the 200 (a stable code such as
 *       {@code delivered} or {@code stored-offline}), {@code null} when it does not apply.</li>
 * </ul>
 *
 * <p>A value with the accessors, {@code equals}, {@code hashCode} and JSON form a record of these 26 components has;
 * it is a class so that it can be kept compact. A session keeps every record, and under a flood each young
 * collection copied the records made since the previous one: as a record with its time, message ID, apns-id,
 * apns-unique-id and payload as objects of their own that was ~760 bytes in six objects. Here the time is two numbers
 * and those four texts are bytes in a shared {@link TextArena}: one object of ~180 bytes, and text the collector
 * does not copy once the session is large. An accessor of one of those four texts (or of the time) makes a new
 * String (Instant) each call.</p>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, creatorVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"seq", "time", "messageId", "deviceId", "deviceName", "userID", "certificateId", "environment",
        "gateway", "topic", "pushType", "priority", "token", "apnsId", "apnsUniqueId", "status", "statusCode", "reason",
        "detail", "invalidationTimestamp", "latencyMicros", "payload", "source", "attempt", "final", "deliveryState"})
public final class DeliveryRecord {

    public static final String SOURCE_FLOW = "flow";
    public static final String SOURCE_RAW_PUSH = "raw-push";
    public static final String SOURCE_DOCTOR = "doctor-probe";
    public static final String SOURCE_SCENARIO = "scenario";
    public static final String SOURCE_LOAD = "load";

    // The four texts kept in the arena, in this order, one after the other from textAt.
    static final int MESSAGE_ID = 0;
    static final int APNS_ID = 1;
    static final int APNS_UNIQUE_ID = 2;
    static final int PAYLOAD = 3;
    /**
     * Two bits per text in {@link #encodings}: none (null), {@link TextArena#LATIN1}, {@link TextArena#UTF8}, or
     * kept as a String in {@link #kept}.
     */
    static final int NONE = 0;
    static final int AS_STRING = 3;

    private final long seq;
    private final long timeSeconds;
    /** The time's nanoseconds; -1 when there is no time. */
    private final int timeNanos;
    private final String deviceId;
    private final String deviceName;
    private final String userID;
    private final long certificateId;
    private final ApnsEnvironment environment;
    private final String gateway;
    private final String topic;
    private final String pushType;
    private final Integer priority;
    private final String token;
    private final DeliveryStatus status;
    private final int statusCode;
    private final String reason;
    private final String detail;
    private final Instant invalidationTimestamp;
    private final long latencyMicros;
    private final String source;
    private final int attempt;
    private final boolean finalAttempt;
    private final String deliveryState;
    /** The arena chunk holding the texts (null when none is kept there), where they start, and their lengths. */
    private final byte[] text;
    private final int textAt;
    private final int messageIdLength;
    private final int apnsIdLength;
    private final int apnsUniqueIdLength;
    private final int payloadLength;
    private final byte encodings;
    /** The texts the arena cannot hold exactly (an unpaired surrogate), by index; null when there is none. */
    private final String[] kept;

    @JsonCreator
    public DeliveryRecord(@JsonProperty("seq") long seq, @JsonProperty("time") Instant time,
                          @JsonProperty("messageId") String messageId, @JsonProperty("deviceId") String deviceId,
                          @JsonProperty("deviceName") String deviceName, @JsonProperty("userID") String userID,
                          @JsonProperty("certificateId") long certificateId,
                          @JsonProperty("environment") ApnsEnvironment environment,
                          @JsonProperty("gateway") String gateway, @JsonProperty("topic") String topic,
                          @JsonProperty("pushType") String pushType, @JsonProperty("priority") Integer priority,
                          @JsonProperty("token") String token, @JsonProperty("apnsId") String apnsId,
                          @JsonProperty("apnsUniqueId") String apnsUniqueId,
                          @JsonProperty("status") DeliveryStatus status, @JsonProperty("statusCode") int statusCode,
                          @JsonProperty("reason") String reason, @JsonProperty("detail") String detail,
                          @JsonProperty("invalidationTimestamp") Instant invalidationTimestamp,
                          @JsonProperty("latencyMicros") long latencyMicros, @JsonProperty("payload") String payload,
                          @JsonProperty("source") String source, @JsonProperty("attempt") int attempt,
                          @JsonProperty("final") boolean finalAttempt,
                          @JsonProperty("deliveryState") String deliveryState) {
        if (attempt <= 0) { // a line from before retries existed: its only attempt, and so the final one
            attempt = 1;
            finalAttempt = true;
        }
        this.seq = seq;
        this.timeSeconds = time == null ? 0 : time.getEpochSecond();
        this.timeNanos = time == null ? -1 : time.getNano();
        this.deviceId = deviceId;
        this.deviceName = deviceName;
        this.userID = userID;
        this.certificateId = certificateId;
        this.environment = environment;
        this.gateway = gateway;
        this.topic = topic;
        this.pushType = pushType;
        this.priority = priority;
        this.token = token;
        this.status = status;
        this.statusCode = statusCode;
        this.reason = reason;
        this.detail = detail;
        this.invalidationTimestamp = invalidationTimestamp;
        this.latencyMicros = latencyMicros;
        this.source = source == null ? SOURCE_FLOW : source;
        this.attempt = attempt;
        this.finalAttempt = finalAttempt;
        this.deliveryState = deliveryState;

        // The four texts: how each is kept, then one range of the arena for all of them.
        int enc = 0;
        int total = 0;
        int l0 = 0, l1 = 0, l2 = 0, l3 = 0;
        byte[][] utf8 = null;
        String[] asString = null;
        for (int k = 0; k < 4; k++) {
            String s = k == MESSAGE_ID ? messageId : k == APNS_ID ? apnsId : k == APNS_UNIQUE_ID ? apnsUniqueId : payload;
            if (s == null) {
                continue;
            }
            int e = TextArena.encodingOf(s);
            int len;
            if (e == TextArena.LATIN1) {
                len = s.length();
            } else if (e == TextArena.UTF8) {
                if (utf8 == null) {
                    utf8 = new byte[4][];
                }
                utf8[k] = TextArena.utf8(s);
                len = utf8[k].length;
            } else {
                if (asString == null) {
                    asString = new String[4];
                }
                asString[k] = s;
                e = AS_STRING;
                len = 0;
            }
            enc |= e << (2 * k);
            total += len;
            switch (k) {
                case MESSAGE_ID -> l0 = len;
                case APNS_ID -> l1 = len;
                case APNS_UNIQUE_ID -> l2 = len;
                default -> l3 = len;
            }
        }
        byte[] chunk = null;
        int at = 0;
        if (total > 0) {
            int[] where = new int[1];
            chunk = TextArena.SHARED.reserve(total, where);
            at = where[0];
            int o = at;
            for (int k = 0; k < 4; k++) {
                int e = (enc >>> (2 * k)) & 3;
                if (e == TextArena.LATIN1 || e == TextArena.UTF8) {
                    String s = k == MESSAGE_ID ? messageId : k == APNS_ID ? apnsId : k == APNS_UNIQUE_ID ? apnsUniqueId
                            : payload;
                    if (e == TextArena.LATIN1) {
                        TextArena.putLatin1(s, chunk, o);
                        o += s.length();
                    } else {
                        System.arraycopy(utf8[k], 0, chunk, o, utf8[k].length);
                        o += utf8[k].length;
                    }
                }
            }
        }
        this.text = chunk;
        this.textAt = at;
        this.messageIdLength = l0;
        this.apnsIdLength = l1;
        this.apnsUniqueIdLength = l2;
        this.payloadLength = l3;
        this.encodings = (byte) enc;
        this.kept = asString;
    }

    /** A first and final attempt sent by the IM flow, with no delivery state yet. */
    public DeliveryRecord(long seq, Instant time, String messageId, String deviceId, String deviceName,
                          String userID, long certificateId, ApnsEnvironment environment, String gateway,
                          String topic, String pushType, Integer priority, String token, String apnsId,
                          String apnsUniqueId, DeliveryStatus status, int statusCode, String reason,
                          String detail, Instant invalidationTimestamp, long latencyMicros, String payload) {
        this(seq, time, messageId, deviceId, deviceName, userID, certificateId, environment, gateway, topic, pushType,
                priority, token, apnsId, apnsUniqueId, status, statusCode, reason, detail, invalidationTimestamp,
                latencyMicros, payload, SOURCE_FLOW, 1, true, null);
    }

    /** A copy of {@code b} with the given fields changed; its texts are shared, not copied. */
    private DeliveryRecord(DeliveryRecord b, long seq, long timeSeconds, int timeNanos, String source, int attempt,
                           boolean finalAttempt, String deliveryState) {
        this.seq = seq;
        this.timeSeconds = timeSeconds;
        this.timeNanos = timeNanos;
        this.deviceId = b.deviceId;
        this.deviceName = b.deviceName;
        this.userID = b.userID;
        this.certificateId = b.certificateId;
        this.environment = b.environment;
        this.gateway = b.gateway;
        this.topic = b.topic;
        this.pushType = b.pushType;
        this.priority = b.priority;
        this.token = b.token;
        this.status = b.status;
        this.statusCode = b.statusCode;
        this.reason = b.reason;
        this.detail = b.detail;
        this.invalidationTimestamp = b.invalidationTimestamp;
        this.latencyMicros = b.latencyMicros;
        this.source = source == null ? SOURCE_FLOW : source;
        this.attempt = attempt <= 0 ? 1 : attempt;
        this.finalAttempt = attempt <= 0 || finalAttempt;
        this.deliveryState = deliveryState;
        this.text = b.text;
        this.textAt = b.textAt;
        this.messageIdLength = b.messageIdLength;
        this.apnsIdLength = b.apnsIdLength;
        this.apnsUniqueIdLength = b.apnsUniqueIdLength;
        this.payloadLength = b.payloadLength;
        this.encodings = b.encodings;
        this.kept = b.kept;
    }

    public DeliveryRecord withSeq(long newSeq) {
        return new DeliveryRecord(this, newSeq, timeSeconds, timeNanos, source, attempt, finalAttempt, deliveryState);
    }

    public DeliveryRecord withSource(String newSource) {
        return new DeliveryRecord(this, seq, timeSeconds, timeNanos, newSource, attempt, finalAttempt, deliveryState);
    }

    public DeliveryRecord withAttempt(int newAttempt, boolean isFinal) {
        return new DeliveryRecord(this, seq, timeSeconds, timeNanos, source, newAttempt, isFinal, deliveryState);
    }

    public DeliveryRecord withDeliveryState(String newState) {
        return new DeliveryRecord(this, seq, timeSeconds, timeNanos, source, attempt, finalAttempt, newState);
    }

    /** The same attempt at a later time with a new delivery state and no sequence number yet (the log gives one). */
    public DeliveryRecord laterState(Instant when, String newState) {
        return new DeliveryRecord(this, 0, when == null ? 0 : when.getEpochSecond(), when == null ? -1 : when.getNano(),
                source, attempt, finalAttempt, newState);
    }

    /** A decision that produced no push (or an online delivery). */
    public static DeliveryRecord decision(Instant time, String messageId, String deviceId, String deviceName,
                                          String userID, long certificateId, DeliveryStatus status, String reason,
                                          String detail) {
        return new DeliveryRecord(0, time, messageId, deviceId, deviceName, userID, certificateId, null, null, null,
                null, null, null, null, null, status, 0, reason, detail, null, 0, null);
    }

    // ---------------------------------------------------------------- the texts

    /** How text {@code k} is kept: {@link #NONE}, {@link TextArena#LATIN1}, {@link TextArena#UTF8}, {@link #AS_STRING}. */
    int encoding(int k) {
        return (encodings >>> (2 * k)) & 3;
    }

    /** The chunk holding the texts kept as bytes (for the log writer, which encodes them from there). */
    byte[] textBytes() {
        return text;
    }

    /** Text {@code k} when it is kept {@link #AS_STRING}. */
    String keptText(int k) {
        return kept[k];
    }

    int length(int k) {
        return switch (k) {
            case MESSAGE_ID -> messageIdLength;
            case APNS_ID -> apnsIdLength;
            case APNS_UNIQUE_ID -> apnsUniqueIdLength;
            default -> payloadLength;
        };
    }

    int offset(int k) {
        int o = textAt;
        for (int i = 0; i < k; i++) {
            o += length(i);
        }
        return o;
    }

    private String text(int k) {
        int e = encoding(k);
        if (e == NONE) {
            return null;
        }
        if (e == AS_STRING) {
            return kept[k];
        }
        int n = length(k);
        return n == 0 ? "" : TextArena.text(text, offset(k), n, (byte) e);
    }

    private boolean sameText(DeliveryRecord o, int k) {
        int e = encoding(k);
        if (e != o.encoding(k)) {
            return false;
        }
        if (e == NONE) {
            return true;
        }
        if (e == AS_STRING) {
            return kept[k].equals(o.kept[k]);
        }
        int n = length(k);
        if (n != o.length(k)) {
            return false;
        }
        int a = offset(k);
        int b = o.offset(k);
        return n == 0 || Arrays.equals(text, a, a + n, o.text, b, b + n);
    }

    // ---------------------------------------------------------------- accessors

    @JsonProperty("seq")
    public long seq() {
        return seq;
    }

    @JsonProperty("time")
    public Instant time() {
        return timeNanos < 0 ? null : Instant.ofEpochSecond(timeSeconds, timeNanos);
    }

    /** The time in epoch milliseconds, or {@code Long.MIN_VALUE} when there is none (no Instant made). */
    public long timeMillis() {
        return timeNanos < 0 ? Long.MIN_VALUE : timeSeconds * 1000 + timeNanos / 1_000_000;
    }

    @JsonProperty("messageId")
    public String messageId() {
        return text(MESSAGE_ID);
    }

    @JsonProperty("deviceId")
    public String deviceId() {
        return deviceId;
    }

    @JsonProperty("deviceName")
    public String deviceName() {
        return deviceName;
    }

    @JsonProperty("userID")
    public String userID() {
        return userID;
    }

    @JsonProperty("certificateId")
    public long certificateId() {
        return certificateId;
    }

    @JsonProperty("environment")
    public ApnsEnvironment environment() {
        return environment;
    }

    @JsonProperty("gateway")
    public String gateway() {
        return gateway;
    }

    @JsonProperty("topic")
    public String topic() {
        return topic;
    }

    @JsonProperty("pushType")
    public String pushType() {
        return pushType;
    }

    @JsonProperty("priority")
    public Integer priority() {
        return priority;
    }

    @JsonProperty("token")
    public String token() {
        return token;
    }

    @JsonProperty("apnsId")
    public String apnsId() {
        return text(APNS_ID);
    }

    @JsonProperty("apnsUniqueId")
    public String apnsUniqueId() {
        return text(APNS_UNIQUE_ID);
    }

    @JsonProperty("status")
    public DeliveryStatus status() {
        return status;
    }

    @JsonProperty("statusCode")
    public int statusCode() {
        return statusCode;
    }

    @JsonProperty("reason")
    public String reason() {
        return reason;
    }

    @JsonProperty("detail")
    public String detail() {
        return detail;
    }

    @JsonProperty("invalidationTimestamp")
    public Instant invalidationTimestamp() {
        return invalidationTimestamp;
    }

    @JsonProperty("latencyMicros")
    public long latencyMicros() {
        return latencyMicros;
    }

    @JsonProperty("payload")
    public String payload() {
        return text(PAYLOAD);
    }

    /** Whether there is a payload, without making it. */
    public boolean hasPayload() {
        return encoding(PAYLOAD) != NONE;
    }

    @JsonProperty("source")
    public String source() {
        return source;
    }

    @JsonProperty("attempt")
    public int attempt() {
        return attempt;
    }

    @JsonProperty("final")
    public boolean finalAttempt() {
        return finalAttempt;
    }

    @JsonProperty("deliveryState")
    public String deliveryState() {
        return deliveryState;
    }

    // ---------------------------------------------------------------- value semantics

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof DeliveryRecord o)) {
            return false;
        }
        return seq == o.seq && timeSeconds == o.timeSeconds && timeNanos == o.timeNanos
                && certificateId == o.certificateId && statusCode == o.statusCode && latencyMicros == o.latencyMicros
                && attempt == o.attempt && finalAttempt == o.finalAttempt && status == o.status
                && environment == o.environment && Objects.equals(deviceId, o.deviceId)
                && Objects.equals(deviceName, o.deviceName) && Objects.equals(userID, o.userID)
                && Objects.equals(gateway, o.gateway) && Objects.equals(topic, o.topic)
                && Objects.equals(pushType, o.pushType) && Objects.equals(priority, o.priority)
                && Objects.equals(token, o.token) && Objects.equals(reason, o.reason)
                && Objects.equals(detail, o.detail) && Objects.equals(invalidationTimestamp, o.invalidationTimestamp)
                && Objects.equals(source, o.source) && Objects.equals(deliveryState, o.deliveryState)
                && sameText(o, MESSAGE_ID) && sameText(o, APNS_ID) && sameText(o, APNS_UNIQUE_ID)
                && sameText(o, PAYLOAD);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(seq);
        h = 31 * h + Long.hashCode(timeSeconds);
        h = 31 * h + timeNanos;
        h = 31 * h + (status == null ? 0 : status.ordinal() + 1);
        h = 31 * h + statusCode;
        h = 31 * h + attempt;
        h = 31 * h + Objects.hashCode(deviceId);
        return 31 * h + Long.hashCode(latencyMicros);
    }

    @Override
    public String toString() {
        return "DeliveryRecord[seq=" + seq + ", time=" + time() + ", messageId=" + messageId() + ", deviceId="
                + deviceId + ", deviceName=" + deviceName + ", userID=" + userID + ", certificateId=" + certificateId
                + ", environment=" + environment + ", gateway=" + gateway + ", topic=" + topic + ", pushType="
                + pushType + ", priority=" + priority + ", token=" + token + ", apnsId=" + apnsId()
                + ", apnsUniqueId=" + apnsUniqueId() + ", status=" + status + ", statusCode=" + statusCode
                + ", reason=" + reason + ", detail=" + detail + ", invalidationTimestamp=" + invalidationTimestamp
                + ", latencyMicros=" + latencyMicros + ", payload=" + payload() + ", source=" + source
                + ", attempt=" + attempt + ", finalAttempt=" + finalAttempt + ", deliveryState=" + deliveryState
                + "]";
    }
}
