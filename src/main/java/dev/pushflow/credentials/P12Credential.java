package dev.pushflow.credentials;

import com.eatthepath.pushy.apns.ApnsClientBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/** A .p12 push certificate with its password. The password never appears in toString(). */
public record P12Credential(String label, byte[] p12, char[] password) implements Credential {

    @Override
    public String authKind() {
        return "certificate";
    }

    @Override
    public void configure(ApnsClientBuilder builder) throws CredentialException {
        try {
            builder.setClientCredentials(new ByteArrayInputStream(p12), new String(password));
        } catch (IOException | RuntimeException e) {
            throw new CredentialException("Could not use the .p12 certificate " + label + ": "
                    + CredentialException.plain(e) + ". Check the file and its password.", e);
        }
    }

    @Override
    public String toString() {
        return "P12Credential[" + label + ", password=***]";
    }
}
