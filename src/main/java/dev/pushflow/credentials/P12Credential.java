package dev.pushflow.credentials;

import com.eatthepath.pushy.apns.ApnsClientBuilder;

/**
 * A .p12 push certificate with its password. toString() shows neither the password nor the bytes.
 * Prefer {@link CredentialLoader#loadP12} to make one: it checks the file and explains what is wrong.
 */
public record P12Credential(String label, byte[] p12, char[] password) implements Credential {

    @Override
    public String authKind() {
        return "certificate";
    }

    /**
     * Gives Pushy the push certificate and its key. With several keys in the file this is the first push
     * certificate (Pushy on its own would take the first key of any kind).
     */
    @Override
    public void configure(ApnsClientBuilder builder) throws CredentialException {
        P12Reader.KeyEntry entry = P12Reader.open(label, p12, password);
        try {
            // the same call Pushy's setClientCredentials(InputStream, password) ends in
            builder.setClientCredentials(entry.certificate(), entry.key(),
                    password == null ? "" : new String(password));
        } catch (RuntimeException e) {
            throw new CredentialException("Pushy could not use the .p12 certificate " + label + " ("
                    + CredentialException.plain(e) + "). Export it again from Keychain Access with its key.", e);
        }
    }

    @Override
    public String toString() {
        return "P12Credential[" + label + ", " + (p12 == null ? 0 : p12.length) + " bytes, password=***]";
    }
}
