package dev.pushflow.ui.devices;

import dev.pushflow.engine.ActivityEvent;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.im.AppState;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevicesViewModelTest {
    private final AppContext ctx = Contexts.offline();
    private final DevicesViewModel vm = new DevicesViewModel(ctx);

    @Test
    void lists_the_default_workspace_phones_and_users() {
        assertEquals(2, vm.devices().size());
        assertEquals(DefaultWorkspace.DEBUG_PHONE, vm.selectedProperty().get().deviceId());
        assertTrue(vm.users().containsAll(java.util.List.of("alice", "bob", "carol")));
    }

    @Test
    void login_runs_registerService_and_setAPNS_and_updates_the_selected_row() {
        vm.userToLoginProperty().set("alice");
        vm.login();
        assertEquals("alice", vm.selectedProperty().get().loggedInUser());
        assertEquals("alice", vm.devices().getFirst().loggedInUser());
        assertTrue(vm.activity().stream().anyMatch(e -> e.kind() == ActivityEvent.Kind.REGISTER_SERVICE));
        assertTrue(vm.activity().stream().anyMatch(e -> e.kind() == ActivityEvent.Kind.SET_APNS
                && e.text().contains("businessID 31287")));
    }

    @Test
    void the_same_user_logging_in_elsewhere_kicks_the_first_device_off() {
        vm.userToLoginProperty().set("alice");
        vm.login();
        vm.select(DefaultWorkspace.RELEASE_PHONE);
        vm.login();
        assertTrue(vm.devices().getFirst().kickedOff());
        assertTrue(vm.activity().stream().anyMatch(e -> e.kind() == ActivityEvent.Kind.KICK_OFF));
    }

    @Test
    void app_state_changes_reach_the_row() {
        vm.setAppState(AppState.BACKGROUND);
        assertEquals(AppState.BACKGROUND, vm.selectedProperty().get().appState());
    }

    @Test
    void an_engine_refusal_is_a_message_not_an_exception() {
        vm.logout(); // nobody logged in
        assertTrue(vm.errorProperty().get());
        assertTrue(vm.messageProperty().get().contains("nobody is logged in"));
    }

    @Test
    void a_pasted_token_is_checked_as_typed_and_the_form_keeps_it_on_error() {
        vm.newIdProperty().set("real1");
        vm.newTokenProperty().set("{length = 32, bytes = 0x1234...}");
        assertNotNull(vm.newDeviceProblem());
        vm.addDevice();
        assertTrue(vm.addNoteErrorProperty().get(), "the problem is said next to the add form's fields");
        assertTrue(vm.addNoteProperty().get().contains("iOS 13"), vm.addNoteProperty().get());
        assertEquals("{length = 32, bytes = 0x1234...}", vm.newTokenProperty().get());
        vm.newTokenProperty().set("<" + "ab".repeat(32) + ">");
        assertNull(vm.newDeviceProblem());
        vm.addDevice();
        assertEquals(3, vm.devices().size());
        assertTrue(vm.devices().getLast().real());
    }

    @Test
    void a_short_token_is_accepted_with_a_warning() {
        vm.newIdProperty().set("real2");
        vm.newTokenProperty().set("abcd");
        assertNull(vm.newDeviceProblem(), "Apple does not promise a length");
        assertFalse(vm.addNoteErrorProperty().get());
        assertTrue(vm.addNoteProperty().get().startsWith("This token is 2 bytes (4 hex digits)"), vm.addNoteProperty().get());
    }

    @Test
    void the_backend_holds_the_certificate_ID_of_the_last_login_until_the_next() {
        var engine = ctx.engine();
        engine.login(dev.pushflow.engine.DefaultWorkspace.DEBUG_PHONE, "alice");
        engine.setAppSettings(engine.appSettings().withCertificateId(dev.pushflow.im.BuildConfiguration.DEBUG, 31288));
        var d = engine.device(dev.pushflow.engine.DefaultWorkspace.DEBUG_PHONE);
        assertEquals("31287", vm.backendCertificateIdFor(d));
        assertEquals(31288, vm.certificateIdFor(d));
        assertTrue(vm.certificateIdMismatch(d).endsWith("log in again to report the new ID"));
        engine.login(dev.pushflow.engine.DefaultWorkspace.DEBUG_PHONE, "alice");
        d = engine.device(dev.pushflow.engine.DefaultWorkspace.DEBUG_PHONE);
        assertEquals("31288", vm.backendCertificateIdFor(d));
        assertEquals("", vm.certificateIdMismatch(d));
    }
}
