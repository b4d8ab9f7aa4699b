package dev.pushflow.doctor;

import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.KeyScope;

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

    /**
     * A .p8 file with its IDs and the scope the user declared for the key in the developer portal
     * ({@code scope} null = not declared: the file does not say).
     */
    record P8File(String label, byte[] bytes, String keyId, String teamId, KeyScope scope)
            implements CredentialSource {
        public P8File(String label, byte[] bytes, String keyId, String teamId) {
            this(label, bytes, keyId, teamId, null);
        }

        @Override
        public String toString() {
            return "P8File[" + label + ", keyId=" + keyId + ", teamId=" + teamId
                    + (scope == null ? "" : ", scope=" + scope.describe()) + "]";
        }
    }
}
