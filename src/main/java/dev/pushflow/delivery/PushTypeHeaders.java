package dev.pushflow.delivery;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.logging.LogLevel;
import io.netty.util.AsciiString;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the headers Pushy 0.15.4 cannot express: {@code apns-priority: 1} (its {@code DeliveryPriority} has only 10
 * and 5), no {@code apns-expiration} when the push has none (Pushy then sends 0, "never store", where Apple's
 * default without the header is "store up to 30 days"), and
 * the {@code apns-push-type} header Pushy 0.15.4 cannot express ({@code widgets}, {@code controls}: its
 * {@code PushType} predates them). Pushy sends such a push without the header; Netty hands every outbound HEADERS
 * frame to the client's frame logger just before encoding it, and this "logger" sets the header on the request
 * whose apns-id and token were announced. It logs nothing ({@link #isEnabled()} is false), so no header, and no
 * JWT, ever reaches a log.
 *
 * <p>"No apns-expiration" is the common case (every push of the IM flow without one), so it needs no announcement:
 * the notification carries {@link #NO_EXPIRATION}, which Pushy writes as {@code apns-expiration: -1} (a value no
 * push has: ApnsHeaders never makes a negative one), and this hook removes that header. Cheap for every request:
 * one header lookup and, for the rare announced ones, a map lookup.</p>
 */
final class PushTypeHeaders extends Http2FrameLogger {
    private static final AsciiString APNS_ID = AsciiString.cached("apns-id");
    private static final AsciiString PUSH_TYPE = AsciiString.cached("apns-push-type");
    private static final AsciiString PRIORITY = AsciiString.cached("apns-priority");
    private static final AsciiString EXPIRATION = AsciiString.cached("apns-expiration");
    private static final String PATH_PREFIX = "/3/device/";

    /** What one request needs: a push type to add (or null), a priority to write (or null). */
    private record Fix(String pushType, Integer priority) {
    }

    /** The expiration a notification without one carries to this hook: Pushy writes it as -1, the hook drops it. */
    static final java.time.Instant NO_EXPIRATION = java.time.Instant.ofEpochSecond(-1);
    private static final AsciiString NO_EXPIRATION_VALUE = AsciiString.cached("-1");

    private final ConcurrentHashMap<String, Fix> pending = new ConcurrentHashMap<>();

    PushTypeHeaders() {
        super(LogLevel.TRACE, PushTypeHeaders.class);
    }

    private static String key(CharSequence apnsId, CharSequence token) {
        return apnsId + "/" + token;
    }

    /**
     * Announces what the request needs beyond what Pushy writes, or returns null when it needs nothing.
     *
     * @param pushTypeMissing Pushy has no push type for the request's (widgets, controls)
     */
    String announce(PushRequest r, boolean pushTypeMissing) {
        Integer priority = r.priority() != null && r.priority() == 1 ? 1 : null;
        if (!pushTypeMissing && priority == null) {
            return null;
        }
        String key = key(r.apnsId().toString(), r.token());
        pending.put(key, new Fix(pushTypeMissing ? r.pushType().headerValue() : null, priority));
        return key;
    }

    /** Drops an announcement whose request was never written (the connection failed, say). */
    void forget(String key) {
        pending.remove(key);
    }

    int pendingCount() {
        return pending.size();
    }

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public void logHeaders(Direction direction, ChannelHandlerContext ctx, int streamId, Http2Headers headers,
                           int padding, boolean endStream) {
        complete(direction, headers);
    }

    @Override
    public void logHeaders(Direction direction, ChannelHandlerContext ctx, int streamId, Http2Headers headers,
                           int streamDependency, short weight, boolean exclusive, int padding, boolean endStream) {
        complete(direction, headers);
    }

    private void complete(Direction direction, Http2Headers headers) {
        if (direction != Direction.OUTBOUND) {
            return;
        }
        CharSequence expiration = headers.get(EXPIRATION);
        if (expiration != null && NO_EXPIRATION_VALUE.contentEquals(expiration)) {
            headers.remove(EXPIRATION);
        }
        if (pending.isEmpty()) {
            return;
        }
        CharSequence apnsId = headers.get(APNS_ID);
        CharSequence path = headers.path();
        if (apnsId == null || path == null || path.length() <= PATH_PREFIX.length()) {
            return;
        }
        // get, not remove: a retried attempt (same apns-id and token) needs the same fix; forget() drops it at the end
        Fix fix = pending.get(key(apnsId, path.subSequence(PATH_PREFIX.length(), path.length())));
        if (fix != null) {
            if (fix.pushType() != null) {
                headers.set(PUSH_TYPE, fix.pushType());
            }
            if (fix.priority() != null) {
                headers.setInt(PRIORITY, fix.priority());
            }
        }
    }
}
