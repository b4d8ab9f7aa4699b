package dev.pushflow.ui.doctor;

import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Doctor panel, driven headlessly: the seed's FAQ found by picking a phone and probing. */
class DoctorPanelTest extends WindowTestBase {
    @Test
    void release_phone_whose_macro_points_at_the_development_ID_is_diagnosed_with_the_probe() throws Exception {
        engine.setAppSettings(engine.appSettings().withCertificateId(BuildConfiguration.RELEASE,
                DefaultWorkspace.DEVELOPMENT_ID));
        clickOn("#nav-doctor");
        waitUntil(() -> lookup("#doctor-phone-menu").tryQuery().isPresent());

        clickOn("#doctor-phone-menu");
        clickOn(engine.device(DefaultWorkspace.RELEASE_PHONE).name());
        waitUntil(() -> !lookup("#doctor-token").queryAs(TextInputControl.class).getText().isEmpty());
        assertEquals(engine.device(DefaultWorkspace.RELEASE_PHONE).token(),
                lookup("#doctor-token").queryAs(TextInputControl.class).getText());
        assertTrue(text("#doctor-filled-from").contains("certificate ID 31287 (the app's Release macro)"),
                text("#doctor-filled-from"));

        clickOn("#doctor-probe");
        assertTrue(lookup("#doctor-probe").queryAs(CheckBox.class).isSelected());
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        waitUntil(() -> text("#doctor-conclusion").startsWith("This token is a production token"));
        assertTrue(text("#doctor-conclusion").endsWith("certificate ID 31287 is development; use 31288 or build"
                + " Debug."), text("#doctor-conclusion"));
        assertEquals("The push fails: act on this first", text("#doctor-headline"));
        assertTrue(text("#doctor-token-env").contains("a production token"), text("#doctor-token-env"));
        assertTrue(lookup("#doctor-findings .finding-row.first.level-fail").tryQuery().isPresent());
        assertTrue(lookup("#doctor-diagnose").query().isVisible() && !lookup("#doctor-diagnose").query().isDisabled(),
                "no longer busy");
    }
}
