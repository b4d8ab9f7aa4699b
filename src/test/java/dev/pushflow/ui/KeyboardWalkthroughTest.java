package dev.pushflow.ui;

import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.im.AppState;
import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Toggle;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The seed's main flow with the keyboard only: panels by Ctrl+digit, controls reached with Tab, combos changed with
 * the arrow keys, buttons pressed with Space, the lock-screen banner tapped with Enter. The mouse is never used and
 * no control's value is set from code.
 */
class KeyboardWalkthroughTest extends WindowTestBase {
    private static final int MAX_TABS = 60;


    private Node focusOwner() {
        return WaitForAsyncUtils.waitForAsyncFx(5_000, this::focused);
    }

    private Node focused() {
        return listTargetWindows().stream()
                .map(w -> w.getScene() == null ? null : w.getScene().getFocusOwner())
                .filter(n -> n != null)
                .findFirst().orElse(null);
    }

    /** Presses Tab until the node with this id has the keyboard focus; fails if it cannot be reached. */
    private Node tabTo(String id) {
        Node target = lookup(id).query();
        for (int i = 0; i < MAX_TABS; i++) {
            if (focusOwner() == target) {
                assertFocusShows(target);
                return target;
            }
            push(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        return fail(id + " cannot be reached with Tab; focus ended on " + focusOwner());
    }

    /** Presses Tab until a node whose id starts with this prefix has the focus. */
    private Node tabToAnyOf(String idPrefix) {
        for (int i = 0; i < MAX_TABS; i++) {
            Node owner = focusOwner();
            if (owner != null && owner.getId() != null && owner.getId().startsWith(idPrefix)) {
                assertFocusShows(owner);
                return owner;
            }
            push(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        return fail("nothing with id " + idPrefix + "* can be reached with Tab; focus ended on " + focusOwner());
    }

    /** Right arrow inside a toggle group until this member has the focus. */
    private Node arrowAlongTo(String id) {
        Node target = lookup(id).query();
        for (int i = 0; i < 10 && focusOwner() != target; i++) {
            push(KeyCode.RIGHT);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(target, focusOwner(), id + " with the arrow keys");
        assertFocusShows(target);
        return target;
    }

    /**
     * The focused node shows it. Reached by Tab it is :focus-visible; focused by requestFocus (the arrow keys in a
     * toggle group, Ctrl+digit) only :focused is on, so its outer layer (where the theme draws the focus ring) must
     * differ from an unfocused twin's: the same control, same style classes (but where in a pill row), same selection.
     */
    private void assertFocusShows(Node n) {
        assertTrue(n.isFocused(), n + " has no focus");
        if (n.isFocusVisible()) {
            return;
        }
        Region twin = descendants(n.getScene().getRoot())
                .filter(x -> x != n && !x.isFocused() && x.getClass() == n.getClass()
                        && kind(x).equals(kind(n))
                        && (!(x instanceof Toggle t) || t.isSelected() == ((Toggle) n).isSelected()))
                .map(Region.class::cast).findFirst().orElse(null);
        assertNotNull(twin, "no unfocused twin of " + n + " to compare its look with");
        assertNotEquals(outerLayer((Region) n), outerLayer(twin), n + " has the focus but does not show it");
    }

    private static List<String> kind(Node n) {
        return n.getStyleClass().stream().filter(c -> !c.endsWith("-pill")).toList();
    }

    private static Object outerLayer(Region r) {
        return r.getBackground() == null || r.getBackground().getFills().isEmpty()
                ? r.getBorder() : r.getBackground().getFills().getFirst().getFill();
    }

    private static Stream<Node> descendants(Node n) {
        return n instanceof Parent p
                ? Stream.concat(Stream.of(n), p.getChildrenUnmodifiable().stream().flatMap(KeyboardWalkthroughTest::descendants))
                : Stream.of(n);
    }

    /** Down/Up on a focused non-editable combo until it shows the value (no popup, no mouse). */
    private void arrowTo(String id, String value) {
        @SuppressWarnings("unchecked")
        ComboBox<String> combo = (ComboBox<String>) tabTo(id);
        int target = combo.getItems().indexOf(value);
        assertTrue(target >= 0, value + " is not offered by " + id);
        for (int i = 0; i < combo.getItems().size() + 1 && !value.equals(combo.getValue()); i++) {
            int at = combo.getItems().indexOf(combo.getValue());
            push(at < target ? KeyCode.DOWN : KeyCode.UP);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(value, combo.getValue(), id + " with the arrow keys");
    }

    private void panel(KeyCode digit, String viewId) throws Exception {
        press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        waitUntil(() -> lookup(viewId).tryQuery().map(Node::isVisible).orElse(false));
        Node view = lookup(viewId).query();
        Node owner = focusOwner();
        boolean inside = false;
        for (Node n = owner; n != null && !inside; n = n.getParent()) {
            inside = n == view;
        }
        assertTrue(inside, "Ctrl+digit puts the focus into " + viewId + ", not on " + owner);
    }

    @Test
    void the_main_flow_with_the_keyboard_only() throws Exception {
        panel(KeyCode.DIGIT2, "#devices-view");
        arrowTo("#login-user", "alice");
        tabTo("#login-button");
        push(KeyCode.SPACE);
        waitUntil(() -> "alice".equals(engine.device(DefaultWorkspace.DEBUG_PHONE).loggedInUser()));
        // A toggle group is one Tab stop, like a radio group: Tab reaches the selected state, an arrow selects the next.
        tabToAnyOf("state-");
        arrowAlongTo("#state-background");
        waitUntil(() -> engine.device(DefaultWorkspace.DEBUG_PHONE).appState() == AppState.BACKGROUND);

        panel(KeyCode.DIGIT3, "#compose-view");
        arrowTo("#compose-sender", "bob");
        arrowTo("#compose-receiver", "alice");
        tabTo("#compose-element-value");
        write(" Sent without a mouse.");
        push(KeyCode.ENTER);
        int before = engine.log().size();
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> engine.log().size() > before);
        waitUntil(() -> !engine.notifications(DefaultWorkspace.DEBUG_PHONE).isEmpty());

        panel(KeyCode.DIGIT4, "#phones-view");
        waitUntil(() -> lookup("#notification-iphone-debug-0").tryQuery().isPresent());
        Node banner = lookup("#notification-iphone-debug-0").query();
        assertEquals(banner, focusOwner(), "Ctrl+4 puts the focus on the newest banner");
        assertTrue(banner.isFocused());
        assertTrue(lookup("#phone-iphone-debug .banner-body").queryAs(Label.class).getText()
                .contains("Sent without a mouse."));
        assertNotNull(((Region) banner).getBorder(), "the focused banner draws its focus border");
        push(KeyCode.ENTER);
        waitUntil(() -> "Open one-to-one chat with userID bob".equals(
                lookup("#tap-target").queryAs(Label.class).getText()));
    }

    @Test
    void the_arrow_keys_in_the_navigation_bar_switch_panels() throws Exception {
        panel(KeyCode.DIGIT2, "#devices-view");
        Node nav = null;
        for (int i = 0; i < MAX_TABS && nav == null; i++) {
            press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
            WaitForAsyncUtils.waitForFxEvents();
            Node owner = focusOwner();
            nav = owner instanceof Toggle && owner.getStyleClass().contains("nav-button") ? owner : null;
        }
        assertNotNull(nav, "the navigation bar cannot be reached with Shift+Tab");
        assertEquals("nav-devices", nav.getId(), "the navigation bar is one Tab stop: the selected panel");
        assertFocusShows(nav);
        push(KeyCode.DOWN);
        waitUntil(() -> lookup("#compose-view").tryQuery().map(Node::isVisible).orElse(false));
        assertEquals("nav-compose", focusOwner().getId());
    }
}
