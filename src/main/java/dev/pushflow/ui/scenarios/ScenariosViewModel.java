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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A scenario being played: its steps, which one is current, and each step's result. A scenario runs in a workspace
 * of its own: the user's workspace is saved and set aside when its first step runs, and back when the scenario is
 * closed ({@link WorkspaceStore#enterSandbox}). The bundled examples are listed with their purpose; playing one runs
 * it in demo mode, at a pace a viewer can follow.
 */
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
    private final BooleanProperty open = new SimpleBooleanProperty();
    private final BooleanProperty sandboxed = new SimpleBooleanProperty();
    private final BooleanProperty demo = new SimpleBooleanProperty();
    private final ObservableList<BundledScenarios.Example> examples = FXCollections.observableArrayList();
    private final Duration demoPace;
    private ScenarioPort.Loaded loaded;
    private int next;

    /** The pause between steps in demo mode: long enough to read a step and watch the panels change. */
    public static final Duration DEMO_PACE = Duration.ofMillis(1500);

    public ScenariosViewModel(AppContext ctx) {
        this(ctx, DEMO_PACE);
    }

    /** @param demoPace the pause between steps in demo mode (tests pass zero) */
    public ScenariosViewModel(AppContext ctx, Duration demoPace) {
        this.demoPace = demoPace;
        this.examples.setAll(BundledScenarios.list());
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
            show(l);
            ok("Opened " + file.getFileName() + ": " + l.steps().size() + " steps. " + SANDBOX_NOTE);
        }, t -> {
            running.set(false);
            fail("Cannot open " + file.getFileName() + ": " + TaskRunner.message(t));
        });
    }

    /** Said when a scenario opens: what happens to the user's workspace. */
    public static final String SANDBOX_NOTE = "It runs in a workspace of its own: your devices, users and certificate"
            + " IDs are set aside and come back when you close the scenario.";

    /** Opens a bundled example without playing it. */
    public void openExample(BundledScenarios.Example example) {
        openExample(example, false);
    }

    /** Opens a bundled example and plays it in demo mode: one step at a time, at a readable pace. */
    public void playExample(BundledScenarios.Example example) {
        openExample(example, true);
    }

    private void openExample(BundledScenarios.Example example, boolean play) {
        if (running.get()) {
            fail("Wait for the scenario that is playing to finish");
            return;
        }
        running.set(true);
        tasks.run(() -> port.parse(example), l -> {
            running.set(false);
            show(l);
            ok("Opened the example \"" + l.name() + "\": " + l.steps().size() + " steps. " + SANDBOX_NOTE);
            if (play) {
                demo.set(true);
                runAll();
            }
        }, t -> {
            running.set(false);
            fail("Cannot open the example " + example.file() + ": " + TaskRunner.message(t));
        });
    }

    private void show(ScenarioPort.Loaded l) {
        loaded = l;
        next = 0;
        current.set(-1);
        name.set(l.name());
        demo.set(false);
        steps.clear();
        for (int i = 0; i < l.steps().size(); i++) {
            steps.add(new StepRow(i, l.steps().get(i), StepState.PENDING, ""));
        }
        open.set(true);
    }

    /** Closes the scenario: the user's workspace, set aside when the scenario started, is back. */
    public void close() {
        if (running.get()) {
            fail("Wait for the step that is running to finish, then close the scenario");
            return;
        }
        loaded = null;
        port.finish(); // no weather or delivery policy of the scenario outlives it
        next = 0;
        current.set(-1);
        steps.clear();
        name.set("No scenario open");
        open.set(false);
        demo.set(false);
        if (!workspace.sandboxed()) {
            ok("Scenario closed");
            return;
        }
        running.set(true);
        tasks.run(() -> workspace.leaveSandbox(engine), left -> {
            running.set(false);
            sandboxed.set(false);
            ok("Scenario closed: your workspace is back");
        }, t -> {
            running.set(false);
            sandboxed.set(workspace.sandboxed());
            fail("Scenario closed, but your workspace could not be reopened: " + TaskRunner.message(t));
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
                workspace.enterSandbox(engine); // the user's workspace is saved and set aside, back at close()
                port.prepare(scenario);
            }
            return port.runStep(scenario, i);
        }, r -> {
            running.set(false);
            sandboxed.set(workspace.sandboxed());
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
            sandboxed.set(workspace.sandboxed());
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
                if (demo.get() && next > 0 && !demoPace.isZero()) {
                    pause(() -> step(loop[0]));
                } else {
                    step(loop[0]);
                }
            } else {
                ok("Scenario finished: " + steps.stream().filter(s -> s.state() == StepState.PASSED).count()
                        + " of " + steps.size() + " steps passed");
            }
        };
        loop[0].run();
    }

    /** Waits the demo pace off the UI thread, then goes on there. */
    private void pause(Runnable then) {
        running.set(true);
        tasks.run(() -> CompletableFuture.supplyAsync(() -> Boolean.TRUE,
                        CompletableFuture.delayedExecutor(demoPace.toMillis(), TimeUnit.MILLISECONDS))
                .get(demoPace.toMillis() + 10_000, TimeUnit.MILLISECONDS), ok -> {
            running.set(false);
            then.run();
        }, t -> {
            running.set(false);
            then.run();
        });
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
        if (workspace.sandboxed()) {
            fail("Close the scenario first: it runs in a workspace of its own, and yours comes back when it closes");
            return;
        }
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

    /** The bundled examples, with their one-line purpose. */
    public ObservableList<BundledScenarios.Example> examples() {
        return examples;
    }

    /** A scenario is open in the panel. */
    public BooleanProperty openProperty() {
        return open;
    }

    /** The scenario's own workspace is the engine's (the user's is set aside until {@link #close()}). */
    public BooleanProperty sandboxedProperty() {
        return sandboxed;
    }

    /** Playing at the demo pace. */
    public BooleanProperty demoProperty() {
        return demo;
    }

    public BooleanProperty availableProperty() {
        return available;
    }
}
