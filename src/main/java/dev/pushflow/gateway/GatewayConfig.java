package dev.pushflow.gateway;

import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.SampleMaterial;

import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start the embedded gateways.
 *
 * @param serverChainPem     the gateways' TLS certificate chain (PEM); it must name 127.0.0.1
 * @param serverKeyPkcs8Pem  its private key, unencrypted PKCS#8 PEM
 * @param serverCaPem        the CA clients must trust to accept {@code serverChainPem}
 * @param trustedClientCaPem the CA that client (push) certificates must chain to; {@code null}: the JDK's default
 *                           trust store (then no sample certificate works)
 * @param trustedSigningKeys the token-auth keys (.p8 public halves) both gateways accept at start
 * @param eventLoopThreads   threads of the one event loop group both gateways share (1..16)
 */
public record GatewayConfig(byte[] serverChainPem, byte[] serverKeyPkcs8Pem, byte[] serverCaPem,
                            byte[] trustedClientCaPem, List<TrustedSigningKey> trustedSigningKeys,
                            int eventLoopThreads) {

    /**
     * A token-auth key the gateways trust: JWTs with header kid = keyId must claim iss = teamId. Its scope says where
     * the key may push, as at APNs since 2025: another environment is 403 BadEnvironmentKeyIdInToken, a topic of a
     * bundle ID the scope does not list is 403 UnrelatedKeyIdInToken.
     */
    public record TrustedSigningKey(String teamId, String keyId, ECPublicKey publicKey, KeyScope scope) {
        public TrustedSigningKey {
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(scope, "scope");
        }

        /** A team-scoped key for both environments (every key before 2025, and still the default). */
        public TrustedSigningKey(String teamId, String keyId, ECPublicKey publicKey) {
            this(teamId, keyId, publicKey, KeyScope.TEAM_ALL_ENVIRONMENTS);
        }

        /** Reads the public key from "-----BEGIN PUBLIC KEY-----" PEM. */
        public static TrustedSigningKey fromPem(String teamId, String keyId, byte[] publicKeyPem) {
            return new TrustedSigningKey(teamId, keyId, Pem.ecPublicKey(publicKeyPem));
        }

        public TrustedSigningKey withScope(KeyScope newScope) {
            return new TrustedSigningKey(teamId, keyId, publicKey, newScope);
        }
    }

    public static final int DEFAULT_EVENT_LOOP_THREADS = 2;

    public GatewayConfig {
        Objects.requireNonNull(serverChainPem, "serverChainPem");
        Objects.requireNonNull(serverKeyPkcs8Pem, "serverKeyPkcs8Pem");
        Objects.requireNonNull(serverCaPem, "serverCaPem");
        if (eventLoopThreads < 1 || eventLoopThreads > 16) {
            throw new IllegalArgumentException("eventLoopThreads must be 1..16, not " + eventLoopThreads);
        }
        serverChainPem = serverChainPem.clone();
        serverKeyPkcs8Pem = serverKeyPkcs8Pem.clone();
        serverCaPem = serverCaPem.clone();
        trustedClientCaPem = trustedClientCaPem == null ? null : trustedClientCaPem.clone();
        trustedSigningKeys = List.copyOf(trustedSigningKeys == null ? List.of() : trustedSigningKeys);
    }

    /**
     * The TEST-ONLY sample material: the sample server certificate, the sample CA for both directions and the
     * sample token key (Key ID {@value SampleMaterial#KEY_ID}, Team ID {@value SampleMaterial#TEAM_ID}).
     */
    public static GatewayConfig sample() {
        return new GatewayConfig(SampleMaterial.serverChainPem(), SampleMaterial.serverKeyPkcs8Pem(),
                SampleMaterial.caPem(), SampleMaterial.caPem(),
                List.of(TrustedSigningKey.fromPem(SampleMaterial.TEAM_ID, SampleMaterial.KEY_ID,
                        SampleMaterial.tokenKeyPublicPem())),
                DEFAULT_EVENT_LOOP_THREADS);
    }

    public GatewayConfig withEventLoopThreads(int threads) {
        return new GatewayConfig(serverChainPem, serverKeyPkcs8Pem, serverCaPem, trustedClientCaPem,
                trustedSigningKeys, threads);
    }

    public GatewayConfig withTrustedSigningKey(String teamId, String keyId, ECPublicKey key) {
        return withTrustedSigningKey(new TrustedSigningKey(teamId, keyId, key));
    }

    /** Adds a key; a key with the same Key ID as one already listed replaces it (its scope too). */
    public GatewayConfig withTrustedSigningKey(TrustedSigningKey key) {
        List<TrustedSigningKey> keys = new ArrayList<>(trustedSigningKeys);
        keys.removeIf(k -> k.keyId().equals(key.keyId()));
        keys.add(key);
        return new GatewayConfig(serverChainPem, serverKeyPkcs8Pem, serverCaPem, trustedClientCaPem, keys,
                eventLoopThreads);
    }

    @Override
    public byte[] serverChainPem() {
        return serverChainPem.clone();
    }

    @Override
    public byte[] serverKeyPkcs8Pem() {
        return serverKeyPkcs8Pem.clone();
    }

    @Override
    public byte[] serverCaPem() {
        return serverCaPem.clone();
    }

    @Override
    public byte[] trustedClientCaPem() {
        return trustedClientCaPem == null ? null : trustedClientCaPem.clone();
    }

    @Override
    public String toString() {
        return "GatewayConfig[trustedSigningKeys=" + trustedSigningKeys.size() + ", clientCa="
                + (trustedClientCaPem != null) + ", eventLoopThreads=" + eventLoopThreads + "]";
    }
}
