package dev.pushflow.engine;

import dev.pushflow.apns.ApnsEnvironment;

import java.time.Instant;

/** Apple's side of device tokens, as the embedded gateways play it: issuing and invalidating them. */
public interface DeviceTokenAuthority {
    /** iOS asks APNs for a token: the environment follows the build (Debug -> sandbox). */
    String issueToken(ApnsEnvironment environment, String bundleId);

    /**
     * A token issued before (saved in the workspace) is valid again, so a simulated iPhone keeps its token across
     * restarts. Without gateways there is nothing to register.
     */
    default void register(ApnsEnvironment environment, String bundleId, String token) {
    }

    /** The app was uninstalled: APNs answers 410 Unregistered for this token from now on. */
    void uninstall(ApnsEnvironment environment, String token, Instant when);

    /** No embedded gateways: tokens are made up locally and nothing can receive them. */
    DeviceTokenAuthority NONE = new DeviceTokenAuthority() {
        private final java.security.SecureRandom random = new java.security.SecureRandom();

        @Override
        public String issueToken(ApnsEnvironment environment, String bundleId) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            return java.util.HexFormat.of().formatHex(b);
        }

        @Override
        public void uninstall(ApnsEnvironment environment, String token, Instant when) {
        }
    };
}
