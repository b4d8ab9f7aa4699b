package dev.pushflow.ui.phones;

import dev.pushflow.engine.DeviceSnapshot;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One simulated iPhone on screen: its latest snapshot, the notifications on its lock screen (newest first), and a
 * line about the silent pushes it took in the background ("" when none).
 */
public final class PhoneModel {
    private final String deviceId;
    private final ObjectProperty<DeviceSnapshot> snapshot = new SimpleObjectProperty<>();
    private final ObservableList<NotificationItem> notifications = FXCollections.observableArrayList();
    private final StringProperty silentPushes = new SimpleStringProperty("");

    PhoneModel(DeviceSnapshot s) {
        this.deviceId = s.deviceId();
        snapshot.set(s);
    }

    public String deviceId() {
        return deviceId;
    }

    public ObjectProperty<DeviceSnapshot> snapshotProperty() {
        return snapshot;
    }

    public ObservableList<NotificationItem> notifications() {
        return notifications;
    }

    public StringProperty silentPushesProperty() {
        return silentPushes;
    }
}
