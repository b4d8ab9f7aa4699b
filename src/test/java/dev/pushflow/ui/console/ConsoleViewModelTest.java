package dev.pushflow.ui.console;

import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
