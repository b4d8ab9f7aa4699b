package dev.pushflow.ui.log;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A sorted view of a list that mostly grows, as the delivery log does: what the log table shows. Like
 * {@link javafx.collections.transformation.SortedList}, but a batch of additions is merged in at O(n + b log b)
 * and announced as one change; SortedList pays O(n) for every element added while a comparator is set (it
 * re-indexes its whole mapping per element), which stalled the window for seconds when a flood met a sorted table.
 * Other changes (removals, a new filter, a new comparator) rebuild the view: O(n log n), one change.
 * <p>
 * With no comparator the view keeps the source's order. {@link #getSourceIndex} and {@link #getViewIndex} search
 * (O(n)); nothing in the window calls them.
 */
public final class SortedRecords<E> extends TransformationList<E, E> {
    private final ObjectProperty<Comparator<? super E>> comparator = new SimpleObjectProperty<>(this, "comparator");
    @SuppressWarnings("unchecked")
    private E[] items = (E[]) new Object[16];
    private int size;

    public SortedRecords(ObservableList<? extends E> source) {
        super(source);
        comparator.addListener(o -> rebuild());
        copySource();
    }

    /** The order; null keeps the source's. */
    public ObjectProperty<Comparator<? super E>> comparatorProperty() {
        return comparator;
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends E> c) {
        List<E> added = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        boolean onlyAdditions = true;
        while (c.next()) {
            if (c.wasPermutated() || c.wasRemoved() || c.wasUpdated() || !c.wasAdded()) {
                onlyAdditions = false;
                break;
            }
            added.addAll(c.getAddedSubList());
            ranges.add(new int[]{c.getFrom(), c.getTo()});
        }
        if (!onlyAdditions) {
            rebuild();
        } else if (comparator.get() == null) {
            insertAtSourcePositions(ranges);
        } else {
            merge(added);
        }
    }

    /** Unsorted: the view mirrors the source, so each added range goes where it went in the source. */
    private void insertAtSourcePositions(List<int[]> ranges) {
        ensureCapacity(size + ranges.stream().mapToInt(r -> r[1] - r[0]).sum());
        beginChange();
        for (int[] r : ranges) {
            int n = r[1] - r[0];
            System.arraycopy(items, r[0], items, r[1], size - r[0]);
            for (int i = 0; i < n; i++) {
                items[r[0] + i] = getSource().get(r[0] + i);
            }
            size += n;
            nextAdd(r[0], r[1]);
        }
        endChange();
    }

    /** Sorted: sorts the additions and merges them in (equal elements keep their arrival order), one change. */
    @SuppressWarnings("unchecked")
    private void merge(List<E> added) {
        if (added.isEmpty()) {
            return;
        }
        Comparator<? super E> cmp = comparator.get();
        E[] batch = (E[]) added.toArray();
        Arrays.sort(batch, cmp); // stable
        E[] merged = (E[]) new Object[Math.max(16, (size + batch.length) * 3 / 2)];
        int i = 0;
        int j = 0;
        int k = 0;
        int[] positions = new int[batch.length];
        while (i < size || j < batch.length) {
            if (j == batch.length || (i < size && cmp.compare(items[i], batch[j]) <= 0)) {
                merged[k++] = items[i++];
            } else {
                positions[j] = k;
                merged[k++] = batch[j++];
            }
        }
        items = merged;
        size = k;
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

    /** The whole view again from the source: one change replacing everything. */
    private void rebuild() {
        List<E> old = List.of(Arrays.copyOf(items, size));
        copySource();
        beginChange();
        nextReplace(0, size, old);
        endChange();
    }

    @SuppressWarnings("unchecked")
    private void copySource() {
        E[] copy = (E[]) getSource().toArray();
        if (comparator.get() != null) {
            Arrays.sort(copy, comparator.get());
        }
        items = copy.length >= 16 ? copy : Arrays.copyOf(copy, 16);
        size = copy.length;
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
