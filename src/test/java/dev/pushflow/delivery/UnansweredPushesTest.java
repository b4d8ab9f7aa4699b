package dev.pushflow.delivery;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A SENDING record with no later outcome is a push the app stopped before APNs answered. */
class UnansweredPushesTest {
    private static DeliveryRecord rec(long seq, String apnsId, DeliveryStatus status, int attempt, boolean last) {
        return new DeliveryRecord(seq, Instant.EPOCH, "m", "phone", "Phone", "alice", 1, null, null, "t", "alert", 10,
                "ab", apnsId, null, status, status == DeliveryStatus.ACCEPTED ? 200 : 0, null, null, null, 0, "{}",
                DeliveryRecord.SOURCE_LOAD, attempt, last, null);
    }

    @Test
    void answered_sending_records_are_left_out_and_unanswered_ones_are_unknown_and_final() {
        List<DeliveryRecord> log = List.of(
                rec(1, "a", DeliveryStatus.SENDING, 1, false),
                rec(2, "b", DeliveryStatus.SENDING, 1, false),
                rec(3, "a", DeliveryStatus.ACCEPTED, 1, true),
                rec(4, "b", DeliveryStatus.FAILED, 1, false),
                rec(5, "b", DeliveryStatus.SENDING, 2, false),
                rec(6, "c", DeliveryStatus.SENDING, 1, false));
        List<DeliveryRecord> read = UnansweredPushes.interpret(log, Long.MAX_VALUE);
        assertThat(read).extracting(DeliveryRecord::seq).containsExactly(3L, 4L, 5L, 6L);
        DeliveryRecord b2 = read.get(2);
        assertThat(b2.detail()).isEqualTo("unknown: the app stopped before APNs answered");
        assertThat(b2.finalAttempt()).isTrue();
        assertThat(b2.attempt()).isEqualTo(2);
        assertThat(UnansweredPushes.isUnknown(b2)).isTrue();
        assertThat(UnansweredPushes.unanswered(log)).extracting(DeliveryRecord::apnsId).containsExactly("b", "c");
    }

    @Test
    void sending_records_of_the_running_app_are_in_flight_not_unknown() {
        List<DeliveryRecord> log = List.of(rec(1, "a", DeliveryStatus.SENDING, 1, false),
                rec(2, "b", DeliveryStatus.SENDING, 1, false));
        assertThat(UnansweredPushes.interpret(log, 1)).extracting(DeliveryRecord::seq).containsExactly(1L);
    }

    @Test
    void a_log_without_sending_records_reads_as_it_is() {
        List<DeliveryRecord> log = List.of(rec(1, "a", DeliveryStatus.ACCEPTED, 1, true));
        assertThat(UnansweredPushes.interpret(log, 0)).isSameAs(log);
    }
}
