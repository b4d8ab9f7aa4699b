package dev.pushflow.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The user's config folder ($XDG_CONFIG_HOME/pushflow, else ~/.config/pushflow; -Dpushflow.config.dir wins)
 * and the small settings file in it. The delivery log and the workspace live there too.
 */
public final class ConfigDir {
    private ConfigDir() {
    }

    public static Path resolve() {
        String override = System.getProperty("pushflow.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * $XDG_CONFIG_HOME/pushflow, else $HOME/.config/pushflow; the JVM's user.home only when HOME is not set (it may
     * differ from $HOME, e.g. under sudo or in a container).
     */
    static Path fromEnvironment(java.util.Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "pushflow");
        }
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : userHome, ".config", "pushflow");
    }

    public static Path deliveryLog(Path dir) {
        return dir.resolve("delivery-log.jsonl");
    }

    public static Path workspace(Path dir) {
        return dir.resolve("workspace.json");
    }

    public static Properties loadSettings(Path dir) {
        Properties p = new Properties();
        Path f = dir.resolve("settings.properties");
        if (Files.isRegularFile(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable settings file falls back to defaults; it is rewritten on exit
            }
        }
        return p;
    }

    public static void saveSettings(Path dir, Properties p) {
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve("settings.properties"))) {
                p.store(out, "PushFlow settings");
            }
        } catch (IOException e) {
            // settings are a convenience: failing to save them must not break closing the window
        }
    }
}
