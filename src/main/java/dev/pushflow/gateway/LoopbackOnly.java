package dev.pushflow.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Defence in depth for a gateway's SERVER channel: the gateway binds the loopback address itself (see
 * {@link EmbeddedGateway}), and this handler, first in the server channel's pipeline, sees each accepted child
 * channel before the acceptor registers it and closes any whose peer is not a loopback address.
 */
final class LoopbackOnly extends ChannelInboundHandlerAdapter {
    private volatile Channel serverChannel;
    private final AtomicLong refused = new AtomicLong();

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        serverChannel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && !isLoopback(child.remoteAddress())) {
            refused.incrementAndGet();
            child.unsafe().closeForcibly();
            return;
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
}
