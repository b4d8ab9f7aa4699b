package dev.pushflow.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Keeps an embedded gateway off the network. Sits first in the pipeline of a gateway's SERVER channel:
 * <ul>
 *   <li>outbound, it rewrites every {@code bind} to 127.0.0.1 (keeping the requested port), so
 *       {@code MockApnsServer.start(port)}, which asks for the wildcard address, binds the loopback interface only;</li>
 *   <li>inbound, it sees each accepted child channel before Netty's acceptor registers it, and closes any whose peer
 *       is not a loopback address (defence in depth: with the bind above none can arrive), and hands the others to
 *       an optional hook (see {@link UnlistedReasons#prepare}).</li>
 * </ul>
 *
 * <p>How it gets there: Netty's {@code ServerBootstrap.init} adds the bootstrap's {@code handler(...)} to a new server
 * channel's pipeline before {@code group.register(channel)} and the bind. Pushy 0.15.4 keeps its
 * {@code ServerBootstrap} private and offers no hook, and it refuses an event loop group subclass (its
 * {@code ServerChannelClassUtil} maps the group's exact class name to a channel class), so {@link #install} reads that
 * one private field and then uses Netty's public {@code AbstractBootstrap.handler}. If that ever fails the gateway
 * refuses to start rather than listen on every interface.</p>
 *
 * <p>One instance per server (it remembers its server channel); not sharable.</p>
 */
final class LoopbackOnly extends ChannelDuplexHandler {

    static final InetAddress LOOPBACK_V4;

    static {
        try {
            LOOPBACK_V4 = InetAddress.getByAddress("localhost", new byte[]{127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Channel serverChannel;
    private final AtomicLong refused = new AtomicLong();
    private final Consumer<Channel> onAccepted;

    LoopbackOnly() {
        this(child -> { });
    }

    /** @param onAccepted sees each accepted loopback connection before the bootstrap initializes its pipeline */
    LoopbackOnly(Consumer<Channel> onAccepted) {
        this.onAccepted = onAccepted;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        serverChannel = ctx.channel();
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        int port = localAddress instanceof InetSocketAddress isa ? isa.getPort() : 0;
        ctx.bind(new InetSocketAddress(LOOPBACK_V4, port), promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && !isLoopback(child.remoteAddress())) {
            refused.incrementAndGet();
            child.unsafe().closeForcibly();
            return;
        }
        if (msg instanceof Channel child) {
            onAccepted.accept(child);
        }
        ctx.fireChannelRead(msg);
    }

    static boolean isLoopback(SocketAddress address) {
        return address instanceof InetSocketAddress isa && isa.getAddress() != null
                && isa.getAddress().isLoopbackAddress();
    }

    /** The server channel this guard sits in, once the server was started. */
    Channel serverChannel() {
        return serverChannel;
    }

    /** Accepted connections closed because their peer was not loopback. */
    long refusedConnections() {
        return refused.get();
    }

    /** Puts this guard into the server bootstrap of a Pushy mock server, before it is started. */
    void install(Object pushyServer) {
        try {
            Field field = null;
            for (Class<?> c = pushyServer.getClass(); c != null && field == null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (ServerBootstrap.class.isAssignableFrom(f.getType())) {
                        field = f;
                    }
                }
            }
            if (field == null) {
                throw new IllegalStateException("no ServerBootstrap field in " + pushyServer.getClass().getName());
            }
            field.setAccessible(true);
            ServerBootstrap bootstrap = (ServerBootstrap) field.get(pushyServer);
            if (bootstrap == null || bootstrap.config().handler() != null) {
                throw new IllegalStateException("unexpected server bootstrap state in " + pushyServer.getClass().getName());
            }
            bootstrap.handler(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot confine the embedded APNs gateway to 127.0.0.1 with this Pushy "
                    + "version (" + e.getMessage() + "); refusing to start it on every interface", e);
        }
    }
}
