package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides the answer to each request of ONE connection, as APNs does: a template whose steps are the same for both
 * authentication modes, with one subclass per mode ({@link TokenRequestValidator}, {@link CertificateRequestValidator})
 * for authentication and the topic rules that differ. Called on the connection's event loop, one request at a time;
 * {@code null} means 200, otherwise Apple's error answer. Listeners hear the outcome before it is written.
 *
 * <p>Checks, in this order (the first failure answers):</p>
 * <ol>
 *   <li>{@code :method} POST, else 405 MethodNotAllowed;</li>
 *   <li>authentication: with a client certificate, a well-formed Apple push certificate that is valid now
 *       (403 BadCertificate) and made for this environment (403 BadCertificateEnvironment); otherwise the
 *       {@code authorization: bearer <JWT>} header (403 MissingProviderToken, InvalidProviderToken,
 *       ExpiredProviderToken) signed by a key that may push to this environment (403 BadEnvironmentKeyIdInToken for a
 *       key scoped to the other one);</li>
 *   <li>no apns-* or authorization header twice (400 DuplicateHeaders);</li>
 *   <li>{@code :path} is {@code /3/device/<token>} (404 BadPath), the token is present (400 MissingDeviceToken) and is
 *       even-length hex of any length (400 BadDeviceToken);</li>
 *   <li>apns-push-type is one of Apple's values (400 InvalidPushType); absent means alert;</li>
 *   <li>the topic: required with token auth (400 MissingTopic); with a certificate it defaults to the certificate's
 *       only base topic for push types without a topic suffix (else 400 MissingTopic) and must be one of the
 *       certificate's topics (400 TopicDisallowed); it must carry the push type's suffix, e.g. {@code .voip}, and an
 *       unsuffixed type must not use a suffixed topic (400 BadTopic); with token auth, the topic's bundle ID (the
 *       topic without the push type's suffix) must be one a topic-specific key lists (403 UnrelatedKeyIdInToken);</li>
 *   <li>apns-id a lowercase canonical UUID (400 BadMessageId); apns-priority 10, 5 or 1 and not 10 for a background
 *       push (400 BadPriority); apns-expiration a non-negative integer (400 BadExpirationDate); apns-collapse-id at
 *       most 64 bytes (400 BadCollapseId);</li>
 *   <li>the payload is not empty (400 PayloadEmpty) and fits the push type: 4096 bytes, 5120 for VoIP
 *       (413 PayloadTooLarge);</li>
 *   <li>the device token is registered in THIS environment (400 BadDeviceToken: the classic "bad devicetoken" of a
 *       sandbox token sent to production or the reverse), for the topic's bundle (400 DeviceTokenNotForTopic), and
 *       its app was not uninstalled (410 Unregistered with the time it stopped being valid).</li>
 * </ol>
 */
abstract class RequestValidator {


    private static final AsciiString METHOD = Http2Headers.PseudoHeaderName.METHOD.value();
    private static final AsciiString PATH = Http2Headers.PseudoHeaderName.PATH.value();
    private static final AsciiString AUTHORIZATION = AsciiString.cached("authorization");
    private static final AsciiString APNS_TOPIC = AsciiString.cached("apns-topic");
    private static final AsciiString APNS_PUSH_TYPE = AsciiString.cached("apns-push-type");
    private static final AsciiString APNS_ID = AsciiString.cached("apns-id");
    private static final AsciiString APNS_PRIORITY = AsciiString.cached("apns-priority");
    private static final AsciiString APNS_EXPIRATION = AsciiString.cached("apns-expiration");
    private static final AsciiString APNS_COLLAPSE_ID = AsciiString.cached("apns-collapse-id");
    private static final AsciiString POST = AsciiString.cached("POST");
    private static final String PATH_PREFIX = "/3/device/";
    private static final int MAX_COLLAPSE_ID_BYTES = 64;
    private static final PushType[] PUSH_TYPES = PushType.values();

    static final String AUTH_TOKEN = "token";
    static final String AUTH_CERTIFICATE = "certificate";

    protected final EmbeddedGateway gateway;
    protected final LongSupplier nowMillis;

    RequestValidator(EmbeddedGateway gateway, LongSupplier nowMillis) {
        this.gateway = gateway;
        this.nowMillis = nowMillis;
    }

    static RequestValidator forToken(EmbeddedGateway gateway, ProviderTokenVerifier verifier, LongSupplier nowMillis) {
        return new TokenRequestValidator(gateway, verifier, nowMillis);
    }

    static RequestValidator forCertificate(EmbeddedGateway gateway, ClientCertificateInfo certificate,
                                           LongSupplier nowMillis) {
        return new CertificateRequestValidator(gateway, certificate, nowMillis);
    }

    // ---- the steps that differ per authentication mode ------------------------------------------------------------

    /** "token" or "certificate", as {@link GatewayNotification#authKind()} says. */
    abstract String authKind();

    /** {@code null} when the request is authenticated, otherwise Apple's 403 answer. */
    abstract ApnsRejection authenticate(Request r);

    /** The topic to use when the request has no apns-topic, or {@code null} (then 400 MissingTopic). */
    String defaultTopic(PushType type) {
        return null;
    }

    /** {@code null} when this connection may push to {@code topic} (certificate: one of its topics). */
    ApnsRejection checkTopic(String topic) {
        return null;
    }

    /** {@code null} when this connection may push to the app {@code bundle} (token: the key's scope covers it). */
    ApnsRejection checkBundle(String bundle) {
        return null;
    }

    /** Whether the connection may have more than one stream open (token auth: only once a token was accepted). */
    abstract boolean allowsManyStreams();

    // ---- the template --------------------------------------------------------------------------------------------

    /** What one request said, read in one pass over its headers. */
    static final class Request {
        CharSequence method;
        CharSequence path;
        CharSequence authorization;
        CharSequence topicHeader;
        CharSequence pushTypeHeader;
        CharSequence apnsIdHeader;
        CharSequence priorityHeader;
        CharSequence expirationHeader;
        CharSequence collapseIdHeader;
        boolean duplicate;

        String token;
        String topic;
        PushType type;
        Integer priority;
        Long expiration;
        /** For a 410: when the token stopped being valid. */
        Instant timestamp;

        /** The most payload bytes this request may carry: 5120 for VoIP, 4096 otherwise (Apple's limits). */
        int payloadLimit() {
            return pushTypeHeader != null && AsciiString.contentEquals(PushType.VOIP.headerValue(), pushTypeHeader)
                    ? PushType.VOIP.maxPayloadBytes() : PushType.ALERT.maxPayloadBytes();
        }

        /** The apns-id to answer with: the client's when it sent a valid one, else {@code null}. */
        CharSequence validApnsId() {
            return apnsIdHeader != null && isLowercaseCanonicalUuid(apnsIdHeader) ? apnsIdHeader : null;
        }
    }

    /** Reads and decides a complete request; {@code null} = 200. */
    final ApnsRejection handle(Http2Headers headers, ByteBuf payload) {
        return handle(read(headers), payload);
    }

    /** Decides a complete request whose headers were read already; {@code null} = 200. */
    final ApnsRejection handle(Request r, ByteBuf payload) {
        int size = payload == null ? 0 : payload.readableBytes();
        return decide(r, payload, size);
    }

    /**
     * Decides a request whose body passed {@link Request#payloadLimit()} while it was still arriving: every check
     * before the payload's size runs as usual, so the answer is the one Apple gives a request with that body.
     */
    final ApnsRejection handleTooLarge(Request r, int bytesSoFar) {
        return decide(r, null, bytesSoFar);
    }

    private ApnsRejection decide(Request r, ByteBuf payload, int size) {
        ApnsRejection rejection = evaluate(r, size);
        if (gateway.hasListeners()) {
            GatewayNotification n = notification(r, payload);
            if (rejection == null) {
                gateway.fireAccepted(n);
            } else {
                gateway.fireRejected(n, rejection.status(), rejection.reason(),
                        rejection.carriesTimestamp() ? r.timestamp : null);
            }
        }
        return rejection;
    }

    static Request read(Http2Headers headers) {
        Request r = new Request();
        for (Map.Entry<CharSequence, CharSequence> e : headers) {
            CharSequence name = e.getKey();
            CharSequence value = e.getValue();
            if (METHOD.contentEquals(name)) {
                r.method = value;
            } else if (PATH.contentEquals(name)) {
                r.path = value;
            } else if (AUTHORIZATION.contentEquals(name)) {
                r.duplicate |= r.authorization != null;
                r.authorization = value;
            } else if (name.length() > 5 && name.charAt(0) == 'a' && name.charAt(4) == '-') {
                if (APNS_TOPIC.contentEquals(name)) {
                    r.duplicate |= r.topicHeader != null;
                    r.topicHeader = value;
                } else if (APNS_PUSH_TYPE.contentEquals(name)) {
                    r.duplicate |= r.pushTypeHeader != null;
                    r.pushTypeHeader = value;
                } else if (APNS_ID.contentEquals(name)) {
                    r.duplicate |= r.apnsIdHeader != null;
                    r.apnsIdHeader = value;
                } else if (APNS_PRIORITY.contentEquals(name)) {
                    r.duplicate |= r.priorityHeader != null;
                    r.priorityHeader = value;
                } else if (APNS_EXPIRATION.contentEquals(name)) {
                    r.duplicate |= r.expirationHeader != null;
                    r.expirationHeader = value;
                } else if (APNS_COLLAPSE_ID.contentEquals(name)) {
                    r.duplicate |= r.collapseIdHeader != null;
                    r.collapseIdHeader = value;
                }
            }
        }
        return r;
    }

    private ApnsRejection evaluate(Request r, int size) {
        if (r.method == null || !POST.contentEquals(r.method)) {
            return ApnsRejection.METHOD_NOT_ALLOWED;
        }
        ApnsRejection auth = authenticate(r);
        if (auth != null) {
            return auth;
        }
        if (r.duplicate) {
            return ApnsRejection.DUPLICATE_HEADERS;
        }

        // :path and the device token's syntax
        String path = r.path == null ? "" : r.path.toString();
        if (!path.startsWith(PATH_PREFIX)) {
            return ApnsRejection.BAD_PATH;
        }
        int end = path.indexOf('?');
        String token = path.substring(PATH_PREFIX.length(), end < 0 ? path.length() : end);
        if (token.isEmpty()) {
            return ApnsRejection.MISSING_DEVICE_TOKEN;
        }
        r.token = token;
        if (!TokenRegistry.isEvenHex(token)) {
            return ApnsRejection.BAD_DEVICE_TOKEN;
        }
        r.token = token.toLowerCase(Locale.ROOT);

        // push type: absent = alert
        if (r.pushTypeHeader == null) {
            r.type = PushType.ALERT;
        } else {
            r.type = pushType(r.pushTypeHeader);
            if (r.type == null) {
                return ApnsRejection.INVALID_PUSH_TYPE;
            }
        }

        // topic
        if (r.topicHeader != null) {
            r.topic = text(r.topicHeader);
        } else {
            r.topic = defaultTopic(r.type);
            if (r.topic == null) {
                return ApnsRejection.MISSING_TOPIC;
            }
        }
        ApnsRejection topicRule = checkTopic(r.topic);
        if (topicRule != null) {
            return topicRule;
        }
        // A topic that does not fit the push type (voip to "<bundle>", alert to "<bundle>.voip", ...) is BadTopic:
        // the topic is wrong whatever the device token; DeviceTokenNotForTopic is kept for tokens of another bundle.
        String bundle = bundleOf(r.topic, r.type);
        if (bundle == null) {
            return ApnsRejection.BAD_TOPIC;
        }
        ApnsRejection bundleRule = checkBundle(bundle);
        if (bundleRule != null) {
            return bundleRule;
        }

        if (r.apnsIdHeader != null && !isLowercaseCanonicalUuid(r.apnsIdHeader)) {
            return ApnsRejection.BAD_MESSAGE_ID;
        }
        if (r.priorityHeader != null) {
            r.priority = priority(r.priorityHeader);
            // Apple: background pushes must use priority 5; an explicit 10 is refused. An absent priority is
            // accepted for background pushes (treated as 5) because most providers omit it.
            if (r.priority == null || (r.type == PushType.BACKGROUND && r.priority == 10)) {
                return ApnsRejection.BAD_PRIORITY;
            }
        }
        if (r.expirationHeader != null) {
            r.expiration = nonNegativeLong(r.expirationHeader);
            if (r.expiration == null) {
                return ApnsRejection.BAD_EXPIRATION_DATE;
            }
        }
        if (r.collapseIdHeader != null && utf8Length(r.collapseIdHeader) > MAX_COLLAPSE_ID_BYTES) {
            return ApnsRejection.BAD_COLLAPSE_ID;
        }

        if (size == 0) {
            return ApnsRejection.PAYLOAD_EMPTY;
        }
        if (size > r.type.maxPayloadBytes()) {
            return ApnsRejection.PAYLOAD_TOO_LARGE;
        }

        TokenRegistry.Registration reg = gateway.registry().lookup(r.token);
        if (reg == null) {
            return ApnsRejection.BAD_DEVICE_TOKEN;
        }
        if (!reg.bundleId().equals(bundle)) {
            return ApnsRejection.DEVICE_TOKEN_NOT_FOR_TOPIC;
        }
        if (reg.unregisteredAt() != null) {
            r.timestamp = reg.unregisteredAt();
            return ApnsRejection.UNREGISTERED;
        }
        if (reg.expiredAt() != null) {
            r.timestamp = reg.expiredAt();
            return ApnsRejection.EXPIRED_TOKEN;
        }
        WeatherPlan weather = gateway.weatherPlan();
        if (weather != null && weather.tokenLimited(r.token, nowMillis.getAsLong())) {
            return ApnsRejection.TOO_MANY_REQUESTS; // Apple: too many pushes to one device token in a short time
        }
        return null;
    }

    /** Weather answered instead of the verdict: listeners hear it as the rejection it is. */
    final void announceFault(Request r, ByteBuf payload, ApnsRejection rejection) {
        if (gateway.hasListeners()) {
            gateway.fireRejected(notification(r, payload), rejection.status(), rejection.reason(), null);
        }
    }

    private GatewayNotification notification(Request r, ByteBuf payload) {
        String pushType = r.type != null ? r.type.headerValue()
                : r.pushTypeHeader != null ? text(r.pushTypeHeader) : PushType.ALERT.headerValue();
        String topic = r.topic != null ? r.topic : r.topicHeader != null ? text(r.topicHeader) : null;
        String body = payload == null ? null : payload.toString(StandardCharsets.UTF_8);
        ApnsEnvironment env = gateway.environment();
        String token = r.token;
        if (token == null && r.path != null) {
            // rejected before the path was read (method, authentication): still say which device it was for
            String path = r.path.toString();
            if (path.startsWith(PATH_PREFIX)) {
                int end = path.indexOf('?');
                token = path.substring(PATH_PREFIX.length(), end < 0 ? path.length() : end);
                if (TokenRegistry.isEvenHex(token)) {
                    token = token.toLowerCase(Locale.ROOT);
                }
            }
        }
        return new GatewayNotification(env, token, topic, pushType, r.priority, r.expiration,
                r.collapseIdHeader == null ? null : text(r.collapseIdHeader),
                r.apnsIdHeader == null ? null : text(r.apnsIdHeader),
                body, authKind(), Instant.ofEpochMilli(nowMillis.getAsLong()));
    }

    /** Topic and push type must agree; returns the bundle ID the topic is for, or {@code null} on a mismatch. */
    static String bundleOf(String topic, PushType type) {
        return dev.pushflow.apns.ApnsTopics.bundleOf(topic, type);
    }

    private static PushType pushType(CharSequence header) {
        for (PushType p : PUSH_TYPES) {
            if (AsciiString.contentEquals(p.headerValue(), header)) {
                return p;
            }
        }
        return null;
    }

    private static Integer priority(CharSequence v) {
        if (AsciiString.contentEquals("10", v)) {
            return 10;
        }
        if (AsciiString.contentEquals("5", v)) {
            return 5;
        }
        if (AsciiString.contentEquals("1", v)) {
            return 1;
        }
        return null;
    }

    private static Long nonNegativeLong(CharSequence v) {
        int n = v.length();
        if (n == 0 || n > 18) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static boolean isLowercaseCanonicalUuid(CharSequence v) {
        return dev.pushflow.apns.AppleIds.isCanonicalUuid(v, true);
    }

    /** HTTP/2 header values are bytes: Netty's AsciiString holds one byte per char. */
    private static int utf8Length(CharSequence v) {
        return v instanceof AsciiString a ? a.length() : v.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** A header value as text, its bytes read as UTF-8. */
    private static String text(CharSequence v) {
        if (v instanceof AsciiString a) {
            return new String(a.array(), a.arrayOffset(), a.length(), StandardCharsets.UTF_8);
        }
        return v.toString();
    }
}
