package dev.pushflow.ui.keyscope;

import atlantafx.base.theme.Styles;
import dev.pushflow.ui.Ui;
import dev.pushflow.ui.keyscope.KeyScopeViewModel.Environments;
import dev.pushflow.ui.keyscope.KeyScopeViewModel.Topics;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The fields of a declared key scope, as rows of a panel's two-column form: "Key scope" (the portal's Environment),
 * "Key topics" (team-scoped or topic-specific, with the bundle IDs), the hint where the portal shows them, and the
 * inline message when a bundle ID does not read.
 */
public final class KeyScopeView {
    private final KeyScopeViewModel vm;
    private final String id;

    /** @param idPrefix prefixes the node IDs ("raw" gives #raw-key-environment, #raw-key-topics ...) */
    public KeyScopeView(KeyScopeViewModel vm, String idPrefix) {
        this.vm = vm;
        this.id = idPrefix;
    }

    /**
     * Adds the rows to {@code grid} from {@code row} on, shown while {@code shown} holds.
     *
     * @return the next free row
     */
    public int addTo(GridPane grid, int row, ObservableBooleanValue shown) {
        ChoiceBox<Environments> environment = new ChoiceBox<>();
        environment.setId(id + "-key-environment");
        environment.getItems().setAll(Environments.values());
        environment.valueProperty().bindBidirectional(vm.environmentProperty());
        environment.setMaxWidth(Double.MAX_VALUE);
        Ui.tip(environment, "The key's Environment in the developer portal. Keys made since 2025 may be Sandbox or"
                + " Production only: APNs answers 403 BadEnvironmentKeyIdInToken in the other environment. Older keys"
                + " are Sandbox & Production");

        ToggleGroup group = new ToggleGroup();
        ToggleButton team = pill(Topics.TEAM, Feather.USERS, Styles.LEFT_PILL, group);
        team.setId(id + "-key-team");
        Ui.tip(team, "Team-scoped: the key pushes to every app (topic) of the team");
        ToggleButton specific = pill(Topics.SPECIFIC, Feather.TAG, Styles.RIGHT_PILL, group);
        specific.setId(id + "-key-specific");
        Ui.tip(specific, "Topic-specific: the key pushes only to the bundle IDs it lists; APNs answers 403"
                + " UnrelatedKeyIdInToken for the others");
        Runnable sync = () -> {
            team.setSelected(vm.topicsProperty().get() != Topics.SPECIFIC);
            specific.setSelected(vm.topicsProperty().get() == Topics.SPECIFIC);
        };
        sync.run();
        vm.topicsProperty().addListener((o, a, b) -> sync.run());
        team.setOnAction(e -> {
            vm.topicsProperty().set(Topics.TEAM);
            sync.run();
        });
        specific.setOnAction(e -> {
            vm.topicsProperty().set(Topics.SPECIFIC);
            sync.run();
        });

        TextField bundleIds = new TextField();
        bundleIds.setId(id + "-key-bundle-ids");
        bundleIds.setPromptText("com.example.chat, com.example.chat.watchkitapp");
        bundleIds.textProperty().bindBidirectional(vm.bundleIdsProperty());
        bundleIds.getStyleClass().add("mono");
        Ui.tip(bundleIds, "The bundle IDs the key lists, separated by commas. A topic with a push-type suffix"
                + " (.voip, .complication ...) belongs to its bundle ID");
        var isSpecific = vm.topicsProperty().isEqualTo(Topics.SPECIFIC);

        Label hint = new Label(KeyScopeViewModel.HINT, new FontIcon(Feather.INFO));
        hint.setId(id + "-key-scope-hint");
        hint.getStyleClass().addAll("muted", "key-scope-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        Label error = new Label();
        error.setId(id + "-key-scope-error");
        error.textProperty().bind(vm.errorProperty());
        error.getStyleClass().addAll("error-text", "key-scope-error");
        error.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        showWhen(Bindings.isNotEmpty(vm.errorProperty()), error);
        showWhen(isSpecific, bundleIds);

        Label scopeLabel = Ui.label("Key scope", "field-label");
        Label topicsLabel = Ui.label("Key topics", "field-label");
        HBox pills = Ui.row(0, team, specific);
        VBox below = new VBox(6, bundleIds, error, hint);
        Label none = new Label();
        grid.addRow(row, scopeLabel, environment);
        grid.addRow(row + 1, topicsLabel, pills);
        grid.addRow(row + 2, none, below);
        showWhen(shown, scopeLabel, environment, topicsLabel, pills, none, below);
        return row + 3;
    }

    private static ToggleButton pill(Topics t, Feather icon, String style, ToggleGroup group) {
        ToggleButton b = new ToggleButton(t.toString(), new FontIcon(icon));
        b.getStyleClass().add(style);
        b.setToggleGroup(group);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static void showWhen(ObservableBooleanValue condition, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(condition);
            n.managedProperty().bind(n.visibleProperty());
        }
    }
}
