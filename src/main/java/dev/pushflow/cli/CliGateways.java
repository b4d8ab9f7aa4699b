package dev.pushflow.cli;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.delivery.ProxySettings;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.rawsend.RawSender;

import java.net.URI;
import java.util.Locale;

/**
 * What `send` and `doctor` run on: the embedded gateways (started here and stopped on close) or Apple's hosts,
 * and one DeliveryService, so every push of the command shares one Pushy client per credential and host.
 */
final class CliGateways implements AutoCloseable {
    final EmbeddedGateways embedded;
    final DeliveryService delivery;
    final RawSender sender;

    CliGateways(GatewayTarget gateway, ProxySettings proxy) {
        this.embedded = gateway == GatewayTarget.EMBEDDED ? EmbeddedGateways.startDefault() : null;
        Endpoint.Directory directory = embedded != null ? RawSender.directory(embedded) : env -> {
            throw new IllegalStateException("the embedded gateways are not running (--gateway apple)");
        };
        this.delivery = new DeliveryService(directory, 1_000);
        this.delivery.setProxy(proxy);
        this.sender = new RawSender(delivery, embedded != null ? directory : null);
    }

    String issueToken(ApnsEnvironment env, String bundleId) throws ApnsCredentialOptions.BadInput {
        if (embedded == null) {
            throw new ApnsCredentialOptions.BadInput("--issue-token needs --gateway embedded: only the embedded"
                    + " gateways can issue tokens; a real token comes from the app on an iPhone");
        }
        return embedded.get(env).issueToken(bundleId);
    }

    static GatewayTarget gateway(String text) throws ApnsCredentialOptions.BadInput {
        try {
            return GatewayTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApnsCredentialOptions.BadInput(e.getMessage());
        }
    }

    static ApnsEnvironment environment(String text) throws ApnsCredentialOptions.BadInput {
        try {
            return ApnsEnvironment.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApnsCredentialOptions.BadInput(e.getMessage());
        }
    }

    /** "http://host:port" or "socks5://host:port"; null = no proxy. Credentials in the URL are not supported. */
    static ProxySettings proxy(String text) throws ApnsCredentialOptions.BadInput {
        if (text == null || text.isBlank()) {
            return ProxySettings.NONE;
        }
        try {
            URI u = URI.create(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || u.getPort() < 1 || u.getUserInfo() != null) {
                throw new IllegalArgumentException();
            }
            return switch (scheme) {
                case "http" -> new ProxySettings(ProxySettings.Kind.HTTP, u.getHost(), u.getPort(), null, null);
                case "socks5" -> new ProxySettings(ProxySettings.Kind.SOCKS5, u.getHost(), u.getPort(), null, null);
                default -> throw new IllegalArgumentException();
            };
        } catch (IllegalArgumentException e) {
            throw new ApnsCredentialOptions.BadInput("--proxy must look like http://proxy.example.com:3128 or"
                    + " socks5://127.0.0.1:1080");
        }
    }

    @Override
    public void close() {
        delivery.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
