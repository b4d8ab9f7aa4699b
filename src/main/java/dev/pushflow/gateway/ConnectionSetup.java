package dev.pushflow.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Waits for a connection's TLS handshake, then puts the HTTP/2 handler in its place with the validator of the
 * connection's authentication mode: certificate auth when the client presented a certificate, token auth otherwise.
 * Bytes that arrive with the end of the handshake are handed on, in order, once the handler is there.
 */
final class ConnectionSetup extends ChannelInboundHandlerAdapter {
    private final EmbeddedGateway gateway;
    private final long idleTimeoutNanos;
    private Queue<Object> early;

    ConnectionSetup(EmbeddedGateway gateway, long idleTimeoutNanos) {
        this.gateway = gateway;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (early == null) {
            early = new ArrayDeque<>();
        }
        early.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (!done.isSuccess()) {
            gateway.clientTrouble(ctx.channel(), ClientTrouble.describe(done.cause()));
            release();
            ctx.close();
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        String protocol = ssl.applicationProtocol();
        if (protocol != null && !ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            gateway.clientTrouble(ctx.channel(), "ALPN chose " + protocol + ", only h2 is served");
            release();
            ctx.close();
            return;
        }
        X509Certificate clientCertificate = null;
        try {
            Certificate[] peer = ssl.engine().getSession().getPeerCertificates();
            if (peer != null && peer.length > 0 && peer[0] instanceof X509Certificate x) {
                clientCertificate = x;
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate: token authentication
        }
        RequestValidator validator = gateway.validatorFor(clientCertificate);
        ctx.pipeline().addAfter(ctx.name(), "apns-h2", ApnsConnectionHandler.create(gateway, validator, idleTimeoutNanos));
        Queue<Object> pending = early;
        early = null;
        if (pending != null) {
            for (Object m; (m = pending.poll()) != null; ) {
                ctx.fireChannelRead(m);
            }
            ctx.fireChannelReadComplete();
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        Queue<Object> pending = early;
        early = null;
        if (pending != null) {
            for (Object m; (m = pending.poll()) != null; ) {
                io.netty.util.ReferenceCountUtil.release(m);
            }
        }
    }
}
