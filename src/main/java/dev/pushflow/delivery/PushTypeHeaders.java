package dev.pushflow.delivery;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.logging.LogLevel;
import io.netty.util.AsciiString;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds the {@code apns-push-type} header Pushy 0.15.4 cannot express ({@code widgets}, {@code controls}: its
 * {@code PushType} predates them). Pushy sends such a push without the header; Netty hands every outbound HEADERS
 * frame to the client's frame logger just before encoding it, and this "logger" sets the header on the request
 * whose apns-id and token were announced. It logs nothing ({@link #isEnabled()} is false), so no header, and no
 * JWT, ever reaches a log. Cheap for every other request: one emptiness check.
 */
final class PushTypeHeaders extends Http2FrameLogger {
    private static final AsciiString APNS_ID = AsciiString.cached("apns-id");
    private static final AsciiString PUSH_TYPE = AsciiString.cached("apns-push-type");
    private static final String PATH_PREFIX = "/3/device/";

    private final ConcurrentHashMap<String, String> pending = new ConcurrentHashMap<>();

    PushTypeHeaders() {
        super(LogLevel.TRACE, PushTypeHeaders.class);
    }

    private static String key(CharSequence apnsId, CharSequence token) {
        return apnsId + "/" + token;
    }

    /** The request for this apns-id and token gets {@code apns-push-type: headerValue}. */
    String expect(UUID apnsId, String token, String headerValue) {
        String key = key(apnsId.toString(), token);
        pending.put(key, headerValue);
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
        if (direction != Direction.OUTBOUND || pending.isEmpty()) {
            return;
        }
        CharSequence apnsId = headers.get(APNS_ID);
        CharSequence path = headers.path();
        if (apnsId == null || path == null || path.length() <= PATH_PREFIX.length()) {
            return;
        }
        String type = pending.remove(key(apnsId, path.subSequence(PATH_PREFIX.length(), path.length())));
        if (type != null) {
            headers.set(PUSH_TYPE, type);
        }
    }
}
