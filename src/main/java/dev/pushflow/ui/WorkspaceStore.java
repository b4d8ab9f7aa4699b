package dev.pushflow.ui;

import dev.pushflow.engine.PushFlowEngine;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves and reopens the workspace (console, app settings, devices, users, groups) through the CLI's
 * {@code dev.pushflow.scenario.WorkspaceFile}, looked up by name until that package is on main.
 */
public final class WorkspaceStore {
    private WorkspaceStore() {
    }

    public static boolean available() {
        try {
            Class.forName("dev.pushflow.scenario.WorkspaceFile");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public static void save(PushFlowEngine engine, Path file) throws Exception {
        invoke("save", new Class<?>[]{PushFlowEngine.class, Path.class}, engine, file);
    }

    public static void load(Path file, PushFlowEngine engine) throws Exception {
        invoke("load", new Class<?>[]{Path.class, PushFlowEngine.class}, file, engine);
    }

    /** The saved workspace of the last run if there is one and it reads, else the default workspace. */
    static void openOrDefault(PushFlowEngine engine, Path configDir) {
        Path file = ConfigDir.workspace(configDir);
        if (available() && Files.isRegularFile(file)) {
            try {
                load(file, engine);
            } catch (Exception e) {
                engine.clearWorld();
            }
        }
        EngineFactory.ensureWorkspace(engine);
    }

    private static void invoke(String method, Class<?>[] types, Object... args) throws Exception {
        Class<?> c;
        try {
            c = Class.forName("dev.pushflow.scenario.WorkspaceFile");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("saving workspaces needs the scenario package (not in this build yet)");
        }
        try {
            c.getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
