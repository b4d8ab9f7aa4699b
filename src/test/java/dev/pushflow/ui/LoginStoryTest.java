package dev.pushflow.ui;

import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppState;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A killed app: not running, still logged in on the backend, and the button offers the login that delivers a tap. */
class LoginStoryTest {
    private final PushFlowEngine engine = Contexts.offline().engine();
    private final String phone = DefaultWorkspace.DEBUG_PHONE;

    @Test
    void a_killed_app_is_logged_in_on_the_backend_and_offers_a_login() {
        engine.login(phone, "alice");
        assertTrue(LoginStory.canLogOut(engine.device(phone)));
        assertEquals("alice logged in", LoginStory.status(engine.device(phone)));

        engine.setAppState(phone, AppState.KILLED);
        var killed = engine.device(phone);
        assertEquals("App not running; alice still logged in on the backend", LoginStory.status(killed));
        assertFalse(LoginStory.canLogOut(killed), "Log in, not Log out");
        assertTrue(LoginStory.note(killed).contains("waits for the next login"), LoginStory.note(killed));

        engine.setAppState(phone, AppState.FOREGROUND); // launched (a tap, or opened): not logged in yet
        assertTrue(LoginStory.status(engine.device(phone)).startsWith("App launched, not logged in yet"));
        engine.login(phone, "alice");
        assertEquals("alice logged in", LoginStory.status(engine.device(phone)));
        assertTrue(LoginStory.canLogOut(engine.device(phone)));
    }
}
