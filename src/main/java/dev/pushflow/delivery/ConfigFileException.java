package dev.pushflow.delivery;

import java.io.IOException;

/**
 * A file of the config folder (the delivery log, its folder) that cannot be used as it is: the message names the
 * file, what is wrong and the fix. The window shows it instead of "check the gateway ports".
 */
public final class ConfigFileException extends IOException {
    public ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
