package dev.pushflow.setup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/lib/find-jdk.sh, which every script sources: which JDK and which Maven a machine gets. Runs the real
 * script in bash with fake JDKs and fake Maven commands in a temporary folder (nothing is downloaded).
 */
@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class SetupScriptsTest {
    private static final Path LIB = Path.of("scripts/lib/find-jdk.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void aJdksVersionIsReadFromItsReleaseFileWithoutStartingIt() throws Exception {
        Path jdk21 = fakeJdk("jdk21", "21.0.2");
        Path jdk8 = fakeJdk("jdk8", "1.8.0_392");

        assertThat(run("pushflow_java_major " + jdk21.resolve("bin/java")).out()).isEqualTo("21");
        assertThat(run("pushflow_java_major " + jdk8.resolve("bin/java")).out()).isEqualTo("8");
    }

    @Test
    void aJavaHomeOlderThan21IsPassedOverForANewerJdk() throws Exception {
        Path old = fakeJdk("jdk17", "17.0.15");
        Path running = Path.of(System.getProperty("java.home"), "bin");
        Result r = run("JAVA_HOME=" + old + " PATH=" + running + ":$PATH pushflow_find_jdk"
                + " && pushflow_java_major \"$JAVA_HOME/bin/java\"");

        assertThat(r.code()).isZero();
        assertThat(Integer.parseInt(r.out())).isGreaterThanOrEqualTo(21);
    }

    @Test
    void noMavenOnPathMeansTheWrapper() throws Exception {
        Result r = run(mavenHome() + " PATH=" + bin(null) + " pushflow_require_maven && echo \"$PUSHFLOW_MVN_LABEL\"");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Maven 3.9").endsWith("(Maven Wrapper)");
    }

    @Test
    void anInstalledMavenOlderThan38MeansTheWrapper() throws Exception {
        Result r = run(mavenHome() + " PATH=" + bin("3.6.3") + " pushflow_require_maven && echo \"$PUSHFLOW_MVN_LABEL\"");

        assertThat(r.out()).endsWith("(Maven Wrapper)");
    }

    @Test
    void anInstalledMaven38OrNewerIsUsed() throws Exception {
        Result r = run(mavenHome() + " PATH=" + bin("3.9.6") + " pushflow_require_maven && echo \"$PUSHFLOW_MVN_LABEL\"");

        assertThat(r.out()).startsWith("Maven 3.9.6 (").endsWith("/mvn)");
    }

    /** A JDK folder whose java fails when run: only its release file can tell the version. */
    private Path fakeJdk(String name, String version) throws IOException {
        Path home = tmp.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        for (String tool : new String[] {"java", "javac"}) {
            executable(home.resolve("bin/" + tool), "#!/bin/sh\necho started >&2\nexit 99\n");
        }
        return home;
    }

    /** A PATH folder with the basic tools and, when {@code mavenVersion} is given, a fake mvn of that version. */
    private Path bin(String mavenVersion) throws IOException {
        Path bin = tmp.resolve("bin-" + mavenVersion);
        Files.createDirectories(bin);
        for (String tool : new String[] {"sed", "head", "grep", "dirname", "basename", "ls", "tr", "readlink", "cat"}) {
            for (String dir : new String[] {"/usr/bin", "/bin"}) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p) && !Files.exists(bin.resolve(tool))) {
                    executable(bin.resolve(tool), "#!/bin/sh\nexec " + p + " \"$@\"\n");
                }
            }
        }
        if (mavenVersion != null) {
            executable(bin.resolve("mvn"), "#!/bin/sh\necho 'Apache Maven " + mavenVersion + " (abc)'\n");
        }
        return bin;
    }

    /** A Maven user home where the wrapper's Maven is already unpacked, so that nothing is fetched. */
    private String mavenHome() throws IOException {
        Path home = tmp.resolve("m2");
        String props = Files.readString(Path.of(".mvn/wrapper/maven-wrapper.properties"));
        String version = props.replaceAll("(?s).*apache-maven-([0-9.]+)-bin\\.zip.*", "$1");
        executable(home.resolve("wrapper/dists/apache-maven-" + version + "/abc/bin/mvn"), "#!/bin/sh\n");
        return "MAVEN_USER_HOME=" + home;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", ". '" + LIB + "'; " + script)
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the script did not finish within 30 s: " + script);
        }
        return new Result(p.exitValue(), out, Files.readString(tmp.resolve("err.txt")));
    }
}
