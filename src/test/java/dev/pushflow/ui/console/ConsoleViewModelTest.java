package dev.pushflow.ui.console;

import dev.pushflow.delivery.ConnectionStatus;
import dev.pushflow.delivery.ProxySettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.ConfigDir;
import dev.pushflow.ui.ProxyPreference;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleViewModelTest {
    private final AppContext ctx = Contexts.offline();
    private final ConsoleViewModel vm = new ConsoleViewModel(ctx);

    @Test
    void the_default_macros_are_right_and_warn_about_nothing() {
        assertEquals(2, vm.entries().size());
        assertEquals("31287", vm.debugIdProperty().get());
        assertEquals("", vm.debugWarningProperty().get());
        assertEquals("", vm.releaseWarningProperty().get());
    }

    @Test
    void a_debug_build_pointing_at_the_production_certificate_is_warned_about() {
        vm.debugIdProperty().set("31288");
        vm.refreshWarnings();
        assertTrue(vm.debugWarningProperty().get().contains("BadDeviceToken"), vm.debugWarningProperty().get());
        vm.applyMacros();
        assertEquals(31288, ctx.engine().appSettings().certificateIdFor(BuildConfiguration.DEBUG));
    }

    @Test
    void an_absent_macro_and_an_unknown_ID_are_warned_about() {
        assertTrue(vm.warningFor(BuildConfiguration.RELEASE, "0").contains("never pushes"));
        assertTrue(vm.warningFor(BuildConfiguration.RELEASE, "999").contains("not in the console"));
        assertTrue(vm.warningFor(BuildConfiguration.RELEASE, "abc").contains("number"));
    }

    @Test
    void a_p8_without_key_and_team_ID_is_refused_with_the_reason() {
        vm.formIdProperty().set("40000");
        vm.formFileProperty().set("/tmp/AuthKey.p8");
        vm.formKindProperty().set(ConsoleViewModel.CredentialKind.P8);
        vm.formKeyIdProperty().set("");
        vm.formTeamIdProperty().set("");
        vm.saveEntry(null);
        assertTrue(vm.errorProperty().get());
        assertTrue(vm.messageProperty().get().contains("Key ID"));
    }

    @Test
    void an_unreadable_key_file_is_a_message_and_the_form_is_kept() {
        vm.formIdProperty().set("40000");
        vm.formFileProperty().set("/nonexistent/AuthKey_ABCDEFGHIJ.p8");
        vm.formKeyIdProperty().set("ABCDEFGHIJ");
        vm.formTeamIdProperty().set("TEAM012345");
        vm.saveEntry(null);
        assertTrue(vm.errorProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Not saved"));
        assertEquals("/nonexistent/AuthKey_ABCDEFGHIJ.p8", vm.formFileProperty().get());
        assertEquals(2, ctx.engine().console().all().size());
    }

    @Test
    void the_selected_p8_is_described() {
        assertTrue(vm.detailsProperty().get().contains("Key ID PFKEY00001"));
    }

    // ---------------------------------------------------------------- the Network card

    @TempDir
    Path config;

    /** A Console on its own config folder, with {@code env} as the environment. */
    private ConsoleViewModel network(Map<String, String> env) {
        AppContext c = new AppContext(ctx.engine(), ctx.events(), ctx.tasks(), config);
        return new ConsoleViewModel(c, env);
    }

    private String settingsFile() throws Exception {
        return Files.readString(config.resolve("settings.properties"));
    }

    @Test
    void the_proxy_password_is_remembered_only_when_asked_and_restored_at_the_next_start() throws Exception {
        ConsoleViewModel net = network(Map.of());
        net.proxyTextProperty().set("http://bob:s3cret@proxy.example.com:3128");
        net.applyProxy();
        Path store = config.resolve(dev.pushflow.credentials.SecretStore.FILE_NAME);
        assertFalse(Files.exists(store), "not asked: nothing stored");

        net.proxyTextProperty().set("http://bob:s3cret@proxy.example.com:3128");
        net.rememberProxyPasswordProperty().set(true);
        net.applyProxy();
        assertTrue(Files.readString(store).contains("proxy-password\\:http\\://bob@proxy.example.com\\:3128=s3cret"),
                Files.readString(store));
        assertTrue(net.proxyMessageProperty().get().contains("remembered in"), net.proxyMessageProperty().get());
        assertFalse(settingsFile().contains("s3cret"), "settings never hold it");

        // The next start: a fresh engine restores the proxy with the remembered password, and the box shows it.
        dev.pushflow.engine.PushFlowEngine next = Contexts.offline().engine();
        ProxyPreference.restore(next, config, Map.of());
        assertArrayEquals("s3cret".toCharArray(), next.delivery().proxy().password());
        AppContext c2 = new AppContext(next, ctx.events(), ctx.tasks(), config);
        assertTrue(new ConsoleViewModel(c2, Map.of()).rememberProxyPasswordProperty().get());

        // Applied with the box unticked, it is forgotten.
        net.rememberProxyPasswordProperty().set(false);
        net.applyProxy();
        assertFalse(Files.exists(store), "the only secret went, and the file with it");
    }

    @Test
    void a_proxy_with_a_password_is_used_but_saved_without_it() throws Exception {
        ConsoleViewModel net = network(Map.of());
        net.proxyTextProperty().set("http://bob:s3cret@proxy.example.com:3128");
        net.applyProxy();

        ProxySettings used = ctx.engine().delivery().proxy();
        assertEquals(ProxySettings.Kind.HTTP, used.kind());
        assertArrayEquals("s3cret".toCharArray(), used.password(), "the session uses the password");
        assertFalse(settingsFile().contains("s3cret"), settingsFile());
        assertEquals("http://bob@proxy.example.com:3128", ConfigDir.loadSettings(config).getProperty("proxy"));
        assertEquals("http://bob@proxy.example.com:3128", net.proxyTextProperty().get(), "not left on screen either");
        assertFalse(net.proxyInUseProperty().get().contains("s3cret"));
        assertTrue(net.proxyInUseProperty().get().contains("proxy.example.com:3128 as bob (password set)"));
        assertFalse(net.proxyErrorProperty().get());
        assertTrue(net.proxyMessageProperty().get().contains("kept for this session only"), net.proxyMessageProperty().get());
        assertTrue(net.proxyMessageProperty().get().contains("PUSHFLOW_PROXY_PASSWORD"));
    }

    @Test
    void applying_the_shown_proxy_again_keeps_the_sessions_password() {
        ConsoleViewModel net = network(Map.of());
        net.proxyTextProperty().set("socks5://bob:s3cret@127.0.0.1:1080");
        net.applyProxy();
        net.applyProxy(); // the field now reads socks5://bob@127.0.0.1:1080
        assertArrayEquals("s3cret".toCharArray(), ctx.engine().delivery().proxy().password());
        assertFalse(net.proxyErrorProperty().get(), net.proxyMessageProperty().get());
    }

    @Test
    void a_user_without_a_password_reads_it_from_the_environment() {
        ConsoleViewModel net = network(Map.of(ProxySettings.PASSWORD_ENV, "fromenv"));
        net.proxyTextProperty().set("http://bob@proxy.example.com:3128");
        net.applyProxy();
        assertArrayEquals("fromenv".toCharArray(), ctx.engine().delivery().proxy().password());
        assertTrue(net.proxyMessageProperty().get().contains("comes from PUSHFLOW_PROXY_PASSWORD"));
    }

    @Test
    void a_user_without_any_password_is_applied_with_a_warning_saying_how_to_give_one() {
        ConsoleViewModel net = network(Map.of());
        net.proxyTextProperty().set("http://bob@proxy.example.com:3128");
        net.applyProxy();
        assertNull(ctx.engine().delivery().proxy().password());
        assertTrue(net.proxyErrorProperty().get());
        assertTrue(net.proxyMessageProperty().get().contains("has no password"), net.proxyMessageProperty().get());
    }

    @Test
    void bad_proxy_text_is_a_message_and_changes_nothing() throws Exception {
        ConsoleViewModel net = network(Map.of());
        net.proxyTextProperty().set("ftp://bob:s3cret@proxy:21");
        net.applyProxy();
        assertTrue(net.proxyErrorProperty().get());
        assertTrue(net.proxyMessageProperty().get().startsWith("Proxy '"), net.proxyMessageProperty().get());
        assertTrue(net.proxyMessageProperty().get().contains("socks5://"), "says what it should look like");
        assertFalse(net.proxyMessageProperty().get().contains("s3cret"), "the password is not repeated");
        assertEquals("ftp://bob:s3cret@proxy:21", net.proxyTextProperty().get(), "the text is kept to fix");
        assertEquals(ProxySettings.NONE, ctx.engine().delivery().proxy());
        assertFalse(Files.exists(config.resolve("settings.properties")), "nothing saved");

        net.proxyTextProperty().set("http://proxy.example.com:99999");
        net.applyProxy();
        assertTrue(net.proxyMessageProperty().get().contains("1 to 65535"), net.proxyMessageProperty().get());
    }

    @Test
    void none_and_system_are_saved_as_typed_and_other_settings_are_kept() throws Exception {
        Properties before = new Properties();
        before.setProperty("theme", "dark");
        ConfigDir.saveSettings(config, before);
        ConsoleViewModel net = network(Map.of());
        net.proxyTextProperty().set("system");
        net.applyProxy();
        assertEquals(ProxySettings.SYSTEM, ctx.engine().delivery().proxy());
        assertTrue(net.proxyInUseProperty().get().startsWith("the system proxy: "), net.proxyInUseProperty().get());
        net.proxyTextProperty().set("");
        net.applyProxy();
        assertEquals(ProxySettings.NONE, ctx.engine().delivery().proxy());
        assertEquals("no proxy", net.proxyInUseProperty().get());
        assertEquals("none", ConfigDir.loadSettings(config).getProperty("proxy"));
        assertEquals("dark", ConfigDir.loadSettings(config).getProperty("theme"));
    }

    @Test
    void the_saved_proxy_is_restored_at_startup_with_the_password_from_the_environment() {
        ConsoleViewModel net = network(Map.of());
        net.proxyTextProperty().set("http://bob:s3cret@proxy.example.com:3128");
        net.applyProxy();
        ctx.engine().delivery().setProxy(ProxySettings.NONE); // a new run

        ProxyPreference.restore(ctx.engine(), config, Map.of(ProxySettings.PASSWORD_ENV, "next-run"));
        assertEquals("proxy.example.com", ctx.engine().delivery().proxy().host());
        assertArrayEquals("next-run".toCharArray(), ctx.engine().delivery().proxy().password());
        ConsoleViewModel shown = network(Map.of(ProxySettings.PASSWORD_ENV, "next-run"));
        assertEquals("http://bob@proxy.example.com:3128", shown.proxyTextProperty().get());
        assertFalse(shown.proxyErrorProperty().get());
    }

    @Test
    void a_saved_proxy_that_no_longer_reads_is_shown_with_the_reason() {
        Properties p = new Properties();
        p.setProperty("proxy", "gopher://old");
        ConfigDir.saveSettings(config, p);
        ProxyPreference.restore(ctx.engine(), config, Map.of());
        assertEquals(ProxySettings.NONE, ctx.engine().delivery().proxy());
        ConsoleViewModel net = network(Map.of());
        assertEquals("gopher://old", net.proxyTextProperty().get());
        assertTrue(net.proxyErrorProperty().get());
        assertTrue(net.proxyMessageProperty().get().startsWith("The saved proxy 'gopher://old' is not understood"),
                net.proxyMessageProperty().get());
    }

    @Test
    void connections_to_Apple_are_listed_and_a_proxy_failure_is_named() {
        ConsoleViewModel net = network(Map.of());
        assertTrue(net.appleConnectionsProperty().get().startsWith("No connection to Apple yet"));
        assertTrue(net.appleConnectionsProperty().get().contains("embedded gateways on 127.0.0.1 never use the proxy"));
        net.refreshConnections(List.of(
                new ConnectionStatus("sample token key", "embedded sandbox 127.0.0.1:41109",
                        ConnectionStatus.State.CONNECTED, null, 1, Instant.now()),
                new ConnectionStatus("prod.p12", "api.push.apple.com:443", ConnectionStatus.State.FAILED,
                        "proxy: cannot reach HTTP proxy proxy.example.com:3128", 0, Instant.now())));
        assertEquals("api.push.apple.com:443 (prod.p12): failed: proxy: cannot reach HTTP proxy proxy.example.com:3128",
                net.appleConnectionsProperty().get(), "the embedded gateway is not listed");
        assertTrue(net.appleConnectionFailedProperty().get());
    }
}
