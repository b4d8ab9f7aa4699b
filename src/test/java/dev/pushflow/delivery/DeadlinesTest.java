package dev.pushflow.delivery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline scan on a fixed clock: what timed out ends once, what was answered is only forgotten. */
class DeadlinesTest {
    private static final long SECOND = 1_000_000_000L;

    /** A push whose attempts are answered by the test. */
    private static final class FakePush implements Deadlines.Attempts {
        final Set<Integer> answered = new HashSet<>();
        final List<Integer> timedOut = new ArrayList<>();

        @Override
        public boolean isOver(int n) {
            return answered.contains(n) || timedOut.contains(n);
        }

        @Override
        public void timedOut(int n) {
            timedOut.add(n);
        }
    }

    @Test
    void an_attempt_times_out_at_its_deadline_and_only_once() {
        Deadlines d = new Deadlines(100);
        FakePush p = new FakePush();
        d.arm(p, 1, 0, 10 * SECOND);
        assertThat(d.scan(10 * SECOND - 1)).isZero();
        assertThat(p.timedOut).isEmpty();
        assertThat(d.scan(10 * SECOND)).isEqualTo(1);
        assertThat(d.scan(20 * SECOND)).isZero();
        assertThat(p.timedOut).containsExactly(1);
        assertThat(d.armed()).isZero();
    }

    @Test
    void answered_attempts_are_forgotten_without_a_timeout() {
        Deadlines d = new Deadlines(100);
        FakePush a = new FakePush();
        FakePush b = new FakePush();
        d.arm(a, 1, 0, 10 * SECOND);
        d.arm(b, 1, 1, 10 * SECOND);
        a.answered.add(1);
        b.answered.add(1);
        assertThat(d.scan(SECOND)).isZero();
        assertThat(d.armed()).isZero();
        assertThat(a.timedOut).isEmpty();
        assertThat(b.timedOut).isEmpty();
    }

    @Test
    void each_timeout_length_has_its_own_lane() {
        Deadlines d = new Deadlines(100);
        FakePush slow = new FakePush();
        FakePush quick = new FakePush();
        d.arm(slow, 1, 0, 10 * SECOND);
        d.arm(quick, 1, SECOND, SECOND); // armed later, due earlier
        assertThat(d.scan(2 * SECOND)).isEqualTo(1);
        assertThat(quick.timedOut).containsExactly(1);
        assertThat(slow.timedOut).isEmpty();
    }

    @Test
    void answered_attempts_behind_a_waiting_one_are_swept_once_the_lane_is_long() {
        Deadlines d = new Deadlines(16);
        FakePush stalled = new FakePush();
        d.arm(stalled, 1, 0, 10 * SECOND);
        for (int i = 0; i < 100; i++) {
            FakePush p = new FakePush();
            d.arm(p, 1, i + 1, 10 * SECOND);
            p.answered.add(1);
        }
        assertThat(d.scan(SECOND)).isZero();
        assertThat(d.armed()).isEqualTo(1); // only the stalled one is left
        assertThat(d.scan(10 * SECOND)).isEqualTo(1);
        assertThat(stalled.timedOut).containsExactly(1);
    }

    @Test
    void a_retried_push_is_armed_again_for_its_next_attempt() {
        Deadlines d = new Deadlines(100);
        FakePush p = new FakePush();
        d.arm(p, 1, 0, SECOND);
        p.answered.add(1); // a 503: retried
        d.arm(p, 2, 2 * SECOND, SECOND);
        assertThat(d.scan(3 * SECOND)).isEqualTo(1);
        assertThat(p.timedOut).containsExactly(2);
    }

    @Test
    void closing_takes_out_what_still_waits() {
        Deadlines d = new Deadlines(100);
        FakePush waiting = new FakePush();
        FakePush done = new FakePush();
        d.arm(waiting, 1, 0, SECOND);
        d.arm(done, 1, 0, SECOND);
        done.answered.add(1);
        List<Deadlines.Entry> left = d.drain();
        assertThat(left).hasSize(1);
        left.get(0).timedOut();
        assertThat(waiting.timedOut).containsExactly(1);
        assertThat(d.armed()).isZero();
    }
}
