package dev.pushflow.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import javax.net.ssl.SSLException;
import java.io.IOException;

/**
 * Last in every gateway connection's pipeline: whatever a client did wrong ends here as at most one short log line
 * (never a stack trace, never Netty's "reached the tail of the pipeline") and the connection is closed.
 */
@ChannelHandler.Sharable
final class ClientTrouble extends ChannelInboundHandlerAdapter {
    private final EmbeddedGateway gateway;

    ClientTrouble(EmbeddedGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!isPlainDisconnect(cause)) {
            gateway.clientTrouble(ctx.channel(), describe(cause));
        }
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ReferenceCountUtil.release(evt);
    }

    /** A client that went away (reset, broken pipe) is not worth a line. */
    static boolean isPlainDisconnect(Throwable cause) {
        Throwable root = root(cause);
        return root instanceof IOException && !(root instanceof SSLException);
    }

    /** One line: what went wrong, in the innermost exception's words, without class names where avoidable. */
    static String describe(Throwable cause) {
        Throwable root = root(cause);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String what = root instanceof SSLException ? "TLS handshake failed: " : "";
        String line = (what + message).replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    private static Throwable root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }
}
