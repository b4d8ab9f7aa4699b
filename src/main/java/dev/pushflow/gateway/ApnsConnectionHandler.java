package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.FastIds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 connection of an embedded gateway, on Netty's {@link Http2ConnectionHandler}: reads each request's
 * headers and body, asks the connection's {@link RequestValidator} for the answer and writes it as APNs does
 * ({@code :status}, {@code apns-id}, {@code apns-unique-id} on sandbox 200s, a JSON body for errors).
 *
 * <p>Apple's connection rules live here:</p>
 * <ul>
 *   <li>first SETTINGS {@code MAX_CONCURRENT_STREAMS=1} on a token connection until a provider token was accepted,
 *       then {@value #MAX_STREAMS} (a certificate connection gets {@value #MAX_STREAMS} at once);
 *       {@code MAX_HEADER_LIST_SIZE=}{@value #MAX_HEADER_LIST_SIZE}; streams past the limit get RST_STREAM
 *       REFUSED_STREAM, header lists past it are refused by Netty's decoder (431, or GOAWAY when far past);</li>
 *   <li>a body is buffered only up to its limit (4096 bytes, 5120 for VoIP): the moment it passes, the stream is
 *       answered 413 PayloadTooLarge and reset, and the rest is dropped unread;</li>
 *   <li>an idle connection (no request for the idle timeout) gets GOAWAY with {@code {"reason":"IdleTimeout"}};</li>
 *   <li>at shutdown every stream already received is answered (503 Shutdown when its body had not arrived), then
 *       GOAWAY names the last stream id and the connection closes.</li>
 * </ul>
 * <p>Rapid resets and empty-frame floods are Netty's own decoder limits (GOAWAY ENHANCE_YOUR_CALM).</p>
 */
final class ApnsConnectionHandler extends Http2ConnectionHandler {

    /** Streams allowed once authenticated: what Apple's gateways have been seen to allow, and Pushy's mock before. */
    static final int MAX_STREAMS = 1000;
    /** Apple's first SETTINGS seen in the wild. */
    static final int MAX_HEADER_LIST_SIZE = 8000;

    private static final AsciiString APNS_ID = AsciiString.cached("apns-id");
    private static final AsciiString APNS_UNIQUE_ID = AsciiString.cached("apns-unique-id");
    private static final AsciiString CONTENT_TYPE = AsciiString.cached("content-type");
    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final AsciiString[] STATUS = new AsciiString[600];

    static {
        for (int code : new int[]{200, 400, 403, 404, 405, 410, 413, 429, 500, 503}) {
            STATUS[code] = AsciiString.cached(Integer.toString(code));
        }
    }

    private final EmbeddedGateway gateway;
    private final RequestValidator validator;
    private final boolean uniqueIds;
    private final Http2Connection.PropertyKey stateKey;
    private final long idleTimeoutNanos;
    private ChannelHandlerContext ctx;
    private boolean streamLimitRaised;
    private boolean closing;
    private long lastRequestNanos = System.nanoTime();
    private ScheduledFuture<?> idleCheck;

    /** A request whose body is still arriving. */
    private static final class Pending {
        final RequestValidator.Request request;
        final int limit;
        ByteBuf body;
        int received;

        Pending(RequestValidator.Request request) {
            this.request = request;
            this.limit = request.payloadLimit();
        }

        void release() {
            if (body != null) {
                body.release();
                body = null;
            }
        }
    }

    private ApnsConnectionHandler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                  Http2Settings settings, EmbeddedGateway gateway, RequestValidator validator,
                                  long idleTimeoutNanos) {
        super(decoder, encoder, settings);
        this.gateway = gateway;
        this.validator = validator;
        this.uniqueIds = gateway.environment() == ApnsEnvironment.SANDBOX;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.streamLimitRaised = validator.allowsManyStreams();
        this.stateKey = connection().newKey();
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                // resets, GOAWAY and dropped connections all end here: nothing buffered outlives its stream
                Pending p = stream.removeProperty(stateKey);
                if (p != null) {
                    gateway.stats().bufferedBytes.add(-p.received);
                    p.release();
                }
            }
        });
    }

    /** Builds the handler of one connection: SETTINGS as Apple's, Netty's decoder limits on. */
    static ApnsConnectionHandler create(EmbeddedGateway gateway, RequestValidator validator, long idleTimeoutNanos) {
        Http2Settings settings = new Http2Settings()
                .maxConcurrentStreams(validator.allowsManyStreams() ? MAX_STREAMS : 1)
                .maxHeaderListSize(MAX_HEADER_LIST_SIZE);
        return new Builder(gateway, validator, idleTimeoutNanos, settings).build();
    }

    private static final class Builder
            extends AbstractHttp2ConnectionHandlerBuilder<ApnsConnectionHandler, Builder> {
        private final EmbeddedGateway gateway;
        private final RequestValidator validator;
        private final long idleTimeoutNanos;

        Builder(EmbeddedGateway gateway, RequestValidator validator, long idleTimeoutNanos, Http2Settings settings) {
            this.gateway = gateway;
            this.validator = validator;
            this.idleTimeoutNanos = idleTimeoutNanos;
            server(true);
            initialSettings(settings);
            // a closing connection waits this long for streams it already answered, not Netty's 30 s
            gracefulShutdownTimeoutMillis(500);
        }

        @Override
        public ApnsConnectionHandler build() {
            return super.build();
        }

        @Override
        protected ApnsConnectionHandler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                              Http2Settings initialSettings) {
            ApnsConnectionHandler h = new ApnsConnectionHandler(decoder, encoder, initialSettings, gateway,
                    validator, idleTimeoutNanos);
            frameListener(h.new Frames());
            return h;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
        gateway.connectionOpened(this);
        if (idleTimeoutNanos > 0) {
            idleCheck = ctx.executor().schedule(this::checkIdle, idleTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelIdleCheck();
        gateway.connectionClosed(this);
        super.channelInactive(ctx);
    }

    private void cancelIdleCheck() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }

    /** Reschedules itself for the rest of the timeout; no timer per request. */
    private void checkIdle() {
        idleCheck = null;
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        long idle = System.nanoTime() - lastRequestNanos;
        if (idle >= idleTimeoutNanos && connection().numActiveStreams() == 0) {
            goAwayAndClose(ApnsRejection.IDLE_TIMEOUT);
        } else {
            long wait = Math.max(idleTimeoutNanos - idle, TimeUnit.MILLISECONDS.toNanos(10));
            idleCheck = ctx.executor().schedule(this::checkIdle, wait, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Ends the connection as Apple does when it goes down: every stream received and not yet answered gets 503
     * Shutdown, GOAWAY names the last stream, then the connection closes. Call on any thread.
     */
    void shutdown() {
        if (ctx == null) {
            return;
        }
        ctx.executor().execute(() -> {
            if (closing || !ctx.channel().isActive()) {
                flushAndClose();
                return;
            }
            List<Http2Stream> unanswered = new ArrayList<>();
            try {
                connection().forEachActiveStream(stream -> {
                    if (stream.getProperty(stateKey) != null) {
                        unanswered.add(stream);
                    }
                    return true;
                });
            } catch (Http2Exception e) {
                // the visitor throws nothing
            }
            for (Http2Stream stream : unanswered) {
                Pending p = stream.getProperty(stateKey);
                answerThenStopUpload(stream.id(), p.request.validApnsId(), ApnsRejection.SHUTDOWN, 0);
            }
            goAwayAndClose(ApnsRejection.SHUTDOWN);
        });
    }

    private void goAwayAndClose(ApnsRejection why) {
        closing = true;
        cancelIdleCheck();
        ByteBuf debug = Unpooled.copiedBuffer(why.body(0), StandardCharsets.US_ASCII);
        int last = connection().remote().lastStreamCreated();
        goAway(ctx, last, Http2Error.NO_ERROR.code(), debug, ctx.newPromise());
        // this handler's own flush and close: queued DATA goes out first, then the graceful close
        flushAndClose();
    }

    private void flushAndClose() {
        try {
            flush(ctx);
            close(ctx, ctx.newPromise());
        } catch (Exception e) {
            ctx.channel().close();
        }
    }

    /** The frames of this connection; Netty calls them on the event loop. */
    private final class Frames extends Http2FrameAdapter {
        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) {
            lastRequestNanos = System.nanoTime();
            Http2Stream existing = connection().stream(streamId);
            Pending trailersOf = existing == null ? null : existing.getProperty(stateKey);
            if (trailersOf != null) {
                // trailers after a body: they end the request that is already being read
                if (endOfStream) {
                    existing.removeProperty(stateKey);
                    gateway.stats().bufferedBytes.add(-trailersOf.received);
                    try {
                        answer(streamId, trailersOf.request, trailersOf.body);
                    } finally {
                        trailersOf.release();
                    }
                }
                return;
            }
            RequestValidator.Request r = RequestValidator.read(headers);
            if (endOfStream) {
                answer(streamId, r, null);
                return;
            }
            Http2Stream stream = connection().stream(streamId);
            if (stream != null) {
                stream.setProperty(stateKey, new Pending(r));
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
                              boolean endOfStream) {
            int processed = data.readableBytes() + padding;
            Http2Stream stream = connection().stream(streamId);
            Pending p = stream == null ? null : stream.getProperty(stateKey);
            if (p == null) {
                return processed; // already answered (413) or unknown: dropped
            }
            int n = data.readableBytes();
            gateway.stats().bodyBytesRead.add(n);
            if ((long) p.received + n > p.limit) {
                // Past the limit: answer now and stop the upload; the bytes are never kept.
                stream.removeProperty(stateKey);
                gateway.stats().bufferedBytes.add(-p.received);
                int soFar = p.received + n;
                p.release();
                ApnsRejection rejection = validator.handleTooLarge(p.request, soFar);
                if (endOfStream) {
                    respond(streamId, p.request.validApnsId(), rejection, timestampOf(p.request));
                } else {
                    answerThenStopUpload(streamId, p.request.validApnsId(), rejection, timestampOf(p.request));
                }
                return processed;
            }
            if (endOfStream && p.body == null) {
                // the usual case, one DATA frame: no copy
                stream.removeProperty(stateKey);
                gateway.stats().bufferedBytes.add(-p.received);
                answer(streamId, p.request, data);
                return processed;
            }
            if (p.body == null) {
                p.body = ctx.alloc().buffer(Math.min(p.limit, Math.max(n * 2, 256)), p.limit);
            }
            p.body.writeBytes(data);
            p.received += n;
            gateway.stats().bufferedBytes.add(n);
            if (endOfStream) {
                stream.removeProperty(stateKey);
                gateway.stats().bufferedBytes.add(-p.received);
                try {
                    answer(streamId, p.request, p.body);
                } finally {
                    p.release();
                }
            }
            return processed;
        }
    }

    private void answer(int streamId, RequestValidator.Request r, ByteBuf payload) {
        WeatherPlan weather = gateway.weatherPlan();
        long delay = 0;
        if (weather != null) {
            long n = weather.next();
            Weather.Fault fault = weather.fault(n);
            if (fault != null) {
                applyFault(fault, streamId, r, payload);
                return;
            }
            delay = weather.delayMillis(n);
        }
        ApnsRejection rejection = validator.handle(r, payload);
        if (!streamLimitRaised && validator.allowsManyStreams()) {
            streamLimitRaised = true;
            encoder().writeSettings(ctx, new Http2Settings().maxConcurrentStreams(MAX_STREAMS), ctx.newPromise());
        }
        if (delay <= 0) {
            respond(streamId, r.validApnsId(), rejection, timestampOf(r));
            return;
        }
        // latency: the verdict (and the listeners) now, the answer later; nothing of the request is kept
        CharSequence apnsId = r.validApnsId();
        String id = apnsId == null ? null : apnsId.toString();
        long timestamp = timestampOf(r);
        ctx.executor().schedule(() -> {
            if (connection().stream(streamId) != null) {
                respond(streamId, id, rejection, timestamp);
                flush(ctx);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** APNs weather instead of the verdict (see {@link Weather}). */
    private void applyFault(Weather.Fault fault, int streamId, RequestValidator.Request r, ByteBuf payload) {
        switch (fault) {
            case TOO_MANY_REQUESTS, INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE, SHUTDOWN -> {
                ApnsRejection rejection = switch (fault) {
                    case TOO_MANY_REQUESTS -> ApnsRejection.TOO_MANY_REQUESTS;
                    case INTERNAL_SERVER_ERROR -> ApnsRejection.INTERNAL_SERVER_ERROR;
                    case SERVICE_UNAVAILABLE -> ApnsRejection.SERVICE_UNAVAILABLE;
                    default -> ApnsRejection.SHUTDOWN;
                };
                validator.announceFault(r, payload, rejection);
                respond(streamId, r.validApnsId(), rejection, 0);
                if (fault == Weather.Fault.SHUTDOWN) {
                    goAwayAndClose(ApnsRejection.SHUTDOWN);
                }
            }
            case GOAWAY -> {
                // this stream and any after it were not processed: the client may safely send them again
                closing = true;
                cancelIdleCheck();
                goAway(ctx, Math.max(0, streamId - 2), Http2Error.NO_ERROR.code(), Unpooled.EMPTY_BUFFER,
                        ctx.newPromise());
                flushAndClose();
            }
            case RESET -> {
                closing = true;
                ctx.channel().config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
                // closed from the first handler's context, below TLS and HTTP/2: no close_notify, no GOAWAY;
                // with SO_LINGER 0 the peer gets a TCP RST
                ctx.pipeline().firstContext().close();
            }
            case STALL -> {
                // never answered: the stream stays open until the client gives up or the connection ends
            }
        }
    }

    private static long timestampOf(RequestValidator.Request r) {
        return r.timestamp == null ? 0 : r.timestamp.toEpochMilli();
    }

    /**
     * A complete answer before the client finished its body, then RST_STREAM NO_ERROR (RFC 9113 8.1: "stop sending,
     * no error") once the answer is out; a reset written at once would overtake the answer's DATA frame.
     */
    private void answerThenStopUpload(int streamId, CharSequence apnsId, ApnsRejection rejection, long timestampMillis) {
        respond(streamId, apnsId, rejection, timestampMillis).addListener(f -> {
            Http2Stream stream = connection().stream(streamId);
            if (stream != null) {
                resetStream(ctx, streamId, Http2Error.NO_ERROR.code(), ctx.newPromise());
                flush(ctx);
            }
        });
    }

    /** Writes Apple's answer; {@code rejection == null} is 200. Returns the last write. */
    private io.netty.channel.ChannelFuture respond(int streamId, CharSequence apnsId, ApnsRejection rejection,
                                                  long timestampMillis) {
        Http2Headers h = new DefaultHttp2Headers(false, 4);
        h.status(STATUS[rejection == null ? 200 : rejection.status()]);
        h.add(APNS_ID, apnsId != null ? apnsId : FastIds.uuid().toString());
        if (rejection == null) {
            if (uniqueIds) {
                h.add(APNS_UNIQUE_ID, FastIds.uuid().toString());
            }
            return encoder().writeHeaders(ctx, streamId, h, 0, true, ctx.newPromise());
        }
        h.add(CONTENT_TYPE, JSON);
        encoder().writeHeaders(ctx, streamId, h, 0, false, ctx.newPromise());
        ByteBuf body = ByteBufUtil.writeAscii(ctx.alloc(), rejection.body(timestampMillis));
        return encoder().writeData(ctx, streamId, body, 0, true, ctx.newPromise());
    }

    /** Protocol errors are the client's: one short line (by the connection's trouble logger), no stack trace. */
    @Override
    protected void onConnectionError(ChannelHandlerContext ctx, boolean outbound, Throwable cause,
                                     Http2Exception http2Ex) {
        gateway.clientTrouble(ctx.channel(), "HTTP/2 protocol error, GOAWAY sent: "
                + (http2Ex != null ? http2Ex.getMessage() : cause.getMessage()));
        super.onConnectionError(ctx, outbound, cause, http2Ex);
    }
}
