/**
 * Tap-to-redirect: how the vendor component parses a tapped notification's userInfo into a
 * redirect target.
 *
 * <p>{@link dev.pushflow.tap.RedirectParser} reproduces the component's rules (reference,
 * section 4): only {@code userInfo["ext"]} is read, only its {@code entity}, the app's
 * {@code processTUIOfflinePushNotification:} hook goes first, {@code action} and {@code chatType}
 * are read with Objective-C {@code intValue}, and {@code sender} becomes the userID or groupID.
 * Inputs that would crash the real component come back as a {@link dev.pushflow.tap.RedirectKind#NONE}
 * target whose reason says so.
 */
package dev.pushflow.tap;
