package dev.pushflow.console;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialSource;

import java.util.Objects;

/**
 * One certificate ID of the IM console: the number the app reports as businessID, bound to an APNs
 * credential, the environment the backend pushes to, the bundle ID (apns-topic) and the gateway. The credential's
 * {@link CredentialSource} travels with it, so a saved workspace names the same file again.
 */
public record CertificateEntry(long certificateId, ApnsEnvironment environment, String bundleId,
                               Credential credential, GatewayTarget gateway, int applePort,
                               CredentialSource source) {

    public CertificateEntry {
        if (certificateId <= 0) {
            throw new IllegalArgumentException("a certificate ID is a positive number, like 31287; got " + certificateId);
        }
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(gateway, "gateway");
        if (source == null) {
            source = CredentialSource.describing(credential);
        }
        if (bundleId == null || bundleId.isBlank()) {
            throw new IllegalArgumentException("certificate ID " + certificateId + " needs a bundle ID, like com.example.chat");
        }
        if (applePort != 443 && applePort != 2197) {
            throw new IllegalArgumentException("Apple's gateways listen on port 443 or 2197, not " + applePort);
        }
    }

    /** A credential whose source is told by {@link CredentialSource#describing}: the samples, or its label as the path. */
    public CertificateEntry(long certificateId, ApnsEnvironment environment, String bundleId, Credential credential,
                            GatewayTarget gateway, int applePort) {
        this(certificateId, environment, bundleId, credential, gateway, applePort, null);
    }

    public CertificateEntry(long certificateId, ApnsEnvironment environment, String bundleId, Credential credential,
                            GatewayTarget gateway) {
        this(certificateId, environment, bundleId, credential, gateway, 443);
    }

    public CertificateEntry withGateway(GatewayTarget target) {
        return new CertificateEntry(certificateId, environment, bundleId, credential, target, applePort, source);
    }

    public CertificateEntry withEnvironment(ApnsEnvironment env) {
        return new CertificateEntry(certificateId, env, bundleId, credential, gateway, applePort, source);
    }
}
