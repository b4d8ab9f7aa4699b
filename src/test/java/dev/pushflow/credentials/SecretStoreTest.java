package dev.pushflow.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The opt-in store of .p12 passwords: one plainly named, owner-only file that forgetting deletes. */
class SecretStoreTest {
    @TempDir
    Path dir;

    private static final char[] PASSWORD = "my-export-pass".toCharArray();

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void a_remembered_password_is_found_again_by_the_files_absolute_path() throws Exception {
        SecretStore store = SecretStore.inFolder(dir);
        Path p12 = dir.resolve("certs/../certs/push.p12");
        store.rememberP12Password(p12, PASSWORD);

        SecretStore reopened = SecretStore.inFolder(dir);
        assertArrayEquals(PASSWORD, reopened.p12Password(dir.resolve("certs/push.p12")).orElseThrow());
        assertTrue(reopened.p12Password(dir.resolve("other.p12")).isEmpty());
        assertEquals(dir.resolve("secrets.UNENCRYPTED.properties").toAbsolutePath(), store.file());
        assertEquals(1, reopened.size());
    }

    @Test
    void the_file_says_what_it_is_and_how_to_forget() throws Exception {
        SecretStore store = SecretStore.inFolder(dir);
        store.rememberP12Password(dir.resolve("push.p12"), PASSWORD);
        String text = Files.readString(store.file());
        assertTrue(text.contains("STORED UNENCRYPTED"), text);
        assertTrue(text.contains("Delete this file"), text);
        assertTrue(text.contains("my-export-pass"), "it is plain text, as its name says");
        assertFalse(store.toString().contains("my-export-pass"), store.toString());
    }

    @Test
    void only_the_owner_may_read_or_write_it() throws Exception {
        assumeTrue(posix(), "POSIX permissions");
        SecretStore store = SecretStore.inFolder(dir);
        store.rememberP12Password(dir.resolve("push.p12"), PASSWORD);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void a_file_left_readable_by_others_is_made_owner_only_when_written() throws Exception {
        assumeTrue(posix(), "POSIX permissions");
        SecretStore store = SecretStore.inFolder(dir);
        Files.writeString(store.file(), "");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        store.rememberP12Password(dir.resolve("push.p12"), PASSWORD);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void forgetting_everything_deletes_the_file() throws Exception {
        SecretStore store = SecretStore.inFolder(dir);
        store.rememberP12Password(dir.resolve("a.p12"), PASSWORD);
        store.rememberP12Password(dir.resolve("b.p12"), "other".toCharArray());
        store.forgetAll();
        assertFalse(Files.exists(store.file()));
        assertTrue(store.p12Password(dir.resolve("a.p12")).isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void forgetting_one_keeps_the_others_and_the_last_one_takes_the_file() throws Exception {
        SecretStore store = SecretStore.inFolder(dir);
        store.rememberP12Password(dir.resolve("a.p12"), PASSWORD);
        store.rememberP12Password(dir.resolve("b.p12"), "other-pass".toCharArray());
        assertTrue(store.forgetP12Password(dir.resolve("a.p12")));
        assertFalse(Files.readString(store.file()).contains("my-export-pass"));
        assertTrue(store.hasP12Password(dir.resolve("b.p12")));
        assertFalse(store.forgetP12Password(dir.resolve("a.p12")), "nothing left to forget");
        assertTrue(store.forgetP12Password(dir.resolve("b.p12")));
        assertFalse(Files.exists(store.file()));
    }

    @Test
    void a_damaged_file_reads_as_empty_and_is_replaced_when_written() throws Exception {
        SecretStore store = SecretStore.inFolder(dir);
        Files.writeString(store.file(), "p12-password\\:x=\\u12");
        assertEquals(0, store.size());
        store.rememberP12Password(dir.resolve("a.p12"), PASSWORD);
        assertArrayEquals(PASSWORD, store.p12Password(dir.resolve("a.p12")).orElseThrow());
    }
}
