package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import dev.pushflow.ui.testsupport.WindowTestBase;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What keeps the window cheap to update while pushes pour in (scripts/benchmark-ui measures the effect). */
class WindowUnderFloodTest extends WindowTestBase {
    @BeforeEach
    void prepare() throws Exception {
        engine.login(DefaultWorkspace.DEBUG_PHONE, "alice");
        engine.setAppState(DefaultWorkspace.DEBUG_PHONE, AppState.BACKGROUND);
    }

    private void send(String text) throws Exception {
        for (DeliveryRecord r : engine.send(ImMessage.text("bob", "alice", text)).records().get(15, TimeUnit.SECONDS)) {
            assertTrue(r.status().isPushAttempt(), r.toString());
        }
    }

    @Test
    void the_log_table_has_a_fixed_row_height_so_rows_are_never_measured() throws Exception {
        clickOn("#nav-log");
        waitUntil(() -> lookup("#log-table").tryQuery().isPresent());
        TableView<?> table = lookup("#log-table").queryAs(TableView.class);
        waitUntil(() -> table.getFixedCellSize() > 0);
        assertTrue(table.getFixedCellSize() >= 20 && table.getFixedCellSize() <= 40, "row height " + table.getFixedCellSize());
    }

    @Test
    void lock_screen_banners_are_refilled_not_rebuilt() throws Exception {
        send("first");
        clickOn("#nav-phones");
        waitUntil(() -> lookup("#notification-iphone-debug-0").tryQuery().isPresent());
        Node top = lookup("#notification-iphone-debug-0").query();
        send("second");
        waitUntil(() -> lookup("#notification-iphone-debug-0 .banner-body").queryAs(Label.class).getText().endsWith("second"));
        assertSame(top, lookup("#notification-iphone-debug-0").query(), "the same node shows the newest notification");
        assertTrue(lookup("#notification-iphone-debug-1 .banner-body").queryAs(Label.class).getText().endsWith("first"));
    }

    @Test
    void the_phone_shadow_is_drawn_once_and_the_phones_viewport_is_not_cached() throws Exception {
        clickOn("#nav-phones");
        waitUntil(() -> lookup("#phone-iphone-debug .phone-shadow").tryQuery().isPresent());
        Node shadow = lookup("#phone-iphone-debug .phone-shadow").query();
        Node frame = lookup("#phone-iphone-debug .phone-frame").query();
        assertTrue(shadow.isCache(), "the shadow's blur is kept as an image");
        assertTrue(shadow.getEffect() != null, "the shadow node casts the shadow");
        assertNull(frame.getEffect(), "the frame, whose content changes, has no effect to redo on every change");
        ScrollPane scroll = (ScrollPane) lookup("#phones-view .scroll-pane").query();
        assertFalse(scroll.lookup(".viewport").isCache(), "a cached viewport re-renders every phone on any change");
        // The shadow caster sits exactly under the frame.
        assertEquals(frame.getLayoutX(), shadow.getLayoutX(), 0.5);
        assertEquals(frame.getLayoutY(), shadow.getLayoutY(), 0.5);
        assertEquals(frame.getLayoutBounds(), shadow.getLayoutBounds());
    }

    @Test
    void sorting_a_column_sorts_the_rows_and_new_rows_land_in_order() throws Exception {
        send("one");
        send("two");
        clickOn("#nav-log");
        waitUntil(() -> lookup("#log-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<DeliveryRecord> table = lookup("#log-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == engine.log().size());
        interact(() -> {
            var seq = table.getColumns().getFirst();
            seq.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(seq);
        });
        send("three");
        waitUntil(() -> table.getItems().size() == engine.log().size());
        List<Long> seqs = table.getItems().stream().map(DeliveryRecord::seq).toList();
        assertEquals(seqs.stream().sorted(java.util.Comparator.reverseOrder()).toList(), seqs, "newest first");
        interact(() -> {
            var reason = table.getColumns().stream().filter(c -> c.getText().equals("Reason")).findFirst().orElseThrow();
            table.getSortOrder().setAll(reason);
            table.getSortOrder().clear();
        });
        assertEquals(engine.log().snapshot(), List.copyOf(table.getItems()), "unsorted: the log's order");
    }
}
