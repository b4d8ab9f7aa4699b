package dev.pushflow.delivery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-push timeouts of a {@link DeliveryService}, as one deadline scan per timer tick instead of one timer entry
 * per push. Attempts with the same timeout end in the order they started, so each timeout has a FIFO lane: arming an
 * attempt is one queue offer; an answered attempt is not cancelled but left for the scan, which drops it when it
 * reaches the head (its {@link Attempt#isOver()}), and ends the attempts whose deadline passed. A lane whose head
 * waits for a long timeout while answered attempts pile up behind it is swept whole once it holds more than
 * {@code sweepAbove} entries, so memory stays bounded by the pushes in flight, not by the push rate.
 */
final class Deadlines {
    /** A push in flight, as the scan sees its attempts. */
    interface Attempts {
        /** Attempt {@code n} was answered (or ended otherwise) already: the scan forgets it. */
        boolean isOver(int n);

        /** Attempt {@code n}'s deadline passed: ends it as timed out (and must tolerate an answer racing it). */
        void timedOut(int n);
    }

    /** One armed attempt. */
    record Entry(Attempts push, int attempt, long deadline) {
        boolean isOver() {
            return push.isOver(attempt);
        }

        void timedOut() {
            push.timedOut(attempt);
        }
    }

    private static final class Lane {
        final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();
    }

    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();
    private final int sweepAbove;

    Deadlines(int sweepAbove) {
        this.sweepAbove = Math.max(16, sweepAbove);
    }

    /** Arms attempt {@code n} of a push, started at {@code startNanos} (System.nanoTime), for {@code timeoutNanos}. */
    void arm(Attempts push, int n, long startNanos, long timeoutNanos) {
        Lane lane = lanes.get(timeoutNanos);
        if (lane == null) {
            lane = lanes.computeIfAbsent(timeoutNanos, k -> new Lane());
        }
        lane.queue.offer(new Entry(push, n, startNanos + timeoutNanos));
        lane.size.incrementAndGet();
    }

    /** One tick: ends what timed out by {@code now}, forgets what was answered; returns how many timed out. */
    int scan(long now) {
        int ended = 0;
        for (Lane lane : lanes.values()) {
            Entry head;
            while ((head = lane.queue.peek()) != null) {
                boolean over = head.isOver();
                if (!over && head.deadline() - now > 0) {
                    break;
                }
                if (lane.queue.poll() == head) {
                    lane.size.decrementAndGet();
                    if (!over) {
                        head.timedOut();
                        ended++;
                    }
                }
            }
            if (lane.size.get() > sweepAbove) {
                ended += sweep(lane, now);
            }
        }
        return ended;
    }

    private static int sweep(Lane lane, long now) {
        int ended = 0;
        for (Iterator<Entry> it = lane.queue.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            boolean over = e.isOver();
            if (over || e.deadline() - now <= 0) {
                it.remove();
                lane.size.decrementAndGet();
                if (!over) {
                    e.timedOut();
                    ended++;
                }
            }
        }
        return ended;
    }

    /** Every attempt still armed and not over, taken out (closing: the caller ends each). */
    List<Entry> drain() {
        List<Entry> out = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            Entry e;
            while ((e = lane.queue.poll()) != null) {
                lane.size.decrementAndGet();
                if (!e.isOver()) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Entries waiting in every lane, answered ones not yet dropped included (tests). */
    int armed() {
        int n = 0;
        for (Lane lane : lanes.values()) {
            n += lane.size.get();
        }
        return n;
    }
}
