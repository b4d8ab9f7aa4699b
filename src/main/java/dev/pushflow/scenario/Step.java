package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushflow.afterapns.DeliveryState;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.FlakyRegistration;
import dev.pushflow.engine.TapOutcome;
import dev.pushflow.engine.TokenRemedy;
import dev.pushflow.im.ApnsOptions;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.MessageElement;
import dev.pushflow.im.OfflinePushInfo;
import dev.pushflow.tap.RedirectKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One step of a scenario: an action on the flow engine or an expectation about what it did. */
public sealed interface Step {

    /** The step's key in the file: login, send, expectPush, ... */
    String key();

    /** One line for people: "login alice on phone1". */
    String describe();

    /** True for the expect* steps, which check and change nothing. */
    default boolean isExpectation() {
        return false;
    }

    record Login(String device, String user) implements Step {
        public String key() {
            return "login";
        }

        public String describe() {
            return "login " + user + " on " + device;
        }
    }

    record Logout(String device) implements Step {
        public String key() {
            return "logout";
        }

        public String describe() {
            return "logout on " + device;
        }
    }

    record SetAppState(String device, AppState state) implements Step {
        public String key() {
            return "appState";
        }

        public String describe() {
            return "app on " + device + " goes " + state.wireName();
        }
    }

    /** setAPNS(nil): offline push off for the device. */
    record DisablePush(String device) implements Step {
        public String key() {
            return "disablePush";
        }

        public String describe() {
            return "setAPNS(nil) on " + device;
        }
    }

    record EnablePush(String device) implements Step {
        public String key() {
            return "enablePush";
        }

        public String describe() {
            return "enable offline push on " + device;
        }
    }

    record Uninstall(String device) implements Step {
        public String key() {
            return "uninstall";
        }

        public String describe() {
            return "uninstall the app from " + device;
        }
    }

    record Install(String device) implements Step {
        public String key() {
            return "install";
        }

        public String describe() {
            return "install the app on " + device;
        }
    }

    /** The app's processTUIOfflinePushNotification hook: YES takes over, NO lets the component go on. */
    record CustomParse(String device, boolean takeOver) implements Step {
        public String key() {
            return "customParse";
        }

        public String describe() {
            return "processTUIOfflinePushNotification on " + device + " returns " + (takeOver ? "YES" : "NO");
        }
    }

    /**
     * A send's APNs headers ({@code "apns"}; null fields = APNs' default). {@code expiration} counts seconds from the
     * simulated now when the step runs; 0 means {@code apns-expiration: 0} (never stored).
     */
    record SendApns(Integer priority, Long expiration, String collapseId, PushType pushType) {
        ApnsOptions toOptions(Instant now) {
            Instant exp = expiration == null ? null : expiration == 0 ? Instant.EPOCH : now.plusSeconds(expiration);
            return new ApnsOptions(priority, exp, collapseId, pushType);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (pushType != null) {
                parts.add(pushType.headerValue());
            }
            if (priority != null) {
                parts.add("priority " + priority);
            }
            if (expiration != null) {
                parts.add(expiration == 0 ? "expiration 0" : "expires in " + expiration + " s");
            }
            if (collapseId != null) {
                parts.add("collapse ID " + collapseId);
            }
            return String.join(", ", parts);
        }
    }

    /** A message sent through the IM backend; {@code to} or {@code group} is set, never both. */
    record Send(String from, String to, String group, List<MessageElement> elements, OfflinePushInfo offlinePushInfo,
                SendApns apns) implements Step {
        public Send {
            elements = List.copyOf(elements);
        }

        public Send(String from, String to, String group, List<MessageElement> elements, OfflinePushInfo offlinePushInfo) {
            this(from, to, group, elements, offlinePushInfo, null);
        }

        /** A fresh message whose APNs expiration counts from {@code now} (the engine's simulated clock). */
        public ImMessage toMessage(Instant now) {
            return new ImMessage(null, from, to, group, elements, offlinePushInfo,
                    apns == null ? null : apns.toOptions(now));
        }

        public String key() {
            return "send";
        }

        /** A fresh message (new msgID) each time the step runs. */
        public ImMessage toMessage() {
            return new ImMessage(null, from, to, group, elements, offlinePushInfo, null);
        }

        public String describe() {
            StringBuilder sb = new StringBuilder("send ");
            boolean custom = elements.stream().allMatch(e -> e instanceof MessageElement.Custom);
            if (custom) {
                sb.append("a custom message");
            } else {
                StringBuilder content = new StringBuilder();
                elements.forEach(e -> content.append(e.summary()));
                sb.append('"').append(abbreviate(content.toString(), 40)).append('"');
            }
            sb.append(" from ").append(from).append(group != null ? " to group " + group : " to " + to);
            List<String> info = new ArrayList<>();
            OfflinePushInfo o = offlinePushInfo;
            if (o.title() != null) {
                info.add("title \"" + abbreviate(o.title(), 20) + "\"");
            }
            if (o.desc() != null) {
                info.add("desc \"" + abbreviate(o.desc(), 20) + "\"");
            }
            if (o.ext() != null) {
                info.add("ext " + abbreviate(o.ext(), 30));
            }
            if (o.disablePush()) {
                info.add("disablePush");
            }
            if (o.iOSSound() != null) {
                info.add("iOSSound " + o.iOSSound());
            }
            if (o.ignoreIOSBadge()) {
                info.add("ignoreIOSBadge");
            }
            if (o.isVoip()) {
                info.add("VoIP");
            }
            if (o.iOSImage() != null) {
                info.add("iOSImage");
            }
            if (apns != null && !apns.describe().isEmpty()) {
                info.add(apns.describe());
            }
            if (!info.isEmpty()) {
                sb.append(" (").append(String.join(", ", info)).append(')');
            }
            return sb.toString();
        }
    }

    /** Taps a notification on the device; {@code index} null = the newest. */
    record Tap(String device, Integer index) implements Step {
        public String key() {
            return "tap";
        }

        public String describe() {
            return index == null ? "tap the newest notification on " + device
                    : "tap notification " + index + " on " + device;
        }
    }

    /**
     * The newest push attempt to the device since the previous send: its status and, optionally, Apple's
     * reason and the headers it went out with (null = not checked).
     */
    record ExpectPush(String device, DeliveryStatus status, String reason, Long certificateId,
                      ApnsEnvironment environment, String topic, String pushType) implements Step {
        public ExpectPush(String device, DeliveryStatus status, String reason) {
            this(device, status, reason, null, null, null, null);
        }

        public String key() {
            return "expectPush";
        }

        public boolean isExpectation() {
            return true;
        }

        public String describe() {
            StringBuilder sb = new StringBuilder("expect a push to ").append(device).append(": ")
                    .append(status.wireName());
            if (reason != null) {
                sb.append(' ').append(reason);
            }
            if (certificateId != null) {
                sb.append(", certificate ID ").append(certificateId);
            }
            if (environment != null) {
                sb.append(", ").append(environment.wireName());
            }
            if (topic != null) {
                sb.append(", topic ").append(topic);
            }
            if (pushType != null) {
                sb.append(", push type ").append(pushType);
            }
            return sb.toString();
        }
    }

    /** The previous send made no push attempt to the device; {@code because} matches the recorded reason. */
    record ExpectNoPush(String device, String because) implements Step {
        public String key() {
            return "expectNoPush";
        }

        public boolean isExpectation() {
            return true;
        }

        public String describe() {
            return "expect no push to " + device + (because == null ? "" : " because " + because);
        }
    }

    /**
     * The newest tap on the device: where it led, and optionally the IDs, what the component did with it
     * ({@code delivery}) and a substring of the reason.
     */
    record ExpectRedirect(String device, RedirectKind target, String userID, String groupID,
                          TapOutcome.Delivery delivery, String reason) implements Step {
        public String key() {
            return "expectRedirect";
        }

        public boolean isExpectation() {
            return true;
        }

        public String describe() {
            StringBuilder sb = new StringBuilder("expect the tap on ").append(device).append(" to redirect: ")
                    .append(target.wireName());
            if (userID != null) {
                sb.append(" userID ").append(userID);
            }
            if (groupID != null) {
                sb.append(" groupID ").append(groupID);
            }
            if (delivery != null) {
                sb.append(", ").append(deliveryWireName(delivery));
            }
            if (reason != null) {
                sb.append(", reason ~ \"").append(reason).append('"');
            }
            return sb.toString();
        }
    }

    /** A JSON Pointer into the newest pushed payload to the device: equal to a value, or absent. */
    record ExpectPayload(String device, String pointer, JsonNode equals, boolean absent) implements Step {
        public String key() {
            return "expectPayload";
        }

        public boolean isExpectation() {
            return true;
        }

        public String describe() {
            return "expect the payload to " + device + (absent ? " to have no " + pointer
                    : " at " + pointer + " = " + abbreviate(equals.toString(), 60));
        }
    }

    /** One of the seed's token remedies on the device ({@code by}; retry = registerForRemoteNotifications again). */
    record RetryRegistration(String device, TokenRemedy by) implements Step {
        public String key() {
            return "retryRegistration";
        }

        public String describe() {
            return "retry the token registration on " + device + (by == TokenRemedy.RETRY ? "" : " by: " + by.guide());
        }
    }

    /** The seed's flaky development registration from this step on (deterministic with the seed). */
    record FlakyRegistrationStep(FlakyRegistration flaky) implements Step {
        public String key() {
            return "flakyRegistration";
        }

        public String describe() {
            return "flaky token registration: " + flaky.describe();
        }
    }

    /** Airplane mode off ({@code online}) or on: APNs stores one notification per app while the phone is offline. */
    record Network(String device, boolean online) implements Step {
        public String key() {
            return "network";
        }

        public String describe() {
            return device + " goes " + (online ? "online" : "offline");
        }
    }

    /** Low Power Mode on or off: priority 5 and 1 pushes are held while it is on. */
    record LowPower(String device, boolean on) implements Step {
        public String key() {
            return "lowPower";
        }

        public String describe() {
            return "Low Power Mode " + (on ? "on" : "off") + " on " + device;
        }
    }

    /** Moves the engine's simulated clock forward. */
    record AdvanceClock(long seconds) implements Step {
        public String key() {
            return "advanceClock";
        }

        public String describe() {
            return "advance the clock by " + seconds + " s";
        }
    }

    /** Background pushes per app and hour that reach the app (the rest are throttled). */
    record BackgroundBudget(int perHour) implements Step {
        public String key() {
            return "backgroundBudget";
        }

        public String describe() {
            return "background budget: " + perHour + " per hour per app";
        }
    }

    /**
     * What APNs did after the 200 with the newest push attempt of the previous send to the device, or with the push
     * at {@code index} (from 0) among this scenario's pushes to it: its delivery state now.
     */
    record ExpectDelivery(String device, DeliveryState state, Integer index) implements Step {
        public String key() {
            return "expectDelivery";
        }

        public boolean isExpectation() {
            return true;
        }

        public String describe() {
            return "expect " + (index == null ? "the push" : "push " + index) + " to " + device + " to be "
                    + state.code();
        }
    }

    /** The device's lock screen: how many notifications and, optionally, the newest one's alert text. */
    record ExpectLockScreen(String device, int count, String newest) implements Step {
        public String key() {
            return "expectLockScreen";
        }

        public boolean isExpectation() {
            return true;
        }

        public String describe() {
            return "expect " + count + " notification" + (count == 1 ? "" : "s") + " on " + device + "'s lock screen"
                    + (newest == null ? "" : ", the newest \"" + abbreviate(newest, 40) + "\"");
        }
    }

    /**
     * APNs weather on the embedded gateway(s) from this step on ({@code gateway}: sandbox, production or both;
     * {@code faults} a {@link dev.pushflow.gateway.Weather} spec, "" = clear). Cleared when the scenario ends.
     */
    record WeatherStep(String gateway, String faults, long seed) implements Step {
        public String key() {
            return "weather";
        }

        public String describe() {
            return faults.isEmpty() ? "clear APNs weather on " + (gateway.equals("both") ? "both gateways" : gateway)
                    : "APNs weather on " + (gateway.equals("both") ? "both gateways" : gateway) + ": " + faults
                    + " (seed " + seed + ")";
        }
    }

    /** How the backend retries from this step on (a {@link dev.pushflow.delivery.DeliveryPolicy} spec). */
    record DeliveryPolicyStep(dev.pushflow.delivery.DeliveryPolicy policy, String spec) implements Step {
        public String key() {
            return "deliveryPolicy";
        }

        public String describe() {
            return "delivery policy: " + spec;
        }
    }

    /** One expected attempt of a push: its status and, optionally, Apple's reason (or a part of the failure). */
    record Attempt(DeliveryStatus status, String reason) {
        String describe() {
            return status.wireName() + (reason == null ? "" : " " + reason);
        }
    }

    /**
     * Every attempt of the previous send's push to the device, in order: attempt numbers 1..n, only the last one
     * final, each with the expected status and reason.
     */
    record ExpectAttempts(String device, List<Attempt> attempts) implements Step {
        public ExpectAttempts {
            attempts = List.copyOf(attempts);
        }

        public String key() {
            return "expectAttempts";
        }

        public boolean isExpectation() {
            return true;
        }

        public String describe() {
            return "expect " + attempts.size() + " attempt" + (attempts.size() == 1 ? "" : "s") + " to " + device
                    + ": " + String.join(", then ", attempts.stream().map(Attempt::describe).toList());
        }
    }

    /** "cached-until-login" for CACHED_UNTIL_LOGIN: the words scenario files use. */
    static String deliveryWireName(TapOutcome.Delivery delivery) {
        return delivery.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String abbreviate(String s, int max) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
