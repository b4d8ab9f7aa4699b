/**
 * The BadDeviceToken doctor: given a device token, a certificate ID (or credential) and the build configuration,
 * explains step by step, in the seed's terms, why a push fails or would fail, and with consent probes both APNs
 * environments to learn which one the token belongs to. Also every APNs rejection reason with its fix.
 */
package dev.pushflow.doctor;
