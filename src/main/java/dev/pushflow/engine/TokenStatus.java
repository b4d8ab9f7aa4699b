package dev.pushflow.engine;

/**
 * A simulated iPhone's device token as the app sees it: none yet, failed (with iOS's error), or registered.
 *
 * @param attempts     token requests so far (1 after the iPhone was added)
 * @param firstRequest what the first request was set to do (the scenario key {@code tokenRegistration})
 */
public record TokenStatus(TokenState state, String error, int attempts, TokenRegistration firstRequest,
                          Network network) {
    /** A real iPhone, or an engine without this model: the token is there. */
    public static final TokenStatus REGISTERED = new TokenStatus(TokenState.REGISTERED, null, 1, TokenRegistration.OK,
            Network.WIFI);

    public boolean hasToken() {
        return state == TokenState.REGISTERED;
    }

    /** "registered", "none yet (2 requests, no answer)", "failed: Error Domain=...". */
    public String describe() {
        return switch (state) {
            case REGISTERED -> "registered";
            case NONE_YET -> "none yet (" + attempts + " request" + (attempts == 1 ? "" : "s") + ", no answer from APNs)";
            case FAILED -> "failed: " + error;
        };
    }
}
