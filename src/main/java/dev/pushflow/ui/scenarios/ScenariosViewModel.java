package dev.pushflow.ui.scenarios;

import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.WorkspaceStore;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** A scenario being played: its steps, which one is current, and each step's result. */
public final class ScenariosViewModel {
    public enum StepState { PENDING, RUNNING, PASSED, FAILED }

    /** One step as listed: number, description, state, and what running it said. */
    public record StepRow(int index, String text, StepState state, String result) {
        StepRow with(StepState s, String r) {
            return new StepRow(index, text, s, r);
        }
    }

    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final ScenarioPort port;
    private final WorkspaceStore workspace;
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    private final StringProperty name = new SimpleStringProperty("No scenario open");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty available = new SimpleBooleanProperty(ScenarioPort.available());
    private ScenarioPort.Loaded loaded;
    private int next;

    public ScenariosViewModel(AppContext ctx) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        this.port = new ScenarioPort(engine);
        this.workspace = ctx.workspace();
        if (!available.get()) {
            message.set("Scenario files need the scenario package from the CLI (not in this build yet)");
        }
    }

    public void open(Path file) {
        running.set(true);
        tasks.run(() -> port.load(file), l -> {
            running.set(false);
            loaded = l;
            next = 0;
            current.set(-1);
            name.set(l.name());
            steps.clear();
            for (int i = 0; i < l.steps().size(); i++) {
                steps.add(new StepRow(i, l.steps().get(i), StepState.PENDING, ""));
            }
            ok("Opened " + file.getFileName() + ": " + l.steps().size() + " steps");
        }, t -> {
            running.set(false);
            fail("Cannot open " + file.getFileName() + ": " + TaskRunner.message(t));
        });
    }

    /** Runs the next step; the other panels update through the engine's events as it runs. */
    public void step() {
        step(null);
    }

    private void step(Runnable then) {
        if (loaded == null) {
            fail("Open a scenario first");
            return;
        }
        if (next >= steps.size()) {
            ok("Scenario finished");
            return;
        }
        int i = next;
        running.set(true);
        current.set(i);
        steps.set(i, steps.get(i).with(StepState.RUNNING, ""));
        dev.pushflow.scenario.Scenario scenario = loaded.scenario();
        tasks.run(() -> {
            if (i == 0) {
                port.prepare(scenario);
            }
            return port.runStep(scenario, i);
        }, r -> {
            running.set(false);
            steps.set(i, steps.get(i).with(r.passed() ? StepState.PASSED : StepState.FAILED, r.text()));
            next = i + 1;
            if (!r.passed()) {
                fail("Step " + (i + 1) + " did not pass: " + r.text());
            } else if (then != null) {
                then.run();
            } else {
                ok("Step " + (i + 1) + " done");
            }
        }, t -> {
            running.set(false);
            steps.set(i, steps.get(i).with(StepState.FAILED, TaskRunner.message(t)));
            next = i + 1;
            fail("Step " + (i + 1) + " failed: " + TaskRunner.message(t));
        });
    }

    /** Plays the remaining steps one after another, stopping at the first that does not pass. */
    public void runAll() {
        if (loaded == null) {
            fail("Open a scenario first");
            return;
        }
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> {
            if (next < steps.size()) {
                step(loop[0]);
            } else {
                ok("Scenario finished: " + steps.stream().filter(s -> s.state() == StepState.PASSED).count()
                        + " of " + steps.size() + " steps passed");
            }
        };
        loop[0].run();
    }

    public void restart() {
        next = 0;
        current.set(-1);
        steps.replaceAll(s -> s.with(StepState.PENDING, ""));
        ok("Ready to play from step 1");
    }

    /** Saves the workspace, with the definitions of certificate IDs that could not be restored (no password, ever). */
    public void saveWorkspace(Path file) {
        tasks.run(() -> {
            workspace.saveAs(engine, file);
            return file;
        }, f -> ok("Workspace saved to " + f), t -> fail("Not saved: " + TaskRunner.message(t)));
    }

    /** Opens a workspace; certificate IDs whose credential cannot be loaded are left out and listed in the Console. */
    public void openWorkspace(Path file) {
        tasks.run(() -> workspace.open(file, engine), left -> {
            if (left.isEmpty()) {
                ok("Workspace opened from " + file);
            } else {
                fail("Workspace opened from " + file + ", but certificate ID"
                        + (left.size() == 1 ? " " : "s ")
                        + left.stream().map(u -> String.valueOf(u.id())).collect(Collectors.joining(", "))
                        + (left.size() == 1 ? " was" : " were") + " not restored: the Console says why and how to fix it");
            }
        }, t -> fail("Cannot open the workspace: " + TaskRunner.message(t)));
    }

    private void ok(String s) {
        message.set(s);
        error.set(false);
    }

    private void fail(String s) {
        message.set(s);
        error.set(true);
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public IntegerProperty currentProperty() {
        return current;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty availableProperty() {
        return available;
    }
}
