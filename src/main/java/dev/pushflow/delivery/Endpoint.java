package dev.pushflow.delivery;

/**
 * Where a Pushy client connects: host, port and, for the embedded gateways, the CA to trust
 * (null = the JVM's default trust store, as for Apple's hosts).
 */
public record Endpoint(String host, int port, byte[] trustedCaPem, String label) {

    /** Looks up the embedded gateway of an environment. */
    @FunctionalInterface
    public interface Directory {
        Endpoint embedded(dev.pushflow.apns.ApnsEnvironment environment);
    }
}
