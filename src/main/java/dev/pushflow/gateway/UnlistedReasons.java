package dev.pushflow.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DecoratingHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the rejection reasons Pushy 0.15.4's {@code RejectionReason} has no constant for (the 2025 key-scope reasons
 * {@code UnrelatedKeyIdInToken} and {@code BadEnvironmentKeyIdInToken}), with Apple's status and text.
 *
 * <p>How: the request handler throws Pushy's 403 {@code FORBIDDEN} and first {@linkplain #announce announces} the
 * real reason on the event-loop thread. Pushy's server handler then writes the response synchronously on that same
 * thread: the 403 headers, then the body {@code {"reason":"Forbidden"}} through its connection's HTTP/2 encoder.
 * Each connection's encoder is wrapped so that exactly that body, when a reason was announced, is replaced by
 * {@code {"reason":"<Apple's reason>"}} BEFORE it reaches HTTP/2 flow control (so frame lengths and window
 * accounting stay right). The status is the same (403), so the headers need no change.</p>
 *
 * <p>Getting at the encoder: Pushy builds its handler inside its own TLS-handshake listener and offers no hook.
 * {@link #prepare} puts a one-shot handler into each accepted connection that, once Pushy's channel initializer
 * has added the {@link SslHandler}, adds a second listener to the handshake future; Netty runs listeners in the
 * order they were added, so Pushy's handler is in the pipeline when ours runs, before any request is read. Netty's
 * {@link Http2ConnectionHandler} keeps its encoder in a private final field with no setter, so the wrapper is put
 * there by reflection (allowed on the class path for instance fields up to at least JDK 25). If that ever fails,
 * the gateway still works and these two reasons go out as 403 Forbidden, with one warning in the log.</p>
 */
final class UnlistedReasons {
    private static final Logger log = LoggerFactory.getLogger(UnlistedReasons.class);
    private static final String PLACEHOLDER_BODY = "{\"reason\":\"Forbidden\"}";
    private static final ThreadLocal<ApnsRejection> ANNOUNCED = new ThreadLocal<>();
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final Field ENCODER_FIELD = encoderField();

    private UnlistedReasons() {
    }

    /** The request handler on the event loop: the rejection about to be thrown as Pushy's FORBIDDEN is this one. */
    static void announce(ApnsRejection rejection) {
        ANNOUNCED.set(rejection);
    }

    /** Forgets an announcement that was not consumed (called at the start of every request). */
    static void clear() {
        ANNOUNCED.remove();
    }

    /** Whether a connection's encoder can be wrapped on this JDK / Netty (false: the reasons go out as Forbidden). */
    static boolean available() {
        return ENCODER_FIELD != null;
    }

    /**
     * Called for each accepted connection before the server bootstrap adds Pushy's channel initializer: arranges for
     * the connection's HTTP/2 encoder to be wrapped once Pushy has built its handler.
     */
    static void prepare(Channel child) {
        if (ENCODER_FIELD != null) {
            child.pipeline().addLast(new Installer());
        }
    }

    /** Runs once at registration (after the channel initializers), hooks the handshake, then leaves the pipeline. */
    private static final class Installer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            SslHandler ssl = pipeline.get(SslHandler.class);
            if (ssl != null) {
                ssl.handshakeFuture().addListener(f -> {
                    if (f.isSuccess()) {
                        wrap(pipeline);
                    }
                });
            } else {
                warnOnce("no TLS handler in the connection's pipeline", null);
            }
            pipeline.remove(this);
            ctx.fireChannelRegistered();
        }
    }

    private static void wrap(ChannelPipeline pipeline) {
        Http2ConnectionHandler handler = pipeline.get(Http2ConnectionHandler.class);
        if (handler == null) {
            warnOnce("no HTTP/2 handler in the connection's pipeline after the TLS handshake", null);
            return;
        }
        try {
            Http2ConnectionEncoder current = handler.encoder();
            if (!(current instanceof Encoder)) {
                ENCODER_FIELD.set(handler, new Encoder(current));
            }
        } catch (IllegalAccessException | RuntimeException e) {
            warnOnce("cannot wrap the connection's HTTP/2 encoder (" + e + ")", e);
        }
    }

    /** Replaces Pushy's Forbidden body by the announced reason's body, once. */
    static final class Encoder extends DecoratingHttp2ConnectionEncoder {
        Encoder(Http2ConnectionEncoder delegate) {
            super(delegate);
        }

        @Override
        public ChannelFuture writeData(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
                                       boolean endStream, ChannelPromise promise) {
            ApnsRejection announced = ANNOUNCED.get();
            if (announced != null && isPlaceholder(data)) {
                ANNOUNCED.remove();
                data.release();
                data = Unpooled.wrappedBuffer(body(announced).getBytes(StandardCharsets.US_ASCII));
            }
            return super.writeData(ctx, streamId, data, padding, endStream, promise);
        }
    }

    static String body(ApnsRejection rejection) {
        return "{\"reason\":\"" + rejection.reason() + "\"}";
    }

    private static boolean isPlaceholder(ByteBuf data) {
        return data.readableBytes() == PLACEHOLDER_BODY.length()
                && PLACEHOLDER_BODY.equals(data.toString(StandardCharsets.US_ASCII));
    }

    private static Field encoderField() {
        try {
            Field f = Http2ConnectionHandler.class.getDeclaredField("encoder");
            if (!Http2ConnectionEncoder.class.isAssignableFrom(f.getType())) {
                throw new NoSuchFieldException("encoder has type " + f.getType().getName());
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce("this Netty version has no reachable Http2ConnectionHandler.encoder (" + e + ")", e);
            return null;
        }
    }

    private static void warnOnce(String what, Throwable cause) {
        if (WARNED.compareAndSet(false, true)) {
            log.warn("{}: the embedded gateways answer UnrelatedKeyIdInToken and BadEnvironmentKeyIdInToken as 403"
                    + " Forbidden", what, cause);
        }
    }
}
