package dev.pushflow.tap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The app's optional {@code processTUIOfflinePushNotification:} hook. The component calls it
 * before its own handling, with the {@code entity} from {@code ext} (not the whole userInfo).
 */
@FunctionalInterface
public interface OfflinePushHook {

    /**
     * @param entity the {@code entity} value exactly as found in {@code ext}; the hook gets a copy,
     *               so changing it does not change what the component parses afterwards
     * @return true (YES) when the app takes over and the default handling must stop
     */
    boolean processTUIOfflinePushNotification(JsonNode entity);
}
