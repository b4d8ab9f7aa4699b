package dev.pushflow.credentials;

/** The .p12 opens with another password: typing it again fixes it (unlike a damaged or unsupported file). */
public final class WrongPasswordException extends CredentialException {
    public WrongPasswordException(String message, Throwable cause) {
        super(message, cause);
    }
}
