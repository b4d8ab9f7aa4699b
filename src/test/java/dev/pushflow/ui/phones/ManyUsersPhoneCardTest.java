package dev.pushflow.ui.phones;

import dev.pushflow.im.ImUser;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.testsupport.Contexts;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 20k-user workspace: the phone's user picker makes work for the rows in view, not for every user. Counted, not
 * timed: the popup of the picker, opened, holds a few dozen cells (a ChoiceBox held 20,000 menu items, built one by
 * one with a rebuild each).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ManyUsersPhoneCardTest {
    private static final int USERS = 20_000;

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void the_user_picker_of_a_phone_with_20k_users_builds_only_the_cells_in_view() throws Exception {
        AppContext ctx = Contexts.offline();
        for (int i = 0; i < USERS; i++) {
            ctx.engine().putUser(new ImUser(String.format("user%05d", i), null, null));
        }
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicReference<ComboBox<String>> picker = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            PhonesView view = new PhonesView(new PhonesViewModel(ctx));
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            view.applyCss();
            view.layout();
            picker.set(find(view));
        }).get(120, TimeUnit.SECONDS);
        ComboBox<String> box = picker.get();
        assertTrue(box.getItems().size() > USERS, "every user is offered: " + box.getItems().size());
        WaitForAsyncUtils.asyncFx(box::show).get(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        AtomicInteger cells = new AtomicInteger();
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : Window.getWindows()) {
                if (w != stage && w.isShowing() && w.getScene() != null) {
                    cells.addAndGet(count(w.getScene().getRoot()));
                }
            }
            box.hide();
        }).get(60, TimeUnit.SECONDS);
        assertTrue(cells.get() > 0 && cells.get() < 100, "cells in the open popup: " + cells.get());
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> find(Node n) {
        if (n instanceof ComboBox<?> c && c.getId() != null && c.getId().startsWith("phone-user-")) {
            return (ComboBox<String>) c;
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                ComboBox<String> found = find(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int count(Node n) {
        int c = n instanceof ListCell<?> ? 1 : 0;
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                c += count(child);
            }
        }
        return c;
    }
}
