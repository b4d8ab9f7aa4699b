package dev.pushflow.ui.devices;

import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.FlakyRegistration;
import dev.pushflow.engine.Network;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.TokenRegistration;
import dev.pushflow.engine.TokenRemedy;
import dev.pushflow.engine.TokenState;
import dev.pushflow.engine.TokenStatus;
import dev.pushflow.ui.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The selected iPhone's device token and the seed's remedies for one that never comes (its token FAQ), plus the
 * flaky development registration setting. Commands go to the engine off the UI thread.
 */
public final class TokenViewModel {
    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final ReadOnlyObjectProperty<DeviceSnapshot> selected;
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    private final ObjectProperty<TokenRegistration> newDeviceRegistration = new SimpleObjectProperty<>(TokenRegistration.OK);
    private final StringProperty flakyPercent = new SimpleStringProperty("0");
    private final StringProperty flakySeed = new SimpleStringProperty("0");

    TokenViewModel(PushFlowEngine engine, TaskRunner tasks, ReadOnlyObjectProperty<DeviceSnapshot> selected) {
        this.engine = engine;
        this.tasks = tasks;
        this.selected = selected;
        FlakyRegistration f = engine.flakyRegistration();
        flakyPercent.set(percent(f.debugChance()));
        flakySeed.set(String.valueOf(f.seed()));
    }

    /** "none yet", "failed", "registered": the table's column. */
    public static String column(DeviceSnapshot s) {
        return s.real() ? "pasted" : s.tokenStatus().state().displayName();
    }

    /** The selected device's token in a sentence, with iOS's error when it failed. */
    public static String describe(DeviceSnapshot s) {
        if (s == null) {
            return "";
        }
        if (s.real()) {
            return "Token pasted from a real iPhone: nothing to register here";
        }
        TokenStatus t = s.tokenStatus();
        String where = " · " + t.network().displayName() + " · " + t.attempts() + " request" + (t.attempts() == 1 ? "" : "s");
        return switch (t.state()) {
            case REGISTERED -> "Token registered (" + s.tokenEnvironment().appleName() + ")" + where;
            case NONE_YET -> "No token yet: APNs has not answered (neither delegate method was called)" + where
                    + ". Try a remedy.";
            case FAILED -> "Token failed: " + t.error() + " (didFailToRegisterForRemoteNotificationsWithError)" + where
                    + ". Try a remedy.";
        };
    }

    /** True when the selected device is a simulated iPhone without a token: the remedies are what to do next. */
    public static boolean needsRemedy(DeviceSnapshot s) {
        return s != null && !s.real() && s.tokenStatus().state() != TokenState.REGISTERED;
    }

    public void applyRemedy(TokenRemedy remedy) {
        onSelected(id -> engine.applyRemedy(id, remedy), remedy.displayName());
    }

    public void setNetwork(Network network) {
        onSelected(id -> engine.setNetwork(id, network), "Network: " + network.displayName());
    }

    /** Applies the flaky setting typed in: a Debug failure chance in percent and a seed. */
    public void applyFlaky() {
        double chance;
        long seed;
        try {
            chance = Double.parseDouble(flakyPercent.get().trim().replace("%", "")) / 100;
        } catch (NumberFormatException e) {
            fail("The failure chance is a percentage from 0 to 100, like 30");
            return;
        }
        try {
            seed = Long.parseLong(flakySeed.get().trim());
        } catch (NumberFormatException e) {
            fail("The seed is a whole number, like 42");
            return;
        }
        if (!(chance >= 0 && chance <= 1)) {
            fail("The failure chance is a percentage from 0 to 100, not " + flakyPercent.get().trim());
            return;
        }
        FlakyRegistration f = FlakyRegistration.debugOnly(chance, seed);
        tasks.run(() -> {
            engine.setFlakyRegistration(f);
            return f;
        }, r -> ok("Flaky development registration: " + r.describe()), t -> fail(TaskRunner.message(t)));
    }

    private interface Command {
        DeviceSnapshot apply(String deviceId) throws Exception;
    }

    private void onSelected(Command command, String what) {
        DeviceSnapshot s = selected.get();
        if (s == null) {
            fail("Select a device first");
            return;
        }
        tasks.run(() -> command.apply(s.deviceId()), r -> ok(what + ": token " + r.tokenStatus().describe()),
                t -> fail(TaskRunner.message(t)));
    }

    private void ok(String text) {
        message.set(text);
        error.set(false);
    }

    private void fail(String text) {
        message.set(text);
        error.set(true);
    }

    private static String percent(double chance) {
        double p = chance * 100;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    /** What a simulated iPhone added with the form gets at its first token request. */
    public ObjectProperty<TokenRegistration> newDeviceRegistrationProperty() {
        return newDeviceRegistration;
    }

    public StringProperty flakyPercentProperty() {
        return flakyPercent;
    }

    public StringProperty flakySeedProperty() {
        return flakySeed;
    }
}
