package dev.pushflow.ui.compose;

import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.im.AppState;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComposeViewModelTest {
    private final AppContext ctx = Contexts.offline();
    private ComposeViewModel vm;

    @BeforeEach
    void aliceLoggedInOnTheDebugPhone() {
        ctx.engine().login(DefaultWorkspace.DEBUG_PHONE, "alice");
        vm = new ComposeViewModel(ctx);
    }

    @Test
    void defaults_to_bob_writing_to_alice() {
        assertEquals("bob", vm.senderProperty().get());
        assertEquals("alice", vm.receiverProperty().get());
    }

    @Test
    void a_foreground_app_is_predicted_online_and_a_background_app_a_push_with_its_size() {
        assertEquals(1, vm.preview().size());
        assertFalse(vm.preview().getFirst().push());
        assertTrue(vm.preview().getFirst().outcome().startsWith("Online delivery"));

        ctx.engine().setAppState(DefaultWorkspace.DEBUG_PHONE, AppState.BACKGROUND);
        PreviewRow row = vm.preview().getFirst();
        assertTrue(row.push());
        assertEquals(4096, row.limit());
        assertTrue(row.payload().contains("\"ext\""));
        assertTrue(row.headers().contains("apns-topic: com.example.chat"));
        assertTrue(row.outcome().contains("certificate ID 31287"));
    }

    @Test
    void the_preview_follows_every_field() {
        ctx.engine().setAppState(DefaultWorkspace.DEBUG_PHONE, AppState.BACKGROUND);
        vm.descProperty().set("You have a new message");
        assertTrue(vm.preview().getFirst().payload().contains("You have a new message"));
        vm.disablePushProperty().set(true);
        assertFalse(vm.preview().getFirst().push());
        assertTrue(vm.preview().getFirst().outcome().contains("disablePush"));
    }

    @Test
    void a_big_ext_is_flagged_too_large() {
        ctx.engine().setAppState(DefaultWorkspace.DEBUG_PHONE, AppState.BACKGROUND);
        vm.extProperty().set("x".repeat(5000));
        assertTrue(vm.preview().getFirst().tooLarge());
    }

    @Test
    void ext_is_warned_about_never_blocked() {
        assertNull(ComposeViewModel.extIssue(""));
        assertNull(ComposeViewModel.extIssue("{\"entity\":{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}}"));
        ComposeViewModel.Issue broken = ComposeViewModel.extIssue("{\"entity\":");
        assertNotNull(broken);
        assertFalse(broken.error());
        assertTrue(broken.message().contains("does not parse"));
        assertFalse(ComposeViewModel.extIssue("hello").error());
    }

    @Test
    void a_bad_header_blocks_sending_and_keeps_what_was_typed() {
        vm.collapseIdProperty().set("c".repeat(65));
        vm.descProperty().set("kept");
        vm.send();
        assertTrue(vm.resultErrorProperty().get());
        assertTrue(vm.resultProperty().get().contains("64 bytes"));
        assertEquals("kept", vm.descProperty().get());
        assertEquals("c".repeat(65), vm.collapseIdProperty().get());
    }

    @Test
    void sending_to_a_logged_out_user_reports_no_push() {
        ctx.engine().logout(DefaultWorkspace.DEBUG_PHONE);
        vm.send();
        assertTrue(vm.resultProperty().get().contains("no push (logged-out)"), vm.resultProperty().get());
        assertEquals(1, ctx.engine().log().size());
    }

    @Test
    void group_messages_go_to_every_member_but_the_sender() {
        ctx.engine().login(DefaultWorkspace.RELEASE_PHONE, "carol");
        vm.toGroupProperty().set(true);
        vm.groupIDProperty().set(DefaultWorkspace.DEMO_GROUP);
        assertEquals(2, vm.preview().size());
    }

    @Test
    void nothing_pushed_is_not_called_sent_and_each_device_has_its_result() {
        ctx.engine().logout(DefaultWorkspace.DEBUG_PHONE);
        vm.send();
        assertTrue(vm.resultProperty().get().startsWith("Nothing was pushed."), vm.resultProperty().get());
        assertTrue(vm.resultErrorProperty().get());
        assertEquals(1, vm.results().size());
        assertTrue(vm.results().getFirst().text().contains("no push (logged-out)"), vm.results().getFirst().text());
    }

    @Test
    void sender_and_recipient_stay_when_the_workspace_changes_and_stale_messages_clear() {
        vm.senderProperty().set("carol");
        vm.receiverProperty().set("bob");
        ctx.engine().putUser(new dev.pushflow.im.ImUser("dave", "Dave", null));
        assertEquals("carol", vm.senderProperty().get());
        assertEquals("bob", vm.receiverProperty().get());

        vm.elements().clear();
        vm.send();
        assertTrue(vm.resultErrorProperty().get(), vm.resultProperty().get());
        vm.elementValueProperty().set("hello");
        vm.addElement();
        assertEquals("", vm.resultProperty().get(), "the message about the missing element went with it");
    }
}
