package dev.pushflow.ui;

import dev.pushflow.scenario.WorkspaceFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workspace survives a real process that is killed: with kill -9 the change saved a moment after it was made is
 * there; with SIGTERM (Ctrl+C is SIGINT, handled the same way) the shutdown hook saves what the timer had not yet.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@DisabledOnOs(OS.WINDOWS) // SIGKILL/SIGTERM and 0600 are POSIX
class AutosaveProcessTest {
    private Process child;

    @AfterEach
    void kill() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_change_is_on_disk_a_moment_later_and_survives_kill_9(@TempDir Path config) throws Exception {
        BufferedReader out = start(config, Autosave.DEFAULT_DELAY);
        send("add qa-phone");
        assertEquals("added qa-phone", line(out));
        Path file = ConfigDir.workspace(config);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(file)
                && Files.readString(file).contains("\"qa-phone\""));

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        assertTrue(WorkspaceFile.read(file).devices().stream().anyMatch(d -> d.id().equals("qa-phone")),
                "the saved workspace reads back with the new device");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(config)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void sigterm_saves_the_change_the_timer_had_not_saved_yet(@TempDir Path config) throws Exception {
        // A timer far in the future: only the shutdown hook can have saved the change.
        BufferedReader out = start(config, Duration.ofMinutes(10));
        Path file = ConfigDir.workspace(config);
        send("add demo-phone");
        assertEquals("added demo-phone", line(out));

        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.readString(file).contains("\"demo-phone\""), Files.readString(file));
    }

    private BufferedReader start(Path config, Duration delay) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                AutosaveChild.class.getName(), config.toString(), String.valueOf(delay.toMillis())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        child = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", line(out));
        return out;
    }

    /** The child's next line, waited for with a timeout (a read on a pipe does not answer interrupts). */
    private static String line(BufferedReader out) throws Exception {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }

    private void send(String line) {
        PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        in.println(line);
    }
}
