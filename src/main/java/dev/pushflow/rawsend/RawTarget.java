package dev.pushflow.rawsend;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;

import java.util.Objects;

/**
 * Where a raw push goes: an embedded gateway on 127.0.0.1, or Apple's host of the environment on port 443 or 2197.
 *
 * @param applePort 443 or 2197; only used for Apple's hosts
 */
public record RawTarget(GatewayTarget gateway, ApnsEnvironment environment, int applePort) {
    public RawTarget {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(environment, "environment");
        if (applePort != 443 && applePort != 2197) {
            throw new IllegalArgumentException("Apple's gateways listen on port 443 or 2197, not " + applePort);
        }
    }

    public static RawTarget embedded(ApnsEnvironment environment) {
        return new RawTarget(GatewayTarget.EMBEDDED, environment, 443);
    }

    public static RawTarget apple(ApnsEnvironment environment, int port) {
        return new RawTarget(GatewayTarget.APPLE, environment, port);
    }

    /** Where a console certificate ID's pushes go. */
    public static RawTarget of(CertificateEntry entry) {
        return new RawTarget(entry.gateway(), entry.environment(), entry.applePort());
    }

    /** The same kind of gateway in another environment (the doctor's probe asks both). */
    public RawTarget withEnvironment(ApnsEnvironment env) {
        return new RawTarget(gateway, env, applePort);
    }

    public String describe() {
        return gateway == GatewayTarget.EMBEDDED ? "embedded " + environment.wireName() + " gateway"
                : environment.appleHost() + ":" + applePort;
    }
}
