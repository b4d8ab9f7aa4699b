package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A record keeps its texts as bytes in the shared arena: every text must come back exactly, whatever it holds. */
class DeliveryRecordTest {

    private static DeliveryRecord record(long seq, String messageId, String apnsId, String uniqueId, String payload) {
        return new DeliveryRecord(seq, Instant.ofEpochSecond(1_764_000_000L, 123_456_789), messageId, "iphone-debug",
                "iPhone (Debug)", "alice", 31287, ApnsEnvironment.SANDBOX, "embedded sandbox", "com.example.im",
                "alert", 10, "ab".repeat(32), apnsId, uniqueId, DeliveryStatus.ACCEPTED, 200, null, null, null, 812,
                payload, DeliveryRecord.SOURCE_LOAD, 2, true, "delivered");
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(60);
        for (int j = 0; j < n; j++) {
            switch (random.nextInt(7)) {
                case 0 -> sb.append((char) random.nextInt(0x20));
                case 1 -> sb.append((char) (0x80 + random.nextInt(0x80))); // Latin-1, not ASCII
                case 2 -> sb.append((char) (0x100 + random.nextInt(0xD000))); // needs UTF-8
                case 3 -> sb.appendCodePoint(0x1F600 + random.nextInt(80)); // a surrogate pair
                case 4 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // an unpaired surrogate
                default -> sb.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return sb.toString();
    }

    @Test
    void every_text_comes_back_exactly_null_empty_latin1_utf8_and_unpaired_surrogates() {
        Random random = new Random(11);
        List<String[]> texts = new ArrayList<>();
        List<DeliveryRecord> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String[] t = new String[4];
            for (int k = 0; k < 4; k++) {
                int pick = random.nextInt(10);
                t[k] = pick == 0 ? null : pick == 1 ? "" : randomText(random);
            }
            texts.add(t);
            records.add(record(i, t[0], t[1], t[2], t[3]));
        }
        for (int i = 0; i < records.size(); i++) { // read back after all were made: no record wrote over another
            DeliveryRecord r = records.get(i);
            String[] t = texts.get(i);
            assertThat(r.messageId()).isEqualTo(t[0]);
            assertThat(r.apnsId()).isEqualTo(t[1]);
            assertThat(r.apnsUniqueId()).isEqualTo(t[2]);
            assertThat(r.payload()).isEqualTo(t[3]);
            assertThat(r.hasPayload()).isEqualTo(t[3] != null);
            DeliveryRecord same = record(i, t[0], t[1], t[2], t[3]);
            assertThat(same).isEqualTo(r).hasSameHashCodeAs(r);
        }
    }

    @Test
    void records_differing_in_one_text_or_field_are_not_equal() {
        DeliveryRecord r = record(1, "m", "9f0c2f7e-0000-4000-8000-000000000001", null, "{\"aps\":{}}");
        assertThat(record(1, "m", "9f0c2f7e-0000-4000-8000-000000000001", null, "{\"aps\":{}}")).isEqualTo(r);
        assertThat(record(1, "n", "9f0c2f7e-0000-4000-8000-000000000001", null, "{\"aps\":{}}")).isNotEqualTo(r);
        assertThat(record(1, "m", "9f0c2f7e-0000-4000-8000-000000000002", null, "{\"aps\":{}}")).isNotEqualTo(r);
        assertThat(record(1, "m", "9f0c2f7e-0000-4000-8000-000000000001", "", "{\"aps\":{}}")).isNotEqualTo(r);
        assertThat(record(1, "m", "9f0c2f7e-0000-4000-8000-000000000001", null, "{\"aps\":{ }}")).isNotEqualTo(r);
        assertThat(record(1, "m", "9f0c2f7e-0000-4000-8000-000000000001", null, null)).isNotEqualTo(r);
        assertThat(record(2, "m", "9f0c2f7e-0000-4000-8000-000000000001", null, "{\"aps\":{}}")).isNotEqualTo(r);
        // The same texts split differently between fields are different records.
        assertThat(record(1, "ab", "c", null, null)).isNotEqualTo(record(1, "a", "bc", null, null));
        assertThat(r.withDeliveryState("expired")).isNotEqualTo(r);
    }

    @Test
    void copies_keep_every_field_but_the_one_changed() {
        DeliveryRecord r = record(5, "msg-é", "9F0C2F7E-0000-4000-8000-000000000001", "好的 😀", "{\"b\":\"x\"}");
        DeliveryRecord later = r.laterState(Instant.parse("2026-12-01T00:00:00Z"), "expired");
        assertThat(later.seq()).isZero();
        assertThat(later.time()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(later.deliveryState()).isEqualTo("expired");
        assertThat(later.messageId()).isEqualTo("msg-é");
        assertThat(later.apnsUniqueId()).isEqualTo("好的 😀");
        assertThat(later.payload()).isEqualTo("{\"b\":\"x\"}");
        assertThat(later.withSeq(5).laterState(r.time(), "delivered").withSeq(5)).isEqualTo(r);
        assertThat(r.withAttempt(0, false).finalAttempt()).as("attempt 0 reads as the only, final attempt").isTrue();
        assertThat(r.withAttempt(3, false).attempt()).isEqualTo(3);
        assertThat(r.withSource(null).source()).isEqualTo(DeliveryRecord.SOURCE_FLOW);
        assertThat(r.toString()).startsWith("DeliveryRecord[seq=5, time=").contains("apnsId=9F0C2F7E-");
    }

    @Test
    void a_record_without_a_time_has_none() {
        DeliveryRecord r = DeliveryRecord.decision(null, "m", "d", "n", "u", 0, DeliveryStatus.NO_PUSH, "x", "y");
        assertThat(r.time()).isNull();
        assertThat(r.timeMillis()).isEqualTo(Long.MIN_VALUE);
        assertThat(DeliveryRecord.decision(Instant.ofEpochMilli(1_500), "m", "d", "n", "u", 0, DeliveryStatus.NO_PUSH,
                "x", "y").timeMillis()).isEqualTo(1_500);
    }

    @Test
    void a_long_payload_gets_its_own_array_and_the_arena_grows_its_chunks() {
        TextArena arena = new TextArena();
        int[] at = new int[1];
        byte[] first = arena.reserve(100, at);
        assertThat(at[0]).isZero();
        assertThat(arena.reserve(100, at)).isSameAs(first);
        assertThat(at[0]).isEqualTo(100);
        byte[] own = arena.reserve(first.length, at);
        assertThat(own).isNotSameAs(first).hasSize(first.length);
        assertThat(arena.reserve(10, at)).as("the shared chunk stays in use").isSameAs(first);
        assertThat(at[0]).isEqualTo(200);
        long before = arena.allocatedBytes();
        byte[] c = first;
        int chunks = 0;
        while (arena.allocatedBytes() < 40L * 1024 * 1024) {
            byte[] next = arena.reserve(10_000, at);
            if (next != c) {
                chunks++;
                c = next;
            }
        }
        assertThat(arena.allocatedBytes()).isGreaterThan(before);
        assertThat(c.length).as("large chunks once the arena is large").isEqualTo(8 * 1024 * 1024);
        assertThat(chunks).isLessThan(40);

        String big = "x".repeat(3 * 1024 * 1024);
        DeliveryRecord r = record(1, null, null, null, big);
        assertThat(r.payload()).isEqualTo(big);
    }
}
