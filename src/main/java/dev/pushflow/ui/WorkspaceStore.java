package dev.pushflow.ui;

import dev.pushflow.credentials.SecretStore;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.scenario.ScenarioException;
import dev.pushflow.scenario.WorkspaceFile;
import dev.pushflow.scenario.WorkspaceSpec.CertificateSpec;
import dev.pushflow.scenario.WorkspaceSpec.UnrestoredCertificate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The window's workspace (console, app settings, devices, users, groups) in the config folder: reopened at start,
 * saved after every change ({@link Autosave}) and at exit, through {@link WorkspaceFile} (a temporary file moved
 * over the old one, owner read/write only). A scenario runs in a workspace of its own ({@link #enterSandbox}). Nothing is lost on the way: a certificate ID whose credential cannot
 * be loaded at start (its .p12 password not remembered, the file moved) is listed here for the Console to show, and
 * its definition is written again at every save until the user loads it again or drops it. A workspace file that
 * does not read at all is set aside, not overwritten. Passwords come from the {@link SecretStore}, only if the user
 * ticked "Remember the password", else from the process environment.
 */
public final class WorkspaceStore {
    private final Path configDir;
    private final Map<String, String> env;
    private final SecretStore secrets;
    private final List<UnrestoredCertificate> unrestored = new ArrayList<>();
    private String problem = "";
    /** A scenario runs in a workspace of its own: the user's stays in {@link #file()}, untouched, until it closes. */
    private boolean sandboxed;

    public WorkspaceStore(Path configDir) {
        this(configDir, System.getenv());
    }

    /** @param env where a .p12 names its password variable (tests pass their own) */
    public WorkspaceStore(Path configDir, Map<String, String> env) {
        this.configDir = configDir;
        this.env = Map.copyOf(env);
        this.secrets = SecretStore.inFolder(configDir);
    }

    /** The workspace reopened at start and saved at exit. */
    public Path file() {
        return ConfigDir.workspace(configDir);
    }

    /** The only place a password is ever written, at the user's request. */
    public SecretStore secrets() {
        return secrets;
    }

    /**
     * Reopens the workspace saved at the last exit, keeping whatever loads; the default workspace on first launch,
     * or when the saved one does not read at all (then it is renamed, never overwritten, and {@link #problem()} says
     * so).
     */
    public void openOrDefault(PushFlowEngine engine) {
        Path file = file();
        if (Files.isRegularFile(file)) {
            try {
                restore(file, engine);
            } catch (ScenarioException e) {
                engine.clearWorld();
                engine.console().clear();
                setAside(file, e.getMessage());
            }
        }
        EngineFactory.ensureWorkspace(engine);
    }

    /**
     * Opens a workspace file (the Scenarios panel's Open): like the start, a certificate ID whose credential cannot be
     * loaded is left out and listed, the rest is opened. A file that does not read leaves the engine as it was.
     */
    public List<UnrestoredCertificate> open(Path file, PushFlowEngine engine) throws ScenarioException {
        return restore(file, engine);
    }

    private List<UnrestoredCertificate> restore(Path file, PushFlowEngine engine) throws ScenarioException {
        WorkspaceFile.Restored r;
        // Under the store's lock: the autosave never captures a world that is half replaced.
        synchronized (this) {
            r = WorkspaceFile.restore(file, engine, env::get, secrets);
            unrestored.clear();
            unrestored.addAll(r.unrestored());
            problem = "";
        }
        // The console was announced while the list was being replaced: announce it again for the Console's banner.
        engine.consoleChanged();
        return r.unrestored();
    }

    /**
     * Saves the workspace where it is reopened from, with the definitions of the certificate IDs not restored. While a
     * scenario runs in its own workspace this writes nothing: the file holds the user's workspace, set aside when the
     * scenario started.
     */
    public synchronized void save(PushFlowEngine engine) throws IOException {
        if (sandboxed) {
            return;
        }
        saveAs(engine, file());
    }

    /**
     * A scenario is about to replace the engine's world: saves the user's workspace first (so it is back when the
     * scenario closes, and still there if PushFlow is killed meanwhile), then stops saving until {@link
     * #leaveSandbox}. Does nothing when already in a scenario's workspace.
     *
     * @throws IOException when the user's workspace cannot be saved: then the scenario must not start
     */
    public synchronized void enterSandbox(PushFlowEngine engine) throws IOException {
        if (sandboxed) {
            return;
        }
        saveAs(engine, file());
        sandboxed = true;
    }

    /** The scenario closes: the user's workspace, as it was when the scenario started, is the engine's again. */
    public synchronized List<UnrestoredCertificate> leaveSandbox(PushFlowEngine engine) throws ScenarioException {
        if (!sandboxed) {
            return List.of();
        }
        sandboxed = false;
        if (Files.isRegularFile(file())) {
            return restore(file(), engine);
        }
        engine.clearWorld();
        EngineFactory.ensureWorkspace(engine);
        return List.of();
    }

    /** True while a scenario runs in its own workspace. */
    public synchronized boolean sandboxed() {
        return sandboxed;
    }

    /** Saves the workspace to {@code file}: the engine's, plus the definitions of the certificate IDs not restored. */
    public synchronized void saveAs(PushFlowEngine engine, Path file) throws IOException {
        WorkspaceFile.save(engine, file, unrestored(engine).stream().map(UnrestoredCertificate::certificate).toList());
    }

    /**
     * The certificate IDs that could not be restored and that the console has not got again since: once the user
     * saves a certificate ID again, the old definition is forgotten for good.
     */
    public synchronized List<UnrestoredCertificate> unrestored(PushFlowEngine engine) {
        Set<Long> present = engine.console().all().stream().map(e -> e.certificateId()).collect(Collectors.toSet());
        unrestored.removeIf(u -> present.contains(u.id()));
        return List.copyOf(unrestored);
    }

    /** The definition kept for a certificate ID that could not be restored, if any. */
    public synchronized CertificateSpec kept(long certificateId) {
        return unrestored.stream().filter(u -> u.id() == certificateId).map(UnrestoredCertificate::certificate)
                .findFirst().orElse(null);
    }

    /** Drops the kept definition of a certificate ID that could not be restored: the next save leaves it out. */
    public synchronized boolean drop(long certificateId) {
        return unrestored.removeIf(u -> u.id() == certificateId);
    }

    /** What went wrong with the saved workspace as a whole at start ("" when nothing did). */
    public synchronized String problem() {
        return problem;
    }

    private void setAside(Path file, String why) {
        String name = "workspace.unreadable-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".json";
        String kept;
        try {
            Files.move(file, file.resolveSibling(name));
            kept = "it was kept as " + file.resolveSibling(name);
        } catch (IOException e) {
            kept = "it is left as it is and will be overwritten when PushFlow closes";
        }
        synchronized (this) {
            problem = "The saved workspace could not be opened (" + why + "); " + kept
                    + ". The default workspace is shown.";
        }
    }
}
