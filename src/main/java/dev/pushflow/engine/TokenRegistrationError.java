package dev.pushflow.engine;

import java.util.List;

/**
 * Error texts iOS hands to {@code application:didFailToRegisterForRemoteNotificationsWithError:}, as the app logs
 * them ({@code NSError.description}). Apple publishes no list of these errors; each text says where it comes from.
 * The missing {@code aps-environment} entitlement (Code=3000) is left out on purpose: it is a signing mistake that
 * no retry fixes, not the seed's flaky development registration.
 */
public final class TokenRegistrationError {
    /**
     * What iOS Simulators before Xcode 11.4 answered to every registration (Parse's iOS starter app tests for
     * {@code error.code == 3010}); the best-known real text of this callback.
     */
    public static final String NOT_SUPPORTED = "Error Domain=NSCocoaErrorDomain Code=3010 \"remote notifications are"
            + " not supported in the simulator\" UserInfo={NSLocalizedDescription=remote notifications are not"
            + " supported in the simulator}";

    /**
     * Foundation's text for NSURLErrorNotConnectedToInternet (-1009): the phone could not reach the push service.
     * A representative network error: which network errors the callback carries is not documented.
     */
    public static final String OFFLINE = "Error Domain=NSURLErrorDomain Code=-1009 \"The Internet connection appears"
            + " to be offline.\" UserInfo={NSLocalizedDescription=The Internet connection appears to be offline.}";

    /** The texts a failing request picks from (a flaky one by its seeded draw). */
    public static final List<String> ALL = List.of(NOT_SUPPORTED, OFFLINE);

    private TokenRegistrationError() {
    }
}
