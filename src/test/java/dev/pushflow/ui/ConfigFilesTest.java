package dev.pushflow.ui;

import dev.pushflow.credentials.SecretStore;
import dev.pushflow.ui.shell.MainViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config folder's files: bad values reported and kept, no password written back, atomic owner-only writes. */
class ConfigFilesTest {

    @Test
    void aBadValueIsReportedAndTheFileKeptBeforeItIsReplaced(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("settings.properties"), "theme=purple\npanel=NOPE\n");
        String problem = ConfigDir.checkSettings(dir, java.util.List.of("CONSOLE", "DEVICES"));
        assertTrue(problem.contains("theme=purple (use light or dark)") && problem.contains("panel=NOPE"), problem);
        Path aside = ConfigDir.setAsideSettings(dir);
        assertEquals("theme=purple\npanel=NOPE\n", Files.readString(aside));
        Properties p = new Properties();
        p.setProperty("theme", "light");
        ConfigDir.saveSettings(dir, p);
        assertEquals("", ConfigDir.checkSettings(dir));
    }

    @Test
    void aProxyPasswordTypedIntoTheFileIsNeverWrittenBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("settings.properties"), "proxy=http\\://alice\\:s3cret@proxy.example\\:3128\n");
        Properties p = ConfigDir.loadSettings(dir);
        ConfigDir.saveSettings(dir, p);
        String saved = Files.readString(dir.resolve("settings.properties"));
        assertFalse(saved.contains("s3cret"), saved);
        assertTrue(ConfigDir.loadSettings(dir).getProperty("proxy").equals("http://alice@proxy.example:3128"), saved);
    }

    @Test
    void settingsAreWrittenOwnerOnlyInAnOwnerOnlyFolder(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("pushflow");
        ConfigDir.saveSettings(dir, new Properties());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("settings.properties"))));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left");
        }
    }

    @Test
    void aSettingsFolderOrAConfigFolderThatIsAFileIsNamed(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("settings.properties"));
        assertTrue(ConfigDir.checkSettings(dir).contains("is a folder"));
        Path file = Files.writeString(dir.resolve("cfg"), "x");
        assertTrue(ConfigDir.checkSettings(file).contains("is a file: move it away"));
    }

    @Test
    void aBrokenConfigFileIsNotBlamedOnTheGatewayPorts() {
        MainViewModel vm = new MainViewModel(new Properties());
        vm.engineFailed("the delivery log /x is a folder, not a file: move the folder away", true);
        assertFalse(vm.startupErrorProperty().get().contains("gateway ports"));
        assertTrue(vm.startupErrorProperty().get().contains("is a folder"));
        vm.engineFailed("bind failed", false);
        assertTrue(vm.startupErrorProperty().get().contains("gateway ports"));
    }

    @Test
    void aSecretsFileThatCannotBeReadSaysSoInsteadOfNotStored(@TempDir Path dir) throws Exception {
        SecretStore store = SecretStore.inFolder(dir);
        assertNull(store.readProblem(), "absent is not a problem");
        Files.createDirectory(dir.resolve(SecretStore.FILE_NAME));
        assertTrue(store.readProblem().contains("is a folder"), store.readProblem());
        Files.delete(dir.resolve(SecretStore.FILE_NAME));
        Files.writeString(dir.resolve(SecretStore.FILE_NAME), "p12-password\\:/x=\\uZZZZ\n");
        assertTrue(store.readProblem().contains("cannot be read"), store.readProblem());
    }
}
