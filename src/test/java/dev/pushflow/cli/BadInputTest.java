package dev.pushflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad input to every command, one or more of each kind: unbounded input, folders and devices given as files,
 * encodings, permissions, numbers out of range, bundle IDs. Each is exit 2 with the problem and the fix, never a
 * stack trace, never a hang.
 */
@Timeout(300)
class BadInputTest {
    private static final String TOKEN = "ab".repeat(32);

    private static void invalid(CliRun run, String... expected) {
        assertEquals(2, run.exitCode(), run::toString);
        assertFalse(run.err().contains("\tat ") || run.err().contains("internal error"), run::toString);
        for (String e : expected) {
            assertTrue(run.err().contains(e), () -> "expected '" + e + "' in\n" + run);
        }
    }

    @Test
    void parseOfDevZeroStopsAtTheLimit() {
        invalid(CliRun.of("parse", "/dev/zero"), "/dev/zero is larger than 1 MiB", "give a smaller file");
    }

    @Test
    void parseOfAFolderSaysItIsAFolder(@TempDir Path dir) {
        invalid(CliRun.of("parse", dir.toString()), "is a folder, not a file", "give the path of a file");
    }

    @Test
    void parseOfNonUtf8NamesTheByteAndWhere(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("latin1.json"), "{\"ext\":\n\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        invalid(CliRun.of("parse", f.toString()), "is not UTF-8 text: invalid byte 0xE9 at line 2, column 5",
                "save it as UTF-8");
    }

    @Test
    void aByteOrderMarkIsNotAnUnexpectedCharacter(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("bom.json"),
                "\uFEFF{\"ext\":\"{\\\"entity\\\":{\\\"action\\\":1,\\\"chatType\\\":1,\\\"sender\\\":\\\"bob\\\"}}\"}");
        CliRun run = CliRun.of("parse", f.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"userID\":\"bob\""), run::toString);
    }

    @Test
    void standardInputIsBoundedToo() {
        CliRun run = CliRun.withInput("x".repeat(1024 * 1024 + 1), "parse", "-");
        invalid(run, "standard input is larger than 1 MiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "3601"})
    void sendTimeoutOutOfRange(String seconds) {
        invalid(CliRun.of("send", "--sample", "--token", TOKEN, "--timeout", seconds),
                "--timeout must be 1 to 3600 seconds, not " + seconds);
    }

    @Test
    void scenarioSendTimeoutOutOfRange() {
        CliRun run = CliRun.of("scenario", "run", "--send-timeout", "0", "scenarios");
        invalid(run, "--send-timeout must be 1 to 3600 seconds");
    }

    @Test
    void aPortWithTheEmbeddedGatewayIsRefused() {
        invalid(CliRun.of("send", "--sample", "--token", TOKEN, "--port", "80"),
                "--port is the port of Apple's hosts", "drop --port");
        invalid(CliRun.of("doctor", "--certificate-id", "31287", "--issue-token", "sandbox", "--port", "80"),
                "--port is the port of Apple's hosts");
    }

    @Test
    void applesPortsOnly() {
        invalid(CliRun.of("send", "--sample", "--gateway", "apple", "--token", TOKEN, "--port", "80"),
                "443 or 2197, not 80");
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example chat", "com..example", ".com.example", "com.example.", "com_example", ""})
    void bundleIdSyntax(String bundle) {
        invalid(CliRun.of("send", "--sample", "--token", TOKEN, "--bundle", bundle), "--bundle: ");
    }

    @Test
    void aControlCharacterInATokenIsNamed() {
        invalid(CliRun.of("doctor", "--certificate-id", "31287", "--token", "\u0000"),
                "a control character (\\u0000) at position 1");
    }

    @Test
    void gatewayPortAndExitAfterRanges() {
        invalid(CliRun.of("gateway", "--http-port", "70000", "--exit-after", "1"),
                "--http-port must be 0 (any free port) or 1024-65535");
        invalid(CliRun.of("gateway", "--exit-after", "0"), "--exit-after must be 1 to 604800 seconds");
    }

    @Test
    void anAcceptedLogThatCannotBeWrittenIsNamed(@TempDir Path dir) {
        invalid(CliRun.of("gateway", "--accepted-log", dir.resolve("no-such-folder/accepted.jsonl").toString(),
                "--exit-after", "1"), "--accepted-log: the accepted log", "its folder does not exist");
        invalid(CliRun.of("gateway", "--accepted-log", dir.toString(), "--exit-after", "1"),
                "--accepted-log: the accepted log", "is a folder, not a file");
    }

    @Test
    void payloadAndCredentialFilesAreBoundedAndNamed(@TempDir Path dir) {
        invalid(CliRun.of("send", "--sample", "--token", TOKEN, "--payload", "/dev/zero"),
                "--payload: the payload file /dev/zero is larger than 1 MiB");
        invalid(CliRun.of("send", "--p8", dir.toString(), "--key-id", "ABCDEFGHIJ", "--team-id", "ABCDEFGHIJ",
                "--token", TOKEN), "is a folder, not a file");
        invalid(CliRun.of("send", "--p8", "/dev/zero", "--key-id", "ABCDEFGHIJ", "--team-id", "ABCDEFGHIJ",
                "--token", TOKEN), "/dev/zero is larger than 1 MiB");
    }

    @Test
    void scenarioFilesAreBoundedAndStrictUtf8(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("s.json"), new byte[] {'{', (byte) 0xFF, '}'});
        CliRun run = CliRun.of("scenario", "validate", f.toString(), "/dev/zero");
        invalid(run);
        assertTrue(run.err().contains("is not UTF-8 text: invalid byte 0xFF") && run.err().contains("larger than 16 MiB"),
                run::toString);
    }

    /** Real processes: what a user sees, exit code included. Root reads any file, so it drops to nobody for this. */
    @Test
    void anUnreadableFileSaysPermissionDeniedInARealProcess(@TempDir Path dir) throws Exception {
        List<String> asUser = ChildJvm.asNobodyIfRoot();
        assumeTrue(asUser != null, "running as root without setpriv: cannot drop privileges");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path f = Files.writeString(dir.resolve("userInfo.json"), "{}");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        ChildJvm run = ChildJvm.run(asUser, ChildJvm.readableClasspath(dir.resolve("cp")), null, "parse", f.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("permission denied") && run.err().contains("chmod u+r"), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    @Test
    void devZeroInARealProcessIsExitTwoWithoutAStackTrace() throws Exception {
        ChildJvm run = ChildJvm.run(List.of(), Path.of("/dev/zero"), "parse", "-");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("standard input is larger than 1 MiB"), run::toString);
        assertFalse(run.err().contains("\tat ") || run.err().contains("OutOfMemoryError"), run::toString);
    }
}
