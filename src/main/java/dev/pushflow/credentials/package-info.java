/**
 * APNs provider credentials: .p12 certificates and .p8 token keys, how they load, what they allow. Failures are
 * {@link dev.pushflow.credentials.CredentialException}s that say what is wrong and how to fix it; no message,
 * toString or log line here contains a password or key material.
 */
package dev.pushflow.credentials;
