package dev.pushflow.ui.devices;

import atlantafx.base.theme.Styles;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.Network;
import dev.pushflow.engine.TokenRemedy;
import dev.pushflow.ui.Ui;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.EnumMap;
import java.util.Map;

/**
 * The selected iPhone's device token (none yet / failed with iOS's error / registered) and the seed's remedies for
 * one that never comes, each a button that makes iOS request the token again; the network choice; and the flaky
 * development registration setting.
 */
final class TokenCard {
    private final TokenViewModel vm;
    private final Label state = new Label();
    private final Map<Network, ToggleButton> networks = new EnumMap<>(Network.class);
    private boolean updating;

    private TokenCard(TokenViewModel vm) {
        this.vm = vm;
    }

    static VBox create(TokenViewModel vm, ReadOnlyObjectProperty<DeviceSnapshot> selected) {
        return new TokenCard(vm).build(selected);
    }

    private VBox build(ReadOnlyObjectProperty<DeviceSnapshot> selected) {
        state.setId("token-state");
        state.setTooltip(new javafx.scene.control.Tooltip());
        state.getTooltip().textProperty().bind(state.textProperty());
        state.getTooltip().setWrapText(true);
        state.getTooltip().setMaxWidth(480);

        Button retry = new Button(label(TokenRemedy.RETRY), new FontIcon(icon(TokenRemedy.RETRY)));
        retry.setId("remedy-retry");
        retry.getStyleClass().add(Styles.SMALL);
        retry.setMinWidth(Region.USE_PREF_SIZE);
        Ui.tip(retry, "The app calls registerForRemoteNotifications again: iOS requests the device token again (it may"
                + " fail again while the development environment is flaky).");
        retry.setOnAction(e -> vm.applyRemedy(TokenRemedy.RETRY));
        MenuButton remedies = new MenuButton("Remedies");
        remedies.setId("remedies-menu");
        remedies.getStyleClass().add(Styles.SMALL);
        remedies.setMinWidth(Region.USE_PREF_SIZE);
        Ui.tip(remedies, "The guide's remedies for a deviceToken that is not returned: " + TokenRemedy.GUIDE
                + ". Each requests the token again.");
        for (TokenRemedy r : TokenRemedy.values()) {
            if (r == TokenRemedy.CELLULAR || r == TokenRemedy.RETRY) {
                continue; // the network toggle and the retry button
            }
            MenuItem item = new MenuItem(label(r) + " (the guide: " + r.guide() + ")", new FontIcon(icon(r)));
            item.setId("remedy-" + r.wireName());
            item.setOnAction(e -> vm.applyRemedy(r));
            remedies.getItems().add(item);
        }

        ToggleGroup group = new ToggleGroup();
        HBox networkRow = new HBox();
        for (Network n : Network.values()) {
            ToggleButton t = new ToggleButton(n.displayName());
            t.setId("network-" + n.wireName());
            t.setToggleGroup(group);
            t.getStyleClass().addAll(Styles.SMALL, n == Network.WIFI ? Styles.LEFT_PILL : Styles.RIGHT_PILL);
            t.setUserData(n);
            t.setOnAction(e -> show(selected.get()));
            networks.put(n, t);
            networkRow.getChildren().add(t);
        }
        Ui.tip(networks.get(Network.CELLULAR), "The guide: insert a SIM card and use the 4G network. iOS connects to"
                + " APNs again, and a pending token request is made again.");
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null && !updating) {
                vm.setNetwork((Network) t.getUserData());
            }
        });

        TextField percent = new TextField();
        percent.setId("flaky-percent");
        percent.setPrefColumnCount(3);
        percent.textProperty().bindBidirectional(vm.flakyPercentProperty());
        TextField seed = new TextField();
        seed.setId("flaky-seed");
        seed.setPrefColumnCount(5);
        seed.textProperty().bindBidirectional(vm.flakySeedProperty());
        Button apply = new Button("Apply");
        apply.setId("flaky-apply");
        apply.getStyleClass().add(Styles.SMALL);
        apply.setOnAction(e -> vm.applyFlaky());
        Label flaky = Ui.label("Flaky development registration: Debug requests fail", "muted");
        flaky.setMinWidth(Region.USE_PREF_SIZE);
        Ui.tip(flaky, "TUIOfflinePush's FAQ: in the development environment requesting deviceToken from Apple might fail. "
                + "The chance that one token request of a Debug build fails or goes unanswered; Release builds are"
                + " unaffected. The same seed gives the same outcomes.");
        Label seedLabel = Ui.label("% · seed", "muted");
        seedLabel.setMinWidth(Region.USE_PREF_SIZE);
        apply.setMinWidth(Region.USE_PREF_SIZE);
        HBox flakyRow = Ui.row(6, flaky, percent, seedLabel, seed, apply);
        Label status = Ui.statusLine(vm.messageProperty(), vm.errorProperty());
        status.setWrapText(false);
        status.managedProperty().bind(vm.messageProperty().isNotEmpty());
        status.visibleProperty().bind(vm.messageProperty().isNotEmpty());

        Label network = Ui.label("Network", "field-label");
        network.setMinWidth(Region.USE_PREF_SIZE);
        networkRow.setMinWidth(Region.USE_PREF_SIZE);
        VBox card = Ui.card("Device token", Feather.KEY, state,
                Ui.row(8, network, networkRow, retry, remedies), flakyRow, status);
        card.setSpacing(8);
        card.setId("token-card");
        selected.addListener((o, a, b) -> show(b));
        show(selected.get());
        return card;
    }

    private void show(DeviceSnapshot s) {
        updating = true;
        try {
            state.setText(s == null ? "No device selected" : TokenViewModel.describe(s));
            state.getStyleClass().removeAll("warning-text");
            if (TokenViewModel.needsRemedy(s)) {
                state.getStyleClass().add("warning-text");
            }
            networks.forEach((n, b) -> b.setSelected(s != null && !s.real() && s.tokenStatus().network() == n));
        } finally {
            updating = false;
        }
    }

    private static String label(TokenRemedy r) {
        return switch (r) {
            case RETRY -> "Retry registration";
            case REINSTALL -> "Reinstall";
            case RESTART_APP -> "Restart app";
            case RESTART_PHONE -> "Restart phone";
            case PRODUCTION_BUILD -> "Switch to a Release build";
            case CELLULAR -> "Cellular";
        };
    }

    private static Feather icon(TokenRemedy r) {
        return switch (r) {
            case RETRY -> Feather.REFRESH_CW;
            case REINSTALL -> Feather.DOWNLOAD;
            case RESTART_APP -> Feather.ROTATE_CW;
            case RESTART_PHONE -> Feather.POWER;
            case PRODUCTION_BUILD -> Feather.PACKAGE;
            case CELLULAR -> Feather.RADIO;
        };
    }
}
