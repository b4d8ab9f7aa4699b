package dev.pushflow.credentials;

import dev.pushflow.apns.ApnsEnvironment;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which APNs environments a push certificate may connect to, from Apple's extensions
 * 1.2.840.113635.100.6.3.1 (development) and .3.2 (production), or from the subject CN when they are absent.
 */
public enum CertificateKind {
    /** "Apple Development IOS Push Services": sandbox only. */
    DEVELOPMENT(EnumSet.of(ApnsEnvironment.SANDBOX)),
    /** Production only (older "Apple Production IOS Push Services" certificates). */
    PRODUCTION(EnumSet.of(ApnsEnvironment.PRODUCTION)),
    /** "Apple Push Services": both environments (both extensions present). */
    UNIVERSAL(EnumSet.of(ApnsEnvironment.SANDBOX, ApnsEnvironment.PRODUCTION)),
    /** Not recognisably an APNs push certificate: neither extension and no known CN prefix. */
    UNKNOWN(EnumSet.noneOf(ApnsEnvironment.class));

    private final Set<ApnsEnvironment> environments;

    CertificateKind(EnumSet<ApnsEnvironment> environments) {
        this.environments = Collections.unmodifiableSet(environments);
    }

    /** The environments whose gateways accept this kind of certificate (empty for UNKNOWN). */
    public Set<ApnsEnvironment> allowedEnvironments() {
        return environments;
    }
}
