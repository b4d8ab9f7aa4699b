package dev.pushflow.engine;

import dev.pushflow.delivery.DeliveryRecord;

/**
 * Observes the engine. Called on engine and Netty threads: implementations must return quickly and
 * must not block (the GUI queues and hops to the FX thread in one place).
 */
public interface EngineListener {
    default void deviceChanged(DeviceSnapshot device) {
    }

    default void deviceRemoved(String deviceId) {
    }

    default void notificationDelivered(String deviceId, DeliveredNotification notification) {
    }

    default void recordAppended(DeliveryRecord record) {
    }

    default void tapped(TapOutcome outcome) {
    }

    default void activity(ActivityEvent event) {
    }

    default void workspaceChanged() {
    }
}
