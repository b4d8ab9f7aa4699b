package dev.pushflow.ui.keyscope;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.ui.keyscope.KeyScopeViewModel.Environments;
import dev.pushflow.ui.keyscope.KeyScopeViewModel.Topics;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The declared key scope as the portal words it, without a toolkit. */
class KeyScopeViewModelTest {
    private final KeyScopeViewModel vm = new KeyScopeViewModel();

    @Test
    void the_default_is_what_the_portal_proposes_team_scoped_for_sandbox_and_production() {
        assertEquals(Environments.BOTH, vm.environmentProperty().get());
        assertEquals("Sandbox & Production", vm.environmentProperty().get().toString());
        assertEquals(Topics.TEAM, vm.topicsProperty().get());
        assertEquals(KeyScope.TEAM_ALL_ENVIRONMENTS, vm.scopeProperty().get());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void a_sandbox_only_topic_specific_key_lists_its_bundle_IDs_separated_by_commas_or_lines() {
        vm.environmentProperty().set(Environments.SANDBOX);
        vm.topicsProperty().set(Topics.SPECIFIC);
        vm.bundleIdsProperty().set(" com.example.chat,\ncom.example.chat.watchkitapp, ");
        KeyScope s = vm.scopeProperty().get();
        assertEquals(EnumSet.of(ApnsEnvironment.SANDBOX), s.environments());
        assertEquals(Set.of("com.example.chat", "com.example.chat.watchkitapp"), s.bundleIds());
        assertEquals("", vm.errorProperty().get());
        assertEquals("com.example.chat,\ncom.example.chat.watchkitapp,", vm.rememberedBundleIds());

        vm.topicsProperty().set(Topics.TEAM);
        assertTrue(vm.scopeProperty().get().teamScoped(), "the list is kept but not used");
        assertNull(vm.rememberedBundleIds());
    }

    @Test
    void a_bad_bundle_ID_or_an_empty_list_is_an_inline_message_and_no_scope() {
        vm.topicsProperty().set(Topics.SPECIFIC);
        assertNull(vm.scopeProperty().get());
        assertTrue(vm.errorProperty().get().startsWith("A topic-specific key lists its bundle IDs"),
                vm.errorProperty().get());

        vm.bundleIdsProperty().set("com.example.chat, com.example.*");
        assertNull(vm.scopeProperty().get());
        assertEquals("Key topics: 'com.example.*' is not a bundle ID: it contains '*' (a wildcard App ID cannot"
                + " receive pushes); a bundle ID has only A-Z, a-z, 0-9, hyphens and periods, like com.example.chat.",
                vm.errorProperty().get());

        vm.bundleIdsProperty().set("com.example chat");
        assertTrue(vm.errorProperty().get().contains("it contains a space"), vm.errorProperty().get());

        vm.bundleIdsProperty().set("com.example.chat");
        assertEquals("", vm.errorProperty().get());
        assertEquals(Set.of("com.example.chat"), vm.scopeProperty().get().bundleIds());
    }

    @Test
    void remembered_words_and_scopes_fill_the_fields_again() {
        vm.restore("production", "com.example.chat");
        assertEquals(Environments.PRODUCTION, vm.environmentProperty().get());
        assertEquals(Topics.SPECIFIC, vm.topicsProperty().get());
        assertEquals(KeyScope.parse("production", "com.example.chat"), vm.scopeProperty().get());
        assertEquals("production", vm.environmentProperty().get().word());

        vm.restore("nonsense", null);
        assertEquals(KeyScope.TEAM_ALL_ENVIRONMENTS, vm.scopeProperty().get());

        vm.show(KeyScope.parse("sandbox", "com.a.b,com.a.c"));
        assertEquals(KeyScope.parse("sandbox", "com.a.b,com.a.c"), vm.scopeProperty().get());
        assertEquals("com.a.b, com.a.c", vm.bundleIdsProperty().get());
        vm.show(null);
        assertEquals(KeyScope.TEAM_ALL_ENVIRONMENTS, vm.scopeProperty().get());
    }
}
