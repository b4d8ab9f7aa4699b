package dev.pushflow.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code pushflow} process (a child JVM on the test classpath), for exit codes and what a user sees. */
record ChildJvm(int exitCode, String out, String err) {

    static String java() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The test run's class path, its entries one by one (Surefire may hand a manifest-only jar). */
    static List<Path> classpathEntries() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            out.add(p);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                try (var jar = new java.util.jar.JarFile(p.toFile())) {
                    var mf = jar.getManifest();
                    String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            out.add(Path.of(java.net.URI.create(u.startsWith("file:") ? u : p.getParent().toUri().resolve(u).toString())));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * A copy of the class path that any user can read (the local Maven repository under /root is not): for a child
     * that runs as another user.
     */
    static String readableClasspath(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> out = new ArrayList<>();
        int i = 0;
        for (Path p : classpathEntries()) {
            if (!Files.exists(p)) {
                continue;
            }
            Path target = dir.resolve(i++ + "-" + p.getFileName());
            if (Files.isDirectory(p)) {
                try (var walk = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) walk::iterator) {
                        Path t = target.resolve(p.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(f, t);
                        }
                    }
                }
            } else {
                Files.copy(p, target);
            }
            out.add(target.toString());
        }
        try (var walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                f.toFile().setReadable(true, false);
                if (Files.isDirectory(f)) {
                    f.toFile().setExecutable(true, false);
                }
            }
        }
        for (Path up = dir; up != null; up = up.getParent()) {
            up.toFile().setExecutable(true, false); // the folders on the way must be passable
            if (up.toString().equals(System.getProperty("java.io.tmpdir"))) {
                break;
            }
        }
        return String.join(File.pathSeparator, out);
    }

    static List<String> command(String mainClass, String... args) {
        return commandOn(System.getProperty("java.class.path"), mainClass, args);
    }

    static List<String> commandOn(String classpath, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath, mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code pushflow ARGS}, optionally as another user (a prefix such as setpriv), with a bound on time. */
    static ChildJvm run(List<String> prefix, Path stdin, String... args) throws IOException, InterruptedException {
        return run(prefix, System.getProperty("java.class.path"), stdin, args);
    }

    static ChildJvm run(List<String> prefix, String classpath, Path stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(commandOn(classpath, "dev.pushflow.Main", args));
        Path out = Files.createTempFile("pushflow-child", ".out");
        Path err = Files.createTempFile("pushflow-child", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                    : ProcessBuilder.Redirect.from(stdin.toFile()));
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("pushflow " + String.join(" ", args) + " did not end within 120 s");
            }
            return new ChildJvm(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            out.toFile().setWritable(true);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static ChildJvm run(String... args) throws IOException, InterruptedException {
        return run(List.of(), null, args);
    }

    /** Drops root for the child where the test runs as root: permission checks do not apply to root. */
    static List<String> asNobodyIfRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        for (String setpriv : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(setpriv))) {
                return List.of(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups");
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
