package dev.pushflow.ui.phones;

/** One notification as the lock screen shows it: app name, title, body, when, and the badge it set. */
public record NotificationItem(String deviceId, String apnsId, String appName, String title, String body,
                               String time, int badge, boolean voip) {
}
