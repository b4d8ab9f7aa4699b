package dev.pushflow.credentials;

/** Where a certificate stands in its validity period at a given instant. */
public enum ExpiryStatus {
    VALID,
    /** Valid, but notAfter is at most {@link CertificateInspector#EXPIRES_SOON_DAYS} days away. */
    EXPIRES_SOON,
    EXPIRED,
    NOT_YET_VALID
}
