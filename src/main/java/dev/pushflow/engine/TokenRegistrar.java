package dev.pushflow.engine;

import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.im.BuildConfiguration;

/**
 * Decides what one token request of a simulated iPhone gets: its first request does what the device was set to do
 * ({@link TokenRegistration}); every request, the first of an "ok" device included, may fail under the
 * {@link FlakyRegistration} setting. Called under the engine's lock.
 */
final class TokenRegistrar {
    private volatile FlakyRegistration flaky = FlakyRegistration.NONE;

    FlakyRegistration flaky() {
        return flaky;
    }

    void setFlaky(FlakyRegistration flaky) {
        this.flaky = flaky == null ? FlakyRegistration.NONE : flaky;
    }

    /** Counts a request and says what it gets; the token itself comes from the caller's authority. */
    TokenRegistration request(SimulatedIPhone d) {
        d.tokenRequests++;
        TokenRegistration forced = d.tokenRequests == 1 ? d.firstTokenRequest : TokenRegistration.OK;
        TokenRegistration outcome = forced != TokenRegistration.OK ? forced
                : flaky.draw(d.deviceId, d.tokenRequests, d.build == BuildConfiguration.DEBUG);
        switch (outcome) {
            case OK -> {
                d.tokenState = TokenState.REGISTERED;
                d.tokenError = null;
            }
            case FAILS -> {
                d.tokenState = TokenState.FAILED;
                d.tokenError = forced == TokenRegistration.FAILS ? TokenRegistrationError.OFFLINE
                        : flaky.error(d.deviceId, d.tokenRequests);
            }
            case NO_ANSWER -> {
                d.tokenState = TokenState.NONE_YET;
                d.tokenError = null;
            }
        }
        return outcome;
    }

    /** What the request did, for the activity feed. */
    static String describe(SimulatedIPhone d) {
        return switch (d.tokenState) {
            case REGISTERED -> "iOS handed out a " + d.tokenEnvironment.appleName() + " token "
                    + DeviceTokens.abbreviate(d.token) + " (didRegisterForRemoteNotificationsWithDeviceToken)";
            case FAILED -> "the token request failed: didFailToRegisterForRemoteNotificationsWithError: " + d.tokenError;
            case NONE_YET -> "the token request got no answer: neither didRegisterForRemoteNotificationsWithDeviceToken"
                    + " nor didFailToRegisterForRemoteNotificationsWithError was called (no connection to APNs yet)";
        };
    }
}
