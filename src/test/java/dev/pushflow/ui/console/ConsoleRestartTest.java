package dev.pushflow.ui.console;

import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.OwnCertificates;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.SecretStore;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImUser;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.ConfigDir;
import dev.pushflow.ui.ProxyPreference;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Closing and starting PushFlow again with a .p12 the user loaded in the Console: nothing else is lost, the
 * certificate ID that cannot be restored is named with the fix, and its password is written to disk only when the
 * user ticks "Remember the password" (to secrets.UNENCRYPTED.properties, nowhere else). Real files in a temp folder.
 */
class ConsoleRestartTest {
    private static final String PASSWORD = "own-secret-7f3";
    private static final long OWN_ID = 41234;

    @TempDir
    Path dir;
    private Path config;
    private Path p12;

    @BeforeEach
    void files() throws Exception {
        config = dir.resolve("config");
        p12 = OwnCertificates.p12(dir.resolve("certs/push.p12"), PASSWORD);
    }

    /** The window starting on the config folder, with no PUSHFLOW_P12_PASSWORD in its environment. */
    private AppContext start() {
        return Contexts.restarted(config, Map.of());
    }

    private static void close(AppContext ctx) throws IOException {
        ctx.workspace().save(ctx.engine());
    }

    /** Loads the user's .p12 as certificate ID 41234 in the Console, typing its password. */
    private static ConsoleViewModel loadOwnP12(AppContext ctx, Path p12, boolean remember) {
        ConsoleViewModel vm = new ConsoleViewModel(ctx, Map.of());
        vm.formIdProperty().set(String.valueOf(OWN_ID));
        vm.formKindProperty().set(ConsoleViewModel.CredentialKind.P12);
        vm.formFileProperty().set(p12.toString());
        vm.rememberPasswordProperty().set(remember);
        vm.saveEntry(PASSWORD.toCharArray());
        assertFalse(vm.errorProperty().get(), vm.messageProperty().get());
        return vm;
    }

    /** A first session: the user's own users, group, phone, app settings and .p12 certificate ID. */
    private void firstSession(boolean remember) throws IOException {
        AppContext ctx = start();
        PushFlowEngine e = ctx.engine();
        e.putUser(new ImUser("dave", "Dave", ""));
        e.putGroup(new ImGroup("@TGS#team", "Team", List.of("alice", "dave"), Map.of()));
        e.addDevice("dave-phone", "Dave's iPhone", BuildConfiguration.RELEASE);
        e.setAppSettings(e.appSettings().withCertificateId(BuildConfiguration.DEBUG, OWN_ID));
        loadOwnP12(ctx, p12, remember);
        close(ctx);
    }

    private List<Path> configFiles() throws IOException {
        try (Stream<Path> s = Files.walk(config)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private List<String> filesHolding(String secret) throws IOException {
        return configFiles().stream().filter(f -> {
            try {
                return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }).map(f -> f.getFileName().toString()).toList();
    }

    @Test
    void the_certificate_ID_carries_where_its_p12_comes_from_and_saving_names_that_file() throws Exception {
        AppContext ctx = start();
        loadOwnP12(ctx, p12, false);
        CredentialSource source = ctx.engine().console().find(OWN_ID).orElseThrow().source();
        assertEquals(CredentialSource.p12(p12.toAbsolutePath().normalize(), CredentialSource.DEFAULT_PASSWORD_ENV),
                source.withLabel(null));
        assertFalse(source.toString().contains(PASSWORD), source.toString());
        // moving the entry to another gateway keeps its source: nothing is looked up again
        assertEquals(source, ctx.engine().console().find(OWN_ID).orElseThrow()
                .withGateway(dev.pushflow.console.GatewayTarget.APPLE).source());
        close(ctx);
        String saved = Files.readString(ConfigDir.workspace(config));
        assertTrue(saved.contains(p12.toAbsolutePath().normalize().toString()), saved);
        assertFalse(saved.contains(PASSWORD), saved);
    }

    @Test
    void a_p12_whose_password_is_not_stored_is_named_at_restart_and_nothing_else_is_lost() throws Exception {
        firstSession(false);

        AppContext ctx = start();
        PushFlowEngine e = ctx.engine();
        assertNotNull(e.device("dave-phone"), "devices are kept");
        assertTrue(e.users().stream().anyMatch(u -> u.userID().equals("dave")), "users are kept");
        assertTrue(e.groups().stream().anyMatch(g -> g.groupID().equals("@TGS#team")), "groups are kept");
        assertEquals(OWN_ID, e.appSettings().certificateIdFor(BuildConfiguration.DEBUG), "app settings are kept");
        assertTrue(e.console().find(DefaultWorkspace.DEVELOPMENT_ID).isPresent(), "the other certificate IDs are kept");
        assertTrue(e.console().find(OWN_ID).isEmpty());

        ConsoleViewModel vm = new ConsoleViewModel(ctx, Map.of());
        assertEquals(1, vm.restoreNotes().size());
        ConsoleViewModel.RestoreNote note = vm.restoreNotes().getFirst();
        assertEquals(OWN_ID, note.certificateId());
        assertEquals("Certificate ID 41234 was not restored: the password of push.p12 is not stored. Click Load again"
                + " and type it (tick “Remember the password” to keep it), or start PushFlow with PUSHFLOW_P12_PASSWORD"
                + " set.", note.text());
        assertTrue(vm.debugWarningProperty().get().contains("not in the console"), vm.debugWarningProperty().get());
    }

    @Test
    void the_certificate_ID_that_was_not_restored_stays_in_the_saved_workspace_until_dropped() throws Exception {
        firstSession(false);
        AppContext second = start();
        close(second);
        String saved = Files.readString(ConfigDir.workspace(config));
        assertTrue(saved.contains("\"id\" : 41234"), saved);
        assertTrue(saved.contains(p12.toAbsolutePath().toString()), "named by its absolute path: " + saved);

        AppContext third = start();
        ConsoleViewModel vm = new ConsoleViewModel(third, Map.of());
        vm.dropUnrestored(OWN_ID);
        assertTrue(vm.restoreNotes().isEmpty());
        close(third);
        assertFalse(Files.readString(ConfigDir.workspace(config)).contains("\"id\" : 41234"));
        assertNotNull(start().engine().device("dave-phone"));
    }

    @Test
    void with_remember_ticked_the_certificate_ID_is_restored_at_the_next_start() throws Exception {
        firstSession(true);
        AppContext ctx = start();
        assertTrue(ctx.engine().console().find(OWN_ID).orElseThrow().credential() instanceof P12Credential);
        ConsoleViewModel vm = new ConsoleViewModel(ctx, Map.of());
        assertTrue(vm.restoreNotes().isEmpty());
        assertEquals(1, vm.storedPasswordsProperty().get());
        vm.selectedProperty().set(ctx.engine().console().find(OWN_ID).orElseThrow());
        assertTrue(vm.detailsProperty().get().contains("password remembered on this computer"), vm.detailsProperty().get());
    }

    @Test
    void load_again_fills_the_form_and_saving_with_remember_restores_it_for_good() throws Exception {
        firstSession(false);
        AppContext ctx = start();
        ConsoleViewModel vm = new ConsoleViewModel(ctx, Map.of());
        vm.loadAgain(OWN_ID);
        assertEquals("41234", vm.formIdProperty().get());
        assertEquals(ConsoleViewModel.CredentialKind.P12, vm.formKindProperty().get());
        assertEquals(p12.toAbsolutePath().toString(), vm.formFileProperty().get());
        assertFalse(vm.rememberPasswordProperty().get(), "remembering is off until the user ticks it");
        assertTrue(vm.messageProperty().get().startsWith("Type the password of push.p12"), vm.messageProperty().get());

        vm.rememberPasswordProperty().set(true);
        vm.saveEntry(PASSWORD.toCharArray());
        assertFalse(vm.errorProperty().get(), vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().contains("its password is remembered in"), vm.messageProperty().get());
        assertTrue(vm.restoreNotes().isEmpty(), "the banner goes once the certificate ID is back");
        assertFalse(vm.rememberPasswordProperty().get(), "off again for the next file");
        close(ctx);

        assertTrue(start().engine().console().find(OWN_ID).isPresent());
    }

    @Test
    void without_remember_no_file_in_the_config_folder_holds_a_password() throws Exception {
        AppContext ctx = start();
        ConsoleViewModel vm = loadOwnP12(ctx, p12, false);
        assertTrue(vm.messageProperty().get().contains("kept for this session only"), vm.messageProperty().get());
        // the proxy password typed in the Network card is not saved either
        vm.proxyTextProperty().set("http://bob:proxy-pass-91@proxy.example.com:3128");
        vm.applyProxy();
        close(ctx);
        Properties settings = ConfigDir.loadSettings(config);
        ConfigDir.saveSettings(config, settings);

        assertFalse(configFiles().isEmpty());
        assertEquals(List.of(), filesHolding(PASSWORD));
        assertEquals(List.of(), filesHolding("proxy-pass-91"));
        assertFalse(Files.exists(SecretStore.inFolder(config).file()));
        assertEquals("http://bob@proxy.example.com:3128", ProxyPreference.load(config));
    }

    @Test
    void with_remember_the_password_is_only_in_the_owner_only_secrets_file() throws Exception {
        AppContext ctx = start();
        loadOwnP12(ctx, p12, true);
        close(ctx);
        assertEquals(List.of(SecretStore.FILE_NAME), filesHolding(PASSWORD));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(config.resolve(SecretStore.FILE_NAME))));
        }
    }

    @Test
    void forgetting_stored_passwords_deletes_the_file_and_the_next_start_asks_again() throws Exception {
        firstSession(true);
        AppContext ctx = start();
        ConsoleViewModel vm = new ConsoleViewModel(ctx, Map.of());
        vm.forgetStoredPasswords();
        assertFalse(vm.errorProperty().get(), vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Forgot 1 stored password"), vm.messageProperty().get());
        assertEquals(0, vm.storedPasswordsProperty().get());
        assertFalse(Files.exists(config.resolve(SecretStore.FILE_NAME)));
        assertTrue(ctx.engine().console().find(OWN_ID).isPresent(), "works until PushFlow closes");
        close(ctx);
        assertEquals(List.of(), filesHolding(PASSWORD));

        AppContext next = start();
        assertTrue(next.engine().console().find(OWN_ID).isEmpty());
        assertEquals(OWN_ID, new ConsoleViewModel(next, Map.of()).restoreNotes().getFirst().certificateId());
    }

    @Test
    void choosing_a_file_whose_password_is_remembered_ticks_the_box_and_unticking_forgets_it() throws Exception {
        firstSession(true);
        AppContext ctx = start();
        ConsoleViewModel vm = new ConsoleViewModel(ctx, Map.of());
        assertFalse(vm.rememberPasswordProperty().get(), "off by default");
        vm.formIdProperty().set(String.valueOf(OWN_ID));
        vm.formKindProperty().set(ConsoleViewModel.CredentialKind.P12);
        vm.formFileProperty().set(p12.toString());
        assertTrue(vm.rememberPasswordProperty().get());

        vm.rememberPasswordProperty().set(false);
        vm.saveEntry(PASSWORD.toCharArray());
        assertTrue(vm.messageProperty().get().contains("the one remembered before is forgotten"), vm.messageProperty().get());
        assertFalse(SecretStore.inFolder(config).hasP12Password(p12));
    }

    @Test
    void a_wrong_password_is_a_sentence_and_nothing_is_stored() throws Exception {
        AppContext ctx = start();
        ConsoleViewModel vm = new ConsoleViewModel(ctx, Map.of());
        vm.formIdProperty().set(String.valueOf(OWN_ID));
        vm.formKindProperty().set(ConsoleViewModel.CredentialKind.P12);
        vm.formFileProperty().set(p12.toString());
        vm.rememberPasswordProperty().set(true);
        vm.saveEntry("not-the-password".toCharArray());
        assertTrue(vm.errorProperty().get());
        assertEquals("Not saved: The password for push.p12 is wrong. Use the password you chose when exporting it from"
                + " Keychain Access.", vm.messageProperty().get());
        assertFalse(Files.exists(config.resolve(SecretStore.FILE_NAME)));
        assertEquals(p12.toString(), vm.formFileProperty().get(), "the form is kept");
    }

    @Test
    void a_moved_file_is_named_with_where_it_was() throws Exception {
        firstSession(true);
        Files.move(p12, dir.resolve("push-moved.p12"));
        ConsoleViewModel vm = new ConsoleViewModel(start(), Map.of());
        assertEquals("Certificate ID 41234 was not restored: " + p12.toAbsolutePath() + " is not there any more (moved or deleted)."
                + " Click Load again and choose where it is now.", vm.restoreNotes().getFirst().text());
    }

    @Test
    void a_workspace_file_that_does_not_read_is_set_aside_not_overwritten() throws Exception {
        Files.createDirectories(config);
        Files.writeString(ConfigDir.workspace(config), "{\"devices\": [ broken");
        AppContext ctx = start();
        assertEquals(2, ctx.engine().devices().size(), "the default workspace");
        ConsoleViewModel vm = new ConsoleViewModel(ctx, Map.of());
        ConsoleViewModel.RestoreNote note = vm.restoreNotes().getFirst();
        assertEquals(0, note.certificateId());
        assertTrue(note.text().startsWith("The saved workspace could not be opened"), note.text());
        close(ctx);
        try (Stream<Path> s = Files.list(config)) {
            Path kept = s.filter(f -> f.getFileName().toString().startsWith("workspace.unreadable-")).findFirst()
                    .orElseThrow();
            assertEquals("{\"devices\": [ broken", Files.readString(kept));
            assertTrue(note.text().contains(kept.toString()), note.text());
        }
    }

    @Test
    void the_default_app_settings_are_untouched_by_a_first_start() {
        assertEquals(AppSettings.defaults().bundleId(), start().engine().appSettings().bundleId());
    }
}
