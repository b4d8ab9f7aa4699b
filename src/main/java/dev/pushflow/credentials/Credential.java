package dev.pushflow.credentials;

import com.eatthepath.pushy.apns.ApnsClientBuilder;

/**
 * An APNs provider credential as uploaded to the IM console: a .p12 certificate or a .p8 token key.
 * Holds the bytes, not a path, so sample material from the jar and user files work alike.
 */
public sealed interface Credential permits P12Credential, P8Credential {

    /** A short, secret-free label for lists and logs. */
    String label();

    /** "certificate" or "token": how APNs authenticates this credential. */
    String authKind();

    /** Puts this credential into a Pushy client builder (client certificate or signing key). */
    void configure(ApnsClientBuilder builder) throws CredentialException;
}
