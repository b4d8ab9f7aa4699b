package dev.pushflow.ui.log;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.junit.jupiter.api.Test;

import dev.pushflow.ui.TaskRunner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
    void one_hundred_thousand_rows_in_a_sorted_view_arrive_in_batches_in_order() {
        // How quickly is scripts/benchmark-ui's to measure: a per-batch budget here failed under shared load.
        view.comparatorProperty().set(Comparator.comparingInt(Row::key).reversed());
        for (int b = 0; b < 25; b++) {
            int base = b * 4_000;
            List<Row> batch = IntStream.range(0, 4_000).mapToObj(i -> row(base + i, "r")).toList();
            source.addAll(batch);
        }
        assertEquals(100_000, view.size());
        assertEquals(99_999, view.getFirst().key());
        assertEquals(replayed.size(), view.size());
    }

    /** Background work that runs only when the test says: what arrives meanwhile is up to the test. */
    static final class HeldTasks implements TaskRunner {
        private final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            held.add(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    onFailure.accept(t);
                    return;
                }
                onSuccess.accept(result);
            });
        }

        int pending() {
            return held.size();
        }

        void runAll() {
            while (!held.isEmpty()) {
                held.poll().run();
            }
        }
    }

    private static List<Row> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> row(i, i % 3 == 0 ? "x" : "y")).toList();
    }

    private static List<Row> expected(List<Row> all, Predicate<Row> p, Comparator<Row> c) {
        return all.stream().filter(p).sorted(c).toList();
    }

    @Test
    void a_predicate_filters_only_each_new_batch_and_keeps_the_order() {
        List<Row> all = new ArrayList<>(rows(0, 30));
        source.addAll(all);
        Predicate<Row> xs = r -> r.name().equals("x");
        view.predicateProperty().set(xs);
        view.comparatorProperty().set(Comparator.comparingInt(Row::key).reversed());
        int[] tested = {0};
        view.predicateProperty().set(r -> {
            tested[0]++;
            return xs.test(r);
        });
        tested[0] = 0;
        List<Row> batch = rows(30, 40);
        source.addAll(batch);
        all.addAll(batch);
        assertEquals(10, tested[0], "only the batch is filtered");
        assertConsistent(expected(all, xs, Comparator.comparingInt(Row::key).reversed()));
        view.comparatorProperty().set(null);
        source.addAll(rows(40, 46));
        all.addAll(rows(40, 46));
        assertConsistent(all.stream().filter(xs).toList());
    }

    @Test
    void a_new_filter_on_a_large_list_is_computed_aside_while_batches_keep_arriving_without_loss_or_doubles() {
        HeldTasks tasks = new HeldTasks();
        ObservableList<Row> all = FXCollections.observableArrayList();
        SortedRecords<Row> big = new SortedRecords<>(all, tasks, 100);
        List<Row> seen = new ArrayList<>();
        big.addListener((ListChangeListener<Row>) c -> {
            while (c.next()) {
                for (int i = 0; i < c.getRemovedSize(); i++) {
                    seen.remove(c.getFrom());
                }
                seen.addAll(c.getFrom(), c.getAddedSubList());
            }
        });
        List<Row> added = new ArrayList<>(rows(0, 1_000));
        all.addAll(added);
        Comparator<Row> desc = Comparator.comparingInt(Row::key).reversed();
        big.comparatorProperty().set(desc);
        assertEquals("sorting…", big.pendingWorkProperty().get());
        assertEquals(added, List.copyOf(big), "the old order shows until the new one is ready");
        all.addAll(rows(1_000, 1_100)); // arrives while sorting: shown in the old order meanwhile
        added.addAll(rows(1_000, 1_100));
        assertEquals(added, List.copyOf(big));
        tasks.runAll();
        assertEquals("", big.pendingWorkProperty().get());
        assertEquals(expected(added, r -> true, desc), List.copyOf(big));

        Predicate<Row> xs = r -> r.name().equals("x");
        big.predicateProperty().set(xs);
        assertEquals("filtering…", big.pendingWorkProperty().get());
        all.addAll(rows(1_100, 1_200));
        added.addAll(rows(1_100, 1_200));
        Predicate<Row> ys = r -> r.name().equals("y");
        big.predicateProperty().set(ys); // the user types on: the first result is dropped
        all.addAll(rows(1_200, 1_300));
        added.addAll(rows(1_200, 1_300));
        assertEquals(2, tasks.pending());
        tasks.runAll();
        List<Row> want = expected(added, ys, desc);
        assertEquals(want, List.copyOf(big));
        assertEquals(want, seen, "the change events describe the view");
        assertEquals(want.size(), new HashSet<>(big).size(), "nothing doubled");

        big.predicateProperty().set(null); // still sorted: in the background
        big.comparatorProperty().set(null); // everything unsorted is a copy, done in place
        assertEquals("", big.pendingWorkProperty().get());
        assertEquals(added, List.copyOf(big));
        tasks.runAll(); // the stale sort is dropped
        assertEquals(added, List.copyOf(big));
        assertEquals(added, seen);
    }

    @Test
    void a_removal_while_a_new_order_is_computed_rebuilds_in_place_and_drops_the_stale_result() {
        HeldTasks tasks = new HeldTasks();
        ObservableList<Row> all = FXCollections.observableArrayList(rows(0, 500));
        SortedRecords<Row> big = new SortedRecords<>(all, tasks, 100);
        Comparator<Row> desc = Comparator.comparingInt(Row::key).reversed();
        big.comparatorProperty().set(desc);
        all.remove(0);
        assertEquals("", big.pendingWorkProperty().get());
        assertEquals(expected(all, r -> true, desc), List.copyOf(big));
        tasks.runAll();
        assertEquals(expected(all, r -> true, desc), List.copyOf(big));
    }

    @Test
    void batches_merge_by_binary_search_and_match_a_full_sort() {
        java.util.Random random = new java.util.Random(7);
        List<Row> all = new ArrayList<>();
        view.comparatorProperty().set(Comparator.comparingInt(Row::key));
        for (int b = 0; b < 50; b++) {
            List<Row> batch = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                batch.add(row(random.nextInt(100), "b" + b + "." + i));
            }
            source.addAll(batch);
            all.addAll(batch);
            assertConsistent(expected(all, r -> true, Comparator.comparingInt(Row::key)));
        }
    }
}
