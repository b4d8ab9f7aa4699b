package dev.pushflow.doctor;

import dev.pushflow.credentials.Credential;

/**
 * The credential to diagnose as the user gave it: already loaded, or the raw file with its password or IDs, so
 * the doctor can turn a wrong password or a bad Key ID into a finding instead of an exception.
 */
public sealed interface CredentialSource {
    record Ready(Credential credential) implements CredentialSource {
    }

    record P12File(String label, byte[] bytes, char[] password) implements CredentialSource {
        @Override
        public String toString() {
            return "P12File[" + label + ", password=***]";
        }
    }

    record P8File(String label, byte[] bytes, String keyId, String teamId) implements CredentialSource {
        @Override
        public String toString() {
            return "P8File[" + label + ", keyId=" + keyId + ", teamId=" + teamId + "]";
        }
    }
}
