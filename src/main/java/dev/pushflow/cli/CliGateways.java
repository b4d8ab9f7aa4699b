package dev.pushflow.cli;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.delivery.ProxySettings;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.gateway.GatewayConfig;
import dev.pushflow.rawsend.RawSender;

import java.util.Arrays;


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

    /**
     * The embedded gateways stand in for Apple, who knows each key's scope from the developer portal: when the
     * TEST-ONLY sample key is used with a declared scope, they enforce that scope for this run. Other keys are not
     * known to the embedded gateways at all (403 InvalidProviderToken), as before.
     */
    void applyDeclaredScope(Credential credential) {
        if (embedded != null && credential instanceof P8Credential p8 && p8.scope() != null
                && p8.keyId().equals(SampleMaterial.KEY_ID)
                && Arrays.equals(p8.pkcs8(), SampleMaterial.tokenKey().pkcs8())) {
            embedded.trustSigningKey(GatewayConfig.TrustedSigningKey.fromPem(SampleMaterial.TEAM_ID,
                    SampleMaterial.KEY_ID, SampleMaterial.tokenKeyPublicPem()).withScope(p8.scope()));
        }
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

    /**
     * none, system, http://[user[:password]@]host:port or socks5://...; a user without a password takes it from
     * PUSHFLOW_PROXY_PASSWORD. Null or blank = no proxy.
     */
    static ProxySettings proxy(String text) throws ApnsCredentialOptions.BadInput {
        try {
            return ProxySettings.parse(text, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ApnsCredentialOptions.BadInput("--proxy: " + e.getMessage());
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
