package dev.pushflow.ui.rawpush;

import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real Raw push panel headlessly: tokens from the simulated iPhones, Ctrl+Enter, one row per token. */
class RawPushPanelTest extends WindowTestBase {
    @Override
    protected Duration waitTimeout() {
        return Duration.ofSeconds(45); // a popup menu can take long on a loaded machine
    }

    private Node menuItem(String containing) throws Exception {
        waitUntil(() -> lookup(".menu-item .label").match(l -> ((Label) l).getText().contains(containing))
                .tryQuery().isPresent());
        return lookup(".menu-item .label").match(l -> ((Label) l).getText().contains(containing)).query();
    }

    @Test
    void fill_the_form_press_ctrl_enter_and_see_one_answer_per_token() throws Exception {
        clickOn("#nav-raw_push");
        waitUntil(() -> lookup("#raw-tokens").tryQuery().isPresent());
        Button send = lookup("#raw-send").queryButton();
        assertTrue(send.isDisabled(), "no token yet");

        // the Debug phone's sandbox token and the Release phone's production token, from the menu (enabled once the
        // engine's simulated iPhones are listed: a click on it before then opens nothing)
        waitUntil(() -> !lookup("#raw-add-token").query().isDisabled());
        clickOn("#raw-add-token");
        clickOn(menuItem("Debug build"));
        clickOn("#raw-add-token");
        clickOn(menuItem("Release build"));
        TextArea tokens = lookup("#raw-tokens").queryAs(TextArea.class);
        waitUntil(() -> tokens.getText().lines().count() == 2);

        // a malformed line blocks the send and says which line
        clickOn(tokens);
        interact(() -> tokens.positionCaret(tokens.getText().length()));
        type(KeyCode.ENTER);
        write("not-a-token");
        waitUntil(send::isDisabled);
        assertTrue(lookup("#raw-check").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .anyMatch(n -> ((Label) n).getText().startsWith("Device token 3:")));
        interact(() -> tokens.setText(tokens.getText().lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow()));
        waitUntil(() -> !send.isDisabled());

        clickOn(tokens);
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        @SuppressWarnings("unchecked")
        TableView<ResultRow> table = lookup("#raw-results").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        assertEquals(2, tokens.getText().lines().count(), "Ctrl+Enter sent instead of adding a line");
        assertEquals("200", table.getItems().get(0).status());
        assertEquals("400", table.getItems().get(1).status());
        assertEquals("BadDeviceToken", table.getItems().get(1).reason());
        waitUntil(() -> lookup("#raw-detail-title").queryAs(Label.class).getText().startsWith("400 BadDeviceToken"));
        assertTrue(lookup("#raw-explanation").queryAs(Label.class).getText().contains("other environment"));
        assertTrue(lookup("#raw-message").queryAs(Label.class).getText().contains("1 accepted, 1 rejected"));
        waitUntil(() -> lookup("#raw-connection").queryAs(Label.class).getText().startsWith("Connected to embedded"));
        assertFalse(app.engine().notifications(dev.pushflow.engine.DefaultWorkspace.DEBUG_PHONE).isEmpty(),
                "the accepted push arrived on the Debug phone");
    }
}
