package dev.pushflow.ui.log;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A comparator that counts its calls: tests assert the work a batch costs (comparisons), never how long it took
 * on this machine. Speed figures live in {@code dev.pushflow.bench.LogBatchBenchmark}.
 */
final class CountingComparator<T> implements Comparator<T> {
    private final Comparator<? super T> delegate;
    private final AtomicLong count = new AtomicLong();

    CountingComparator(Comparator<? super T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public int compare(T a, T b) {
        count.incrementAndGet();
        return delegate.compare(a, b);
    }

    long count() {
        return count.get();
    }

    void reset() {
        count.set(0);
    }

    /**
     * An upper bound for merging a batch of {@code b} into a sorted view of {@code n}: sorting the batch
     * ({@code b log b}) and placing each row by binary search ({@code b log n}), with a factor 2 for slack.
     * Inserting row by row into a sorted list costs {@code b * n / 2}, far above it.
     */
    static long mergeBound(int b, int n) {
        return 2L * b * (log2(b) + log2(n) + 2);
    }

    private static int log2(int x) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, x));
    }
}
