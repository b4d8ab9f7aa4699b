package dev.pushflow.ui.scenarios;

import atlantafx.base.theme.Styles;
import dev.pushflow.ui.Ui;
import dev.pushflow.ui.scenarios.ScenariosViewModel.StepRow;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.Locale;

/** Panel 6: the scenario's steps with the current one highlighted, play controls, workspace save/open. */
public final class ScenariosView extends BorderPane {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private final ScenariosViewModel vm;

    /** For tools that put the panel into a state worth a picture. */
    public ScenariosViewModel viewModel() {
        return vm;
    }

    public ScenariosView(ScenariosViewModel vm) {
        this.vm = vm;
        getStyleClass().add("panel");
        setId("scenarios-view");
        Button open = new Button("_Open scenario…", new FontIcon(Feather.FOLDER));
        open.setOnAction(e -> {
            File f = chooser("Open a scenario", "Scenario files", "*.yaml", "*.yml", "*.json", "*.txt").showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.open(f.toPath());
            }
        });
        open.disableProperty().bind(vm.availableProperty().not());
        Button step = new Button("S_tep", new FontIcon(Feather.SKIP_FORWARD));
        step.setOnAction(e -> vm.step());
        Button all = new Button("_Play all", new FontIcon(Feather.PLAY));
        all.getStyleClass().add(Styles.ACCENT);
        all.setOnAction(e -> vm.runAll());
        Button restart = new Button("Restart", new FontIcon(Feather.ROTATE_CCW));
        restart.setOnAction(e -> vm.restart());
        step.disableProperty().bind(vm.runningProperty().or(vm.availableProperty().not()));
        all.disableProperty().bind(vm.runningProperty().or(vm.availableProperty().not()));
        Label name = new Label();
        name.textProperty().bind(vm.nameProperty());
        name.getStyleClass().add("device-title");

        ListView<StepRow> steps = new ListView<>(vm.steps());
        steps.setId("scenario-steps");
        steps.setPlaceholder(new Label("Open a scenario file (the CLI's format) to play it here, step by step or at once."));
        steps.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(StepRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(CURRENT, !empty && r != null && r.index() == vm.currentProperty().get());
                if (empty || r == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                FontIcon icon = new FontIcon(switch (r.state()) {
                    case PENDING -> Feather.CIRCLE;
                    case RUNNING -> Feather.LOADER;
                    case PASSED -> Feather.CHECK_CIRCLE;
                    case FAILED -> Feather.X_CIRCLE;
                });
                icon.getStyleClass().add("step-" + r.state().name().toLowerCase(Locale.ROOT));
                Label text = new Label((r.index() + 1) + ". " + r.text() + (r.result().isEmpty() ? "" : "  →  " + r.result()));
                text.setWrapText(true);
                setGraphic(Ui.row(8, icon, text));
                setText(null);
            }
        });
        vm.currentProperty().addListener((o, a, b) -> {
            steps.refresh();
            if (b.intValue() >= 0) {
                steps.scrollTo(b.intValue());
            }
        });
        VBox.setVgrow(steps, Priority.ALWAYS);
        VBox play = Ui.card("Scenario", Feather.PLAY_CIRCLE, name, Ui.row(8, open, step, all, restart), steps,
                Ui.statusLine(vm.messageProperty(), vm.errorProperty()));
        setCenter(play);

        Button save = new Button("Save…", new FontIcon(Feather.SAVE));
        save.setOnAction(e -> {
            File f = chooser("Save the workspace", "Workspace", "*.json").showSaveDialog(getScene().getWindow());
            if (f != null) {
                vm.saveWorkspace(f.toPath());
            }
        });
        Button load = new Button("Open…", new FontIcon(Feather.FOLDER_PLUS));
        load.setOnAction(e -> {
            File f = chooser("Open a workspace", "Workspace", "*.json").showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.openWorkspace(f.toPath());
            }
        });
        Label about = new Label("A workspace holds the console (certificate IDs), the app's settings, the devices, "
                + "users and groups. The current one is saved in your config folder when PushFlow closes and reopened at the next start.");
        about.setWrapText(true);
        about.getStyleClass().add("muted");
        VBox ws = Ui.card("Workspace", Feather.BRIEFCASE, about, Ui.row(8, save, load));
        ws.setPrefWidth(360);
        BorderPane.setMargin(ws, new Insets(0, 0, 0, 12));
        setRight(ws);
    }

    private static FileChooser chooser(String title, String what, String... patterns) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
        return c;
    }
}
