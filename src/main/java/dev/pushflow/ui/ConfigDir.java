package dev.pushflow.ui;

import dev.pushflow.delivery.PrivateFiles;
import dev.pushflow.delivery.ProxySettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The user's config folder ($XDG_CONFIG_HOME/pushflow, else ~/.config/pushflow; -Dpushflow.config.dir wins)
 * and the small settings file in it. The delivery log and the workspace live there too. Files are written
 * atomically and owner-only (0600, the folder 0700); a settings file with a bad value is reported at start and,
 * before it is replaced, kept as {@code settings.unreadable-<time>.properties}.
 */
public final class ConfigDir {
    public static final String SETTINGS = "settings.properties";
    /** {@code scheme://user:password@}: the password part is never written back. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^/@:\\s]*):[^@\\s]*@");

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
        Path f = dir.resolve(SETTINGS);
        if (Files.isRegularFile(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // reported by checkSettings at start; the defaults apply
            }
        }
        return p;
    }

    /**
     * What is wrong with settings.properties, one sentence per problem with the fix ("" when nothing): a file that
     * cannot be read (permission, a folder), a malformed escape, a value that is not one of those allowed.
     */
    public static String checkSettings(Path dir) {
        return checkSettings(dir, java.util.List.of());
    }

    /** As {@link #checkSettings(Path)}, knowing the window's panel names ({@code panel=}); empty: any name. */
    public static String checkSettings(Path dir, java.util.Collection<String> panelNames) {
        Path f = dir.resolve(SETTINGS);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return "The config folder " + dir.toAbsolutePath() + " is a file: move it away so PushFlow can create "
                    + "the folder; settings are not saved until then.";
        }
        if (!Files.exists(f)) {
            return "";
        }
        if (Files.isDirectory(f)) {
            return "The settings file " + f.toAbsolutePath() + " is a folder: move it away or delete it; settings are "
                    + "not saved until then.";
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        } catch (IOException e) {
            return PrivateFiles.describe("The settings file", f, e) + "; the defaults are used.";
        } catch (IllegalArgumentException e) {
            return "The settings file " + f.toAbsolutePath() + " does not read (" + e.getMessage()
                    + "); the defaults are used, and the file is kept as settings.unreadable-<time>.properties when "
                    + "PushFlow closes.";
        }
        List<String> bad = new ArrayList<>();
        String theme = p.getProperty("theme");
        if (theme != null && !theme.equals("light") && !theme.equals("dark")) {
            bad.add("theme=" + theme + " (use light or dark)");
        }
        String panel = p.getProperty("panel");
        if (panel != null) {
            if (!panelNames.isEmpty() && !panelNames.contains(panel)) {
                bad.add("panel=" + panel + " (use one of " + panelNames + ")");
            }
        }
        String proxy = p.getProperty(ProxyPreference.KEY);
        if (proxy != null && !proxy.isBlank()) {
            try {
                ProxySettings.parse(proxy.strip(), Map.of());
            } catch (IllegalArgumentException e) {
                bad.add("proxy=" + stripPasswords(proxy) + " (" + e.getMessage() + ")");
            }
        }
        if (bad.isEmpty()) {
            return "";
        }
        return "The settings file " + f.toAbsolutePath() + " has bad values: " + String.join("; ", bad)
                + ". The defaults are used; the file is kept as settings.unreadable-<time>.properties when PushFlow "
                + "closes.";
    }

    /** Keeps the current settings file under another name before it is replaced (a bad value was reported). */
    public static Path setAsideSettings(Path dir) {
        Path f = dir.resolve(SETTINGS);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Path aside = dir.resolve("settings.unreadable-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".properties");
        try {
            Files.move(f, aside);
            PrivateFiles.restrict(aside);
            return aside;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Writes the settings atomically, owner-only. A password found in a value ({@code http://user:pw@host:port},
     * typed into the file by hand) is never written back.
     */
    public static void saveSettings(Path dir, Properties p) {
        try {
            Properties clean = new Properties();
            for (String key : p.stringPropertyNames()) {
                clean.setProperty(key, stripPasswords(p.getProperty(key)));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            clean.store(out, "PushFlow settings (no password is ever written here)");
            PrivateFiles.write(dir.resolve(SETTINGS), out.toByteArray());
        } catch (IOException e) {
            // settings are a convenience: failing to save them must not break closing the window (reported at start)
        }
    }

    static String stripPasswords(String value) {
        return value == null ? null : USERINFO_PASSWORD.matcher(value).replaceAll("$1@");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
