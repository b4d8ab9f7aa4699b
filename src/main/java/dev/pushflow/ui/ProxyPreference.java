package dev.pushflow.ui;

import dev.pushflow.delivery.ProxySettings;
import dev.pushflow.engine.PushFlowEngine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The proxy for Apple's hosts, kept in the config folder's settings WITHOUT its password: a password typed in the
 * window lasts for the session; at the next start it comes from {@value ProxySettings#PASSWORD_ENV} or is typed again.
 */
public final class ProxyPreference {
    /** The key in settings.properties. */
    public static final String KEY = "proxy";

    private ProxyPreference() {
    }

    /** The saved proxy text ("" when none was ever saved). */
    public static String load(Path configDir) {
        return ConfigDir.loadSettings(configDir).getProperty(KEY, "").strip();
    }

    /** Saves the proxy as {@link #text(ProxySettings)} writes it: never a password. Other settings are kept. */
    public static void save(Path configDir, ProxySettings proxy) {
        Properties p = ConfigDir.loadSettings(configDir);
        p.setProperty(KEY, proxy.kind() == ProxySettings.Kind.NONE ? "none" : text(proxy));
        ConfigDir.saveSettings(configDir, p);
    }

    /**
     * Applies the saved proxy to the engine at startup (the password from {@code env}). A saved text that no longer
     * reads is left alone: the Console's Network card shows it with the reason.
     */
    public static void restore(PushFlowEngine engine, Path configDir, Map<String, String> env) {
        String saved = load(configDir);
        if (!saved.isEmpty()) {
            try {
                engine.delivery().setProxy(withStoredPassword(ProxySettings.parse(saved, env),
                        dev.pushflow.credentials.SecretStore.inFolder(configDir)));
            } catch (IllegalArgumentException e) {
                // shown by the Network card; the engine stays without a proxy
            }
        }
    }

    /**
     * A proxy with a user and no password (none in the environment) takes the one the user asked PushFlow to
     * remember, if any (opt-in, {@link dev.pushflow.credentials.SecretStore}).
     */
    public static ProxySettings withStoredPassword(ProxySettings proxy, dev.pushflow.credentials.SecretStore secrets) {
        if (proxy.username() == null || proxy.password() != null) {
            return proxy;
        }
        return secrets.proxyPassword(text(proxy))
                .map(pw -> new ProxySettings(proxy.kind(), proxy.host(), proxy.port(), proxy.username(), pw))
                .orElse(proxy);
    }

    /**
     * The proxy as a user types it, without the password: "" (none), "system", or
     * {@code http://[user@]host:port} / {@code socks5://[user@]host:port}.
     */
    public static String text(ProxySettings proxy) {
        return switch (proxy.kind()) {
            case NONE -> "";
            case SYSTEM -> "system";
            case HTTP, SOCKS5 -> (proxy.kind() == ProxySettings.Kind.HTTP ? "http" : "socks5") + "://"
                    + (proxy.username() == null ? "" : encode(proxy.username()) + "@") + proxy.host() + ":" + proxy.port();
        };
    }

    private static String encode(String user) {
        return URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
