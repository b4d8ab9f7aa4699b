package dev.pushflow.ui.log;

import dev.pushflow.ui.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A filtered, sorted view of a list that mostly grows, as the delivery log does: what the log table shows. Like a
 * {@link javafx.collections.transformation.SortedList} over a {@link javafx.collections.transformation.FilteredList},
 * but built for a flood:
 * <ul>
 * <li>a batch of additions is filtered (only the batch: a record's match does not change while the filter does
 * not), sorted, and merged in by binary search and block copies: O(b log n) comparisons, one change per batch;
 * SortedList pays O(n) for every element added while a comparator is set;</li>
 * <li>a new predicate or comparator on a large source is computed off the FX thread, on a copy of the source, while
 * batches keep merging into the rows shown; the result, plus the source's records that arrived meanwhile, is swapped
 * in as one change. {@link #pendingWorkProperty()} says meanwhile what is being done ("filtering…").</li>
 * </ul>
 * Other changes of the source (removals, insertions before the end while unsorted) rebuild the view in place.
 * <p>
 * With no comparator the view keeps the source's order. {@link #getSourceIndex} and {@link #getViewIndex} search
 * (O(n)); nothing in the window calls them. The predicate and the comparator must be safe to call from another
 * thread (they only read immutable records).
 */
public final class SortedRecords<E> extends TransformationList<E, E> {
    /** Below this many source elements a new order or filter is computed in place (it takes well under a frame). */
    static final int IN_PLACE_LIMIT = 20_000;

    private final ObjectProperty<Comparator<? super E>> comparator = new SimpleObjectProperty<>(this, "comparator");
    private final ObjectProperty<Predicate<? super E>> predicate = new SimpleObjectProperty<>(this, "predicate");
    private final ReadOnlyStringWrapper pendingWork = new ReadOnlyStringWrapper(this, "pendingWork", "");
    private final TaskRunner tasks;
    private final int inPlaceLimit;
    @SuppressWarnings("unchecked")
    private E[] items = (E[]) new Object[16];
    private int size;
    /** What the rows shown follow; the properties may already ask for something else (computed in the background). */
    private Predicate<? super E> shownPredicate;
    private Comparator<? super E> shownComparator;
    /** Bumped by every new order or filter and every rebuild: a background result of an older one is dropped. */
    private long generation;

    /** Computes everything in place (tests, small lists). */
    public SortedRecords(ObservableList<? extends E> source) {
        this(source, TaskRunner.synchronous(), Integer.MAX_VALUE);
    }

    /** New orders and filters of more than {@code inPlaceLimit} elements are computed by {@code tasks}. */
    public SortedRecords(ObservableList<? extends E> source, TaskRunner tasks, int inPlaceLimit) {
        super(source);
        this.tasks = tasks;
        this.inPlaceLimit = inPlaceLimit;
        comparator.addListener(o -> reconfigure());
        predicate.addListener(o -> reconfigure());
        install(compute(getSource().toArray(), null, null), null, null);
    }

    /** The order; null keeps the source's. */
    public ObjectProperty<Comparator<? super E>> comparatorProperty() {
        return comparator;
    }

    /** Which elements are shown; null shows all. */
    public ObjectProperty<Predicate<? super E>> predicateProperty() {
        return predicate;
    }

    /** "sorting…", "filtering…", "sorting and filtering…" while a new order or filter is computed; else empty. */
    public ReadOnlyStringProperty pendingWorkProperty() {
        return pendingWork.getReadOnlyProperty();
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends E> c) {
        List<E> added = new ArrayList<>();
        boolean additionsOnly = true;
        int expectedFrom = -1;
        int lastTo = -1;
        boolean contiguous = true;
        while (c.next()) {
            if (c.wasPermutated() || c.wasRemoved() || c.wasUpdated() || !c.wasAdded()) {
                additionsOnly = false;
                break;
            }
            contiguous &= expectedFrom < 0 || c.getFrom() == expectedFrom;
            expectedFrom = c.getTo();
            lastTo = c.getTo();
            added.addAll(c.getAddedSubList());
        }
        // Unsorted, the view follows the source's order: only additions at its end can simply be appended.
        boolean appended = contiguous && lastTo == getSource().size();
        if (!additionsOnly || (shownComparator == null && !appended)) {
            rebuildInPlace();
            return;
        }
        E[] batch = filter(added.toArray(), shownPredicate);
        if (batch.length == 0) {
            return;
        }
        int[] positions = mergeIn(batch);
        beginChange();
        int from = positions[0];
        int to = from + 1;
        for (int p = 1; p < positions.length; p++) {
            if (positions[p] == to) {
                to++;
            } else {
                nextAdd(from, to);
                from = positions[p];
                to = from + 1;
            }
        }
        nextAdd(from, to);
        endChange();
    }

    /**
     * Sorts the batch (stable) and merges it into the rows, equal elements after those already there; returns the
     * view index of each batch element, ascending. Comparisons: O(b log n); the rows move by block copies.
     */
    private int[] mergeIn(E[] batch) {
        int b = batch.length;
        int[] positions = new int[b];
        if (shownComparator == null) {
            ensureCapacity(size + b);
            System.arraycopy(batch, 0, items, size, b);
            for (int j = 0; j < b; j++) {
                positions[j] = size + j;
            }
            size += b;
            return positions;
        }
        Comparator<? super E> cmp = shownComparator;
        Arrays.sort(batch, cmp); // stable
        // Where each goes among the old rows: after the last row not greater (upper bound), searching onwards.
        int[] at = new int[b];
        int lo = 0;
        for (int j = 0; j < b; j++) {
            int hi = size;
            int l = lo;
            while (l < hi) {
                int mid = (l + hi) >>> 1;
                if (cmp.compare(items[mid], batch[j]) <= 0) {
                    l = mid + 1;
                } else {
                    hi = mid;
                }
            }
            at[j] = l;
            lo = l;
        }
        ensureCapacity(size + b);
        // From the back: move each run of old rows up by the number of batch elements before it, then place.
        int end = size;
        for (int j = b - 1; j >= 0; j--) {
            int run = end - at[j];
            System.arraycopy(items, at[j], items, at[j] + j + 1, run);
            items[at[j] + j] = batch[j];
            positions[j] = at[j] + j;
            end = at[j];
        }
        size += b;
        return positions;
    }

    /** A new order or filter: in place when the source is small or nothing is to be sorted or filtered. */
    private void reconfigure() {
        Predicate<? super E> p = predicate.get();
        Comparator<? super E> c = comparator.get();
        long gen = ++generation;
        int upTo = getSource().size();
        Object[] snapshot = getSource().toArray();
        if ((p == null && c == null) || upTo <= inPlaceLimit) {
            replaceAll(compute(snapshot, p, c), upTo, p, c);
            pendingWork.set("");
            return;
        }
        boolean sorting = c != shownComparator;
        boolean filtering = p != shownPredicate;
        pendingWork.set(sorting && filtering ? "sorting and filtering…" : filtering ? "filtering…" : "sorting…");
        tasks.run(() -> compute(snapshot, p, c), result -> {
            if (gen == generation) {
                replaceAll(result, upTo, p, c);
                pendingWork.set("");
            }
        }, failure -> {
            if (gen == generation) {
                rebuildInPlace();
            }
        });
    }

    /** The whole view again, here and now, as the properties ask: after a change the merge cannot follow. */
    private void rebuildInPlace() {
        generation++;
        Predicate<? super E> p = predicate.get();
        Comparator<? super E> c = comparator.get();
        replaceAll(compute(getSource().toArray(), p, c), getSource().size(), p, c);
        pendingWork.set("");
    }

    /**
     * Shows {@code rows} (the source's first {@code upTo} elements filtered and sorted) plus the source's elements
     * that arrived since, as one change replacing everything.
     */
    private void replaceAll(E[] rows, int upTo, Predicate<? super E> p, Comparator<? super E> c) {
        List<E> old = Arrays.asList(items).subList(0, size); // that array is not written again: rows replace it
        install(rows, p, c);
        if (upTo < getSource().size()) {
            E[] late = filter(getSource().subList(upTo, getSource().size()).toArray(), p);
            if (late.length > 0) {
                mergeIn(late);
            }
        }
        beginChange();
        nextReplace(0, size, old);
        endChange();
    }

    private void install(E[] rows, Predicate<? super E> p, Comparator<? super E> c) {
        items = rows.length >= 16 ? rows : Arrays.copyOf(rows, 16);
        size = rows.length;
        shownPredicate = p;
        shownComparator = c;
    }

    /** The elements that pass, sorted; on any thread ({@code all} is a private copy). */
    static <E> E[] compute(Object[] all, Predicate<? super E> p, Comparator<? super E> c) {
        E[] rows = filter(all, p);
        if (c != null) {
            Arrays.sort(rows, c); // stable: equal elements keep the source's order
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static <E> E[] filter(Object[] all, Predicate<? super E> p) {
        if (p == null) {
            return (E[]) all;
        }
        Object[] out = new Object[all.length];
        int n = 0;
        for (Object o : all) {
            if (p.test((E) o)) {
                out[n++] = o;
            }
        }
        return (E[]) (n == out.length ? out : Arrays.copyOf(out, n));
    }

    private void ensureCapacity(int n) {
        if (n > items.length) {
            items = Arrays.copyOf(items, Math.max(n, items.length * 3 / 2));
        }
    }

    @Override
    public E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return items[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int getSourceIndex(int index) {
        return getSource().indexOf(get(index));
    }

    @Override
    public int getViewIndex(int index) {
        Object e = getSource().get(index);
        for (int i = 0; i < size; i++) {
            if (items[i] == e) {
                return i;
            }
        }
        return -1;
    }
}
