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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.Locale;

/**
 * Panel 6: the scenario's steps with the current one highlighted, play controls, the bundled examples with one click
 * to play, workspace save/open. A scenario runs in a workspace of its own; the panel says so while one is open.
 */
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
        restart.disableProperty().bind(vm.runningProperty().or(vm.openProperty().not()));
        Button close = new Button("_Close scenario", new FontIcon(Feather.X));
        close.setId("scenario-close");
        close.setOnAction(e -> vm.close());
        close.disableProperty().bind(vm.runningProperty().or(vm.openProperty().not()));
        javafx.scene.control.CheckBox demo = new javafx.scene.control.CheckBox("_Demo pace");
        demo.setId("scenario-demo");
        demo.selectedProperty().bindBidirectional(vm.demoProperty());
        Ui.tip(demo, "Play all pauses between steps so viewers can follow each one");
        step.disableProperty().bind(vm.runningProperty().or(vm.availableProperty().not()));
        all.disableProperty().bind(vm.runningProperty().or(vm.availableProperty().not()));
        Label name = new Label();
        name.textProperty().bind(vm.nameProperty());
        name.getStyleClass().add("device-title");
        name.setWrapText(true);
        name.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        ListView<StepRow> steps = new ListView<>(vm.steps());
        steps.setId("scenario-steps");
        Label placeholder = new Label("No scenario open. Pick an example on the right, or open a scenario file"
                + " (the CLI's format) to play it here, step by step or at once.");
        placeholder.setWrapText(true);
        steps.setPlaceholder(placeholder);
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
        Label sandbox = new Label("This scenario runs in a workspace of its own. Your devices, users and"
                + " certificate IDs are saved and set aside; Close scenario brings them back.");
        sandbox.setId("scenario-sandbox-note");
        sandbox.setWrapText(true);
        sandbox.getStyleClass().add("sandbox-note");
        sandbox.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        sandbox.setGraphic(new FontIcon(Feather.INFO));
        sandbox.visibleProperty().bind(vm.openProperty());
        sandbox.managedProperty().bind(sandbox.visibleProperty());
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(8, 8, open, step, all, restart, close,
                demo);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox play = Ui.card("Scenario", Feather.PLAY_CIRCLE, name, sandbox, buttons, steps,
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
        load.disableProperty().bind(vm.sandboxedProperty());
        Label about = new Label("A workspace holds the console (certificate IDs), the app's settings, the devices, "
                + "users and groups. Yours is saved in your config folder a moment after every change, and reopened"
                + " at the next start.");
        about.setWrapText(true);
        about.getStyleClass().add("muted");
        about.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox ws = Ui.card("Workspace", Feather.BRIEFCASE, about, Ui.row(8, save, load));

        ListView<dev.pushflow.ui.scenarios.BundledScenarios.Example> examples = new ListView<>(vm.examples());
        examples.setId("scenario-examples");
        examples.setPlaceholder(new Label("This build ships no examples."));
        examples.setCellFactory(v -> new ExampleCell());
        examples.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && examples.getSelectionModel().getSelectedItem() != null) {
                vm.playExample(examples.getSelectionModel().getSelectedItem());
            }
        });
        examples.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER
                    && examples.getSelectionModel().getSelectedItem() != null) {
                vm.playExample(examples.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(examples, Priority.ALWAYS);
        Label how = new Label("Press Play on an example to watch it at demo pace; each step is highlighted as it runs.");
        how.setWrapText(true);
        how.getStyleClass().add("muted");
        how.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox ex = Ui.card("Examples", Feather.BOOK_OPEN, how, examples);
        VBox.setVgrow(ex, Priority.ALWAYS);
        VBox side = new VBox(12, ex, ws);
        side.setPrefWidth(400);
        side.setMinWidth(320);
        BorderPane.setMargin(side, new Insets(0, 0, 0, 12));
        setRight(side);
    }

    /** An example: its title, its purpose, and a Play button. */
    private final class ExampleCell extends ListCell<dev.pushflow.ui.scenarios.BundledScenarios.Example> {
        @Override
        protected void updateItem(dev.pushflow.ui.scenarios.BundledScenarios.Example ex, boolean empty) {
            super.updateItem(ex, empty);
            setText(null);
            if (empty || ex == null) {
                setGraphic(null);
                return;
            }
            Label title = new Label(ex.name());
            title.setWrapText(true);
            title.getStyleClass().add("example-title");
            Label purpose = new Label(ex.purpose());
            purpose.setWrapText(true);
            purpose.getStyleClass().add("muted");
            // Wrapped at the list's width, whole: a cell is as tall as its text needs.
            for (Label l : new Label[]{title, purpose}) {
                l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                l.maxWidthProperty().bind(getListView().widthProperty().subtract(110));
                l.prefWidthProperty().bind(l.maxWidthProperty());
            }
            VBox text = new VBox(2, title, purpose);
            text.setMinWidth(0);
            text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox.setHgrow(text, Priority.ALWAYS);
            Button play = new Button("Play", new FontIcon(Feather.PLAY));
            play.getStyleClass().add(Styles.SMALL);
            play.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            play.setOnAction(e -> vm.playExample(ex));
            play.disableProperty().bind(vm.runningProperty());
            Ui.tip(play, "Open and play \"" + ex.name() + "\" at demo pace");
            setGraphic(Ui.row(8, text, play));
        }
    }

    private static FileChooser chooser(String title, String what, String... patterns) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
        return c;
    }
}
