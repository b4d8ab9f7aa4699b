package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushflow.credentials.SecretStore;
import dev.pushflow.engine.PushFlowEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The GUI's save/open workspace: the workspace part of a scenario file (app, console, users, groups,
 * devices) on its own. A saved workspace can be pasted into a scenario file as it is. Passwords are
 * never written: a .p12 names the environment variable that holds its password (the window may also have
 * remembered it in the {@link SecretStore}, at the user's request, never here).
 */
public final class WorkspaceFile {
    private static final List<String> KEYS;

    static {
        List<String> keys = new ArrayList<>(List.of("$schema"));
        keys.addAll(WorkspaceSpec.KEYS);
        KEYS = List.copyOf(keys);
    }

    private WorkspaceFile() {
    }

    /** Writes the engine's workspace, every part filled in; credential paths relative to the file's folder. */
    public static void save(PushFlowEngine engine, Path file) throws IOException {
        save(engine, file, List.of());
    }

    /**
     * Writes the engine's workspace plus the certificate IDs of {@code kept} that the console does not have (their
     * credentials could not be loaded at start-up): saving never drops what the user defined.
     */
    public static void save(PushFlowEngine engine, Path file, List<WorkspaceSpec.CertificateSpec> kept)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        ObjectNode json = WorkspaceSpec.capture(engine).keeping(kept).toJson(dir);
        dev.pushflow.delivery.PrivateFiles.createFolder(dir); // 0700 when PushFlow creates it
        // Write next to the target and move (an owner-only temp file: 0600): a crash mid-write never leaves half a workspace.
        Path tmp = Files.createTempFile(dir, ".workspace", ".tmp");
        try {
            Files.writeString(tmp, ScenarioLoader.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a workspace file without applying it. */
    public static WorkspaceSpec read(Path file) throws ScenarioException {
        return read(file, true);
    }

    private static WorkspaceSpec read(Path file, boolean filesMustExist) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage(), e);
        }
        Fields root = Fields.root(ScenarioLoader.readTree(text, file.toString()), file.toString());
        root.allowOnly(KEYS);
        return WorkspaceSpec.read(root, file.toAbsolutePath().getParent(), filesMustExist);
    }

    /** Reads a workspace file and makes it the engine's world (passwords from the process environment). */
    public static WorkspaceSpec load(Path file, PushFlowEngine engine) throws ScenarioException {
        WorkspaceSpec spec = read(file);
        try {
            spec.apply(engine);
        } catch (ScenarioException e) {
            throw new ScenarioException(file + ": " + e.getMessage(), e);
        }
        return spec;
    }

    /**
     * Opens a workspace the way the window reopens its own: everything that loads is applied, and a certificate ID
     * whose credential cannot be loaded now (its .p12 password neither remembered in {@code stored} nor in its
     * variable, its file moved, a wrong password) is left out and listed, its definition kept for the next save.
     * A file that does not read at all is still an error, and leaves the engine as it was.
     */
    public static Restored restore(Path file, PushFlowEngine engine, UnaryOperator<String> env, SecretStore stored)
            throws ScenarioException {
        WorkspaceSpec spec = read(file, false);
        try {
            return new Restored(spec, spec.applyKeeping(engine, env, stored));
        } catch (ScenarioException e) {
            throw new ScenarioException(file + ": " + e.getMessage(), e);
        }
    }

    /** What {@link #restore} applied, and the certificate IDs it had to leave out. */
    public record Restored(WorkspaceSpec spec, List<WorkspaceSpec.UnrestoredCertificate> unrestored) {
        public Restored {
            unrestored = List.copyOf(unrestored);
        }
    }
}
