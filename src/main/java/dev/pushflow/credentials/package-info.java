/** APNs provider credentials: .p12 certificates and .p8 token keys, how they load, what they allow. */
package dev.pushflow.credentials;
