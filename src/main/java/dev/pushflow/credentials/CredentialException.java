package dev.pushflow.credentials;

/** A credential that cannot be used; the message says what is wrong and how to fix it. */
public class CredentialException extends Exception {
    public CredentialException(String message) {
        super(message);
    }

    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A cause's message without class names, for the user's eyes. */
    static String plain(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
