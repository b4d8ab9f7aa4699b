package dev.pushflow.doctor;

import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.KeyScope;

import java.nio.file.Path;

/**
 * The credential to diagnose as the user gave it: already loaded, or the raw file bytes with its password, so the
 * doctor can turn a wrong password or a bad Key ID into a finding instead of an exception. Where it comes from
 * (file, IDs, declared scope) is the shared {@link CredentialSource}; this only adds the material that is not in it.
 */
public sealed interface CredentialInput {

    /** Where the credential comes from; never holds the password. */
    CredentialSource source();

    record Ready(Credential credential, CredentialSource source) implements CredentialInput {
        public Ready(Credential credential) {
            this(credential, CredentialSource.describing(credential));
        }
    }

    /** A .p12's bytes and the password typed or read from its variable. */
    record P12File(CredentialSource source, byte[] bytes, char[] password) implements CredentialInput {
        /** Bytes without a file behind them (a sample, a test). */
        public P12File(String label, byte[] bytes, char[] password) {
            this(CredentialSource.inMemory(label), bytes, password);
        }

        /** The file {@code path}, its password read from {@code passwordEnv} (null: typed). */
        public P12File(Path path, String passwordEnv, byte[] bytes, char[] password) {
            this(CredentialSource.p12(path, passwordEnv), bytes, password);
        }

        public String label() {
            return source.label();
        }

        @Override
        public String toString() {
            return "P12File[" + source.label() + ", password=***]";
        }
    }

    /**
     * A .p8's bytes; the IDs and the scope the user declared for the key in the developer portal are in the
     * source ({@code scope} null = not declared: the file does not say).
     */
    record P8File(CredentialSource source, byte[] bytes) implements CredentialInput {
        /** Bytes labelled {@code label}, as from a file of that name. */
        public P8File(String label, byte[] bytes, String keyId, String teamId, KeyScope scope) {
            this(new CredentialSource(CredentialSource.Kind.P8, Path.of(label), null, keyId, teamId, scope, label),
                    bytes);
        }

        public P8File(String label, byte[] bytes, String keyId, String teamId) {
            this(label, bytes, keyId, teamId, null);
        }

        public String label() {
            return source.label();
        }

        public String keyId() {
            return source.keyId();
        }

        public String teamId() {
            return source.teamId();
        }

        public KeyScope scope() {
            return source.declaredScope();
        }

        @Override
        public String toString() {
            return "P8File[" + source.describe() + "]";
        }
    }
}
