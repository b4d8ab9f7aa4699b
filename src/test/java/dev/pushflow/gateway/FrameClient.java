package dev.pushflow.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/2 client of our own on Netty's client codec, frame by frame, for what Pushy never sends: streams past
 * the advertised limit, bodies that never end or never stop, resets mid-body, header floods, bad frames. Test code.
 */
final class FrameClient implements AutoCloseable {
    static final long TIMEOUT_SECONDS = GatewayTestSupport.TIMEOUT_SECONDS;

    /** What came back on one stream: headers, body text, or a reset. */
    static final class Result {
        final CompletableFuture<Result> done = new CompletableFuture<>();
        volatile Http2Headers headers;
        final StringBuilder body = new StringBuilder();
        volatile Long resetCode;

        int status() {
            return headers == null ? -1 : Integer.parseInt(headers.status().toString());
        }

        String body() {
            synchronized (body) {
                return body.toString();
            }
        }
    }

    /** A GOAWAY as received. */
    record GoAway(int lastStreamId, long errorCode, String debug) {
    }

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel channel;
    private final Http2FrameCodec codec;
    private final Inbound inbound = new Inbound();
    private final Map<Integer, Result> results = new ConcurrentHashMap<>();
    final BlockingQueue<Http2Settings> settings = new LinkedBlockingQueue<>();
    final CompletableFuture<GoAway> goAway = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private FrameClient(EmbeddedGateway gw, byte[] caPem) throws Exception {
        SslContext tls = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(Pem.certificates(caPem).toArray(new X509Certificate[0]))
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        codec = Http2FrameCodecBuilder.forClient().autoAckSettingsFrame(true).build();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), gw.host(), gw.port()), codec, inbound);
                    }
                })
                .connect(gw.host(), gw.port()).sync().channel();
        channel.closeFuture().addListener(f -> {
            closed.complete(null);
            results.values().forEach(r -> r.done.complete(r));
        });
    }

    static FrameClient connect(EmbeddedGateway gw, byte[] caPem) throws Exception {
        return new FrameClient(gw, caPem);
    }

    /** The next SETTINGS frame from the server. */
    Http2Settings awaitSettings() throws InterruptedException {
        Http2Settings s = settings.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no SETTINGS within " + TIMEOUT_SECONDS + " s");
        }
        return s;
    }

    Http2FrameStream newStream() {
        return inbound.newStream();
    }

    /** Sends HEADERS and returns the stream's result holder once the stream has its id. */
    Result headers(Http2FrameStream stream, Http2Headers headers, boolean endStream) throws Exception {
        channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, endStream).stream(stream))
                .await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return result(stream.id());
    }

    void data(Http2FrameStream stream, ByteBuf data, boolean endStream) throws Exception {
        channel.writeAndFlush(new DefaultHttp2DataFrame(data, endStream).stream(stream))
                .await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Writes DATA without waiting (for pumps); the future says when it went out. */
    io.netty.channel.ChannelFuture dataAsync(Http2FrameStream stream, ByteBuf data) {
        return channel.writeAndFlush(new DefaultHttp2DataFrame(data, false).stream(stream));
    }

    void reset(Http2FrameStream stream, Http2Error error) throws Exception {
        channel.writeAndFlush(new DefaultHttp2ResetFrame(error).stream(stream)).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Bytes straight onto the TLS connection, past the codec: hand-made frames. */
    void raw(byte[] bytes) throws Exception {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Lifts this client's own limits (the server's MAX_CONCURRENT_STREAMS and header list size) to break them. */
    void ignoreServerLimits() throws Exception {
        ignoringLimits = true;
        channel.eventLoop().submit(this::liftLimits).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * On the event loop. Again after every SETTINGS frame from the server (the gateway sends a second one after the
     * first accepted token), which puts its limits back into this client's encoder: on a loaded machine that frame
     * came after {@link #ignoreServerLimits} and the flood below was refused by the client itself, never sent.
     */
    private void liftLimits() {
        codec.connection().local().maxActiveStreams(Integer.MAX_VALUE);
        try {
            codec.encoder().configuration().headersConfiguration().maxHeaderListSize(0xFFFFFFFFL);
        } catch (io.netty.handler.codec.http2.Http2Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private volatile boolean ignoringLimits;

    Result result(int streamId) {
        return results.computeIfAbsent(streamId, id -> new Result());
    }

    Result await(Result r) throws Exception {
        return r.done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    GoAway awaitGoAway() throws Exception {
        return goAway.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void awaitClosed() throws Exception {
        closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    boolean isOpen() {
        return channel.isActive();
    }

    /** A POST to /3/device/TOKEN with these extra headers (name, value, ...). */
    static Http2Headers post(EmbeddedGateway gw, String token, String... headers) {
        Http2Headers h = new DefaultHttp2Headers().method("POST").scheme("https")
                .authority(gw.host() + ":" + gw.port()).path("/3/device/" + token);
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return h;
    }

    static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /** Sends one complete request and waits for its answer. */
    Result send(Http2Headers headers, String body) throws Exception {
        Http2FrameStream s = newStream();
        Result r = headers(s, headers, body == null);
        if (body != null) {
            data(s, text(body), true);
        }
        return await(r);
    }

    private final class Inbound extends io.netty.handler.codec.http2.Http2ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2SettingsFrame s) {
                    if (ignoringLimits) {
                        liftLimits();
                    }
                    settings.add(s.settings());
                } else if (msg instanceof Http2HeadersFrame h) {
                    Result r = result(h.stream().id());
                    r.headers = h.headers();
                    if (h.isEndStream()) {
                        r.done.complete(r);
                    }
                } else if (msg instanceof Http2DataFrame d) {
                    Result r = result(d.stream().id());
                    synchronized (r.body) {
                        r.body.append(d.content().toString(StandardCharsets.UTF_8));
                    }
                    if (d.isEndStream()) {
                        r.done.complete(r);
                    }
                } else if (msg instanceof Http2ResetFrame rst) {
                    Result r = result(rst.stream().id());
                    r.resetCode = rst.errorCode();
                    r.done.complete(r);
                } else if (msg instanceof Http2GoAwayFrame g) {
                    goAway.complete(new GoAway(g.lastStreamId(), g.errorCode(),
                            g.content().toString(StandardCharsets.UTF_8)));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
