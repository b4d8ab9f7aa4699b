package dev.pushflow.ui;

import dev.pushflow.credentials.OwnCertificates;
import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real window started on a saved workspace whose .p12 password is not stored: the rest opens, the Console says so. */
class RestartWindowTest extends WindowTestBase {
    @Override
    protected boolean startsWindowBeforeEach() {
        return false; // each test prepares the config folder first
    }

    @Test
    void the_console_names_the_certificate_ID_that_could_not_be_restored(@TempDir Path dir) throws Exception {
        Path p12 = OwnCertificates.p12(dir.resolve("certs/push.p12"), "own-secret-3");
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.writeString(ConfigDir.workspace(config), """
                {"console": {"certificates": [
                  {"id": 31287, "environment": "sandbox", "credential": "sample"},
                  {"id": 41234, "environment": "sandbox",
                   "credential": {"p12": "%s", "passwordEnv": "PUSHFLOW_TEST_NEVER_SET_PASSWORD"}}]},
                 "devices": [{"id": "iphone-debug", "build": "debug"}, {"id": "dave-phone", "build": "release"}]}
                """.formatted(p12.toString().replace("\\", "\\\\")));
        startWindow(config);
        assertNotNull(app.engine().device("dave-phone"), "the saved devices are opened");

        clickOn("#nav-console");
        waitUntil(() -> lookup("#console-restore").tryQuery()
                .map(Node::isVisible).orElse(false));
        String text = lookup("#console-restore .restore-text").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Certificate ID 41234 was not restored: the password of push.p12 is not stored."), text);
        clickOn("#console-restore-load-41234");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#console-p12-password").query().isVisible(), "the password field is shown for the .p12");
        assertTrue(lookup("#console-remember-password").query().isVisible());
    }
}
