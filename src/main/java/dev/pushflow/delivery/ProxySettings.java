package dev.pushflow.delivery;

import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.proxy.HttpProxyHandlerFactory;
import com.eatthepath.pushy.apns.proxy.Socks5ProxyHandlerFactory;
import com.eatthepath.pushy.apns.proxy.ProxyHandlerFactory;

import java.net.InetSocketAddress;

/** How to reach Apple's hosts from a corporate network: none, HTTP CONNECT or SOCKS5. */
public record ProxySettings(Kind kind, String host, int port, String username, char[] password) {
    public enum Kind { NONE, HTTP, SOCKS5 }

    public static final ProxySettings NONE = new ProxySettings(Kind.NONE, null, 0, null, null);

    void apply(ApnsClientBuilder builder) {
        if (kind == Kind.NONE) {
            return;
        }
        InetSocketAddress address = InetSocketAddress.createUnresolved(host, port);
        String pw = password == null ? null : new String(password);
        ProxyHandlerFactory factory = kind == Kind.HTTP
                ? new HttpProxyHandlerFactory(address, username, pw)
                : new Socks5ProxyHandlerFactory(address, username, pw);
        builder.setProxyHandlerFactory(factory);
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "no proxy" : kind + " proxy " + host + ":" + port + (username == null ? "" : " as " + username);
    }
}
