package dev.pushflow.delivery;

import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.proxy.HttpProxyHandlerFactory;
import com.eatthepath.pushy.apns.proxy.ProxyHandlerFactory;
import com.eatthepath.pushy.apns.proxy.Socks5ProxyHandlerFactory;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach Apple's hosts from a corporate network: none, an HTTP CONNECT proxy, a SOCKS5 proxy (each with an
 * optional user name and password), or the system's proxy (HTTPS_PROXY / ALL_PROXY with NO_PROXY, else Java's
 * proxy settings), resolved per host when a client is built. The password never appears in {@link #toString()}.
 */
public record ProxySettings(Kind kind, String host, int port, String username, char[] password) {
    public enum Kind { NONE, HTTP, SOCKS5, SYSTEM }

    /** The environment variable a password is read from when a proxy URL names a user but no password. */
    public static final String PASSWORD_ENV = "PUSHFLOW_PROXY_PASSWORD";

    public static final ProxySettings NONE = new ProxySettings(Kind.NONE, null, 0, null, null);
    public static final ProxySettings SYSTEM = new ProxySettings(Kind.SYSTEM, null, 0, null, null);

    /**
     * Reads what a user types: empty or "none", "system", or {@code http://[user[:password]@]host:port} /
     * {@code socks5://[user[:password]@]host:port}. A user without a password takes it from
     * {@value #PASSWORD_ENV} (so it stays out of shell history and process lists).
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong and what it should look like
     */
    public static ProxySettings parse(String text, Map<String, String> env) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return NONE;
        }
        String t = text.strip();
        if (t.equalsIgnoreCase("system")) {
            return SYSTEM;
        }
        ProxySettings p = fromUrl(t, env);
        if (p == null) {
            throw new IllegalArgumentException("proxy '" + redact(t) + "' is not understood: use none, system,"
                    + " http://proxy.example.com:3128, socks5://127.0.0.1:1080, or with a user"
                    + " http://user:password@proxy.example.com:3128 (or set " + PASSWORD_ENV + " and give only"
                    + " the user)");
        }
        return p;
    }

    /** A proxy URL, or null when it is not one; a user without a password takes it from the environment. */
    private static ProxySettings fromUrl(String text, Map<String, String> env) {
        URI u;
        try {
            u = URI.create(text.contains("://") ? text : "http://" + text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        Kind kind = switch (scheme) {
            case "http", "https" -> Kind.HTTP;
            case "socks5", "socks5h", "socks" -> Kind.SOCKS5;
            default -> null;
        };
        if (kind == null || u.getHost() == null) {
            return null;
        }
        int port = u.getPort() > 0 ? u.getPort() : kind == Kind.HTTP ? 8080 : 1080;
        String user = null;
        char[] password = null;
        String info = u.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) {
                password = decode(info.substring(colon + 1)).toCharArray();
            } else if (env.get(PASSWORD_ENV) != null) {
                password = env.get(PASSWORD_ENV).toCharArray();
            }
        }
        return new ProxySettings(kind, u.getHost(), port, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A proxy URL with its password replaced, for messages. */
    private static String redact(String text) {
        return text.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@");
    }

    /** What a client to {@code targetHost} really uses: SYSTEM resolved, the others as they are. */
    public ProxySettings resolveFor(String targetHost) {
        return kind == Kind.SYSTEM ? system(targetHost, System.getenv(), ProxySelector.getDefault()) : this;
    }

    /**
     * The system's proxy for a host: HTTPS_PROXY, then ALL_PROXY (either case), unless NO_PROXY names the host;
     * else Java's proxy selector (https.proxyHost, socksProxyHost, java.net.useSystemProxies); else none.
     */
    public static ProxySettings system(String targetHost, Map<String, String> env, ProxySelector selector) {
        if (!excluded(targetHost, first(env, "NO_PROXY", "no_proxy"))) {
            for (String name : List.of("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")) {
                String v = env.get(name);
                if (v != null && !v.isBlank()) {
                    ProxySettings p = fromUrl(v.strip(), env);
                    if (p != null) {
                        return p;
                    }
                }
            }
        }
        if (selector != null) {
            for (Proxy p : selector.select(URI.create("https://" + targetHost))) {
                if (p.type() != Proxy.Type.DIRECT && p.address() instanceof InetSocketAddress a) {
                    Kind k = p.type() == Proxy.Type.HTTP ? Kind.HTTP : Kind.SOCKS5;
                    String user = System.getProperty(k == Kind.HTTP ? "https.proxyUser" : "java.net.socks.username");
                    String pw = System.getProperty(k == Kind.HTTP ? "https.proxyPassword" : "java.net.socks.password");
                    return new ProxySettings(k, a.getHostString(), a.getPort(), user, pw == null ? null : pw.toCharArray());
                }
            }
        }
        return NONE;
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            if (env.get(n) != null) {
                return env.get(n);
            }
        }
        return null;
    }

    /** NO_PROXY: comma-separated host names or domain suffixes ("*" = everything). */
    private static boolean excluded(String host, String noProxy) {
        if (noProxy == null || noProxy.isBlank()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String raw : noProxy.split(",")) {
            String e = raw.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                return true;
            }
            String suffix = e.startsWith("*.") ? e.substring(1) : e.startsWith(".") ? e : null;
            if (h.equals(e) || (suffix != null && h.endsWith(suffix)) || (suffix == null && h.endsWith("." + e))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puts the proxy into a Pushy client builder. The proxy's own address is resolved here (Pushy connects to it
     * as given and leaves Apple's host name for the proxy to resolve).
     */
    void apply(ApnsClientBuilder builder, String targetHost) throws java.io.IOException {
        ProxySettings p = resolveFor(targetHost);
        if (p.kind == Kind.NONE) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(p.host, p.port);
        if (address.isUnresolved()) {
            throw new java.io.IOException("proxy: cannot resolve the proxy host " + p.host
                    + " (check the proxy setting, or the network's DNS)");
        }
        String pw = p.password == null ? null : new String(p.password);
        ProxyHandlerFactory factory = p.kind == Kind.HTTP
                ? new HttpProxyHandlerFactory(address, p.username, pw)
                : new Socks5ProxyHandlerFactory(address, p.username, pw);
        builder.setProxyHandlerFactory(factory);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "no proxy";
            case SYSTEM -> "the system proxy";
            default -> kind + " proxy " + host + ":" + port
                    + (username == null ? "" : " as " + username + (password == null ? "" : " (password set)"));
        };
    }
}
