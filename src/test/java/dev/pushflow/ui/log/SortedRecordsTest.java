package dev.pushflow.ui.log;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortedRecordsTest {
    /** An element sorted by key; the name tells equal keys apart (arrival order). */
    record Row(int key, String name) {
    }

    private final ObservableList<Row> source = FXCollections.observableArrayList();
    private final SortedRecords<Row> view = new SortedRecords<>(source);
    /** The view rebuilt from nothing but its change events, as a TableView sees it. */
    private final List<Row> replayed = new ArrayList<>();
    private int changes;

    SortedRecordsTest() {
        view.addListener((ListChangeListener<Row>) c -> {
            changes++;
            while (c.next()) {
                if (c.wasPermutated()) {
                    List<Row> copy = new ArrayList<>(replayed);
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        replayed.set(c.getPermutation(i), copy.get(i));
                    }
                } else {
                    for (int i = 0; i < c.getRemovedSize(); i++) {
                        replayed.remove(c.getFrom());
                    }
                    replayed.addAll(c.getFrom(), c.getAddedSubList());
                }
            }
        });
    }

    private void assertConsistent(List<Row> expected) {
        assertEquals(expected, List.copyOf(view));
        assertEquals(expected, replayed, "the change events describe the view");
    }

    private static Row row(int key, String name) {
        return new Row(key, name);
    }

    @Test
    void without_a_comparator_it_keeps_the_source_order() {
        source.addAll(row(3, "a"), row(1, "b"));
        source.add(1, row(2, "c"));
        assertConsistent(List.of(row(3, "a"), row(2, "c"), row(1, "b")));
        source.remove(0);
        assertConsistent(List.of(row(2, "c"), row(1, "b")));
    }

    @Test
    void a_batch_is_merged_in_order_as_one_change_and_equal_keys_keep_their_arrival_order() {
        source.addAll(row(5, "a"), row(1, "b"), row(9, "c"));
        view.comparatorProperty().set(Comparator.comparingInt(Row::key));
        assertConsistent(List.of(row(1, "b"), row(5, "a"), row(9, "c")));
        int before = changes;
        source.addAll(List.of(row(7, "d"), row(0, "e"), row(5, "f"), row(10, "g"), row(5, "h")));
        assertEquals(before + 1, changes, "one change for the batch");
        assertConsistent(List.of(row(0, "e"), row(1, "b"), row(5, "a"), row(5, "f"), row(5, "h"), row(7, "d"),
                row(9, "c"), row(10, "g")));
    }

    @Test
    void a_new_comparator_resorts_and_none_restores_the_source_order() {
        source.addAll(row(2, "a"), row(3, "b"), row(1, "c"));
        view.comparatorProperty().set(Comparator.comparingInt(Row::key).reversed());
        assertConsistent(List.of(row(3, "b"), row(2, "a"), row(1, "c")));
        view.comparatorProperty().set(null);
        assertConsistent(List.of(row(2, "a"), row(3, "b"), row(1, "c")));
    }

    @Test
    void behind_a_filter_a_new_predicate_rebuilds_and_later_batches_merge() {
        ObservableList<Row> all = FXCollections.observableArrayList();
        FilteredList<Row> filtered = new FilteredList<>(all);
        SortedRecords<Row> sorted = new SortedRecords<>(filtered);
        sorted.comparatorProperty().set(Comparator.comparingInt(Row::key).reversed());
        all.addAll(row(1, "x"), row(2, "y"), row(3, "x"));
        filtered.setPredicate(r -> r.name().equals("x"));
        assertEquals(List.of(row(3, "x"), row(1, "x")), List.copyOf(sorted));
        all.addAll(row(2, "x"), row(4, "y"));
        assertEquals(List.of(row(3, "x"), row(2, "x"), row(1, "x")), List.copyOf(sorted));
    }

    @Test
    void one_hundred_thousand_rows_in_a_sorted_view_arrive_in_batches_quickly() {
        view.comparatorProperty().set(Comparator.comparingInt(Row::key).reversed());
        for (int b = 0; b < 25; b++) {
            int base = b * 4_000;
            List<Row> batch = IntStream.range(0, 4_000).mapToObj(i -> row(base + i, "r")).toList();
            long t = System.nanoTime();
            source.addAll(batch);
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertTrue(ms < 100, "one batch took " + ms + " ms");
        }
        assertEquals(100_000, view.size());
        assertEquals(99_999, view.getFirst().key());
        assertEquals(replayed.size(), view.size());
    }
}
