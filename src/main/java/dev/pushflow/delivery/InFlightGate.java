package dev.pushflow.delivery;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds the pushes in flight, like a semaphore, but wakes a blocked sender once per batch of answers instead of
 * once per answer: a sender that finds the bound reached waits until {@code batch} pushes have completed. With a
 * semaphore every answer (on Pushy's event loop) woke the sender for one more push, a futex wake and a context
 * switch per push on a machine with two cores to share.
 */
public final class InFlightGate {
    private final int max;
    private final int resumeAt;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();
    /** How often a blocked sender looked at the count again (only while blocked: tests wait on it, not on time). */
    private final AtomicLong rechecks = new AtomicLong();

    public InFlightGate(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one push in flight, not " + max);
        }
        this.max = max;
        this.resumeAt = max - Math.max(1, Math.min(64, max / 8));
    }

    int max() {
        return max;
    }

    int inFlight() {
        return inFlight.get();
    }

    int waiting() {
        return waiters.size();
    }

    long rechecks() {
        return rechecks.get();
    }

    /** Takes a place, waiting while {@code max} pushes are in flight. */
    public void acquire() throws InterruptedException {
        while (true) {
            int c = inFlight.get();
            if (c < max) {
                if (inFlight.compareAndSet(c, c + 1)) {
                    return;
                }
                continue;
            }
            Thread me = Thread.currentThread();
            waiters.add(me);
            try {
                while (inFlight.get() > resumeAt) {
                    // Bounded: a wake-up missed in a race costs at most a millisecond, never a hang.
                    LockSupport.parkNanos(this, 1_000_000);
                    rechecks.incrementAndGet();
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            } finally {
                waiters.remove(me);
            }
        }
    }

    /** Gives a place back; the answer that brings the count down to the resume mark wakes the waiting senders. */
    public void release() {
        int c = inFlight.decrementAndGet();
        if (c == resumeAt && !waiters.isEmpty()) {
            for (Thread t : waiters) {
                LockSupport.unpark(t);
            }
        }
    }
}
