package dev.pushflow.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushflow.apns.ApnsEnvironment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written log line must say exactly what Jackson says for the same record, and read back the same. */
class DeliveryLineTest {

    private static String line(DeliveryRecord r) {
        DeliveryLine l = new DeliveryLine();
        l.append(r);
        return new String(l.bytes(), StandardCharsets.UTF_8);
    }

    private static void sameAsJackson(DeliveryRecord r) throws Exception {
        String ours = line(r);
        assertThat(ours).endsWith("}\n").doesNotContain("\n{");
        JsonNode expected = DeliveryLog.JSON.readTree(DeliveryLog.JSON.writeValueAsString(r));
        JsonNode actual = DeliveryLog.JSON.readTree(ours);
        assertThat(actual).isEqualTo(expected);
        assertThat(DeliveryLog.JSON.readValue(ours, DeliveryRecord.class)).isEqualTo(r);
    }

    @Test
    void a_push_record_reads_back_as_jackson_writes_it() throws Exception {
        sameAsJackson(new DeliveryRecord(42, Instant.parse("2026-11-26T01:18:40.123Z"), "msg-1", "iphone-debug",
                "iPhone (Debug)", "alice", 31287, ApnsEnvironment.SANDBOX, "embedded sandbox 127.0.0.1:4431",
                "com.example.im", "alert", 10, "ab".repeat(32), "9f0c2f7e-0000-4000-8000-000000000001", null,
                DeliveryStatus.ACCEPTED, 200, null, null, null, 812,
                "{\"aps\":{\"alert\":{\"title\":\"bob\",\"body\":\"Lunch? \\\"12:30\\\" 好的 😀\"}},\"ext\":\"{\\\"entity\\\":1}\"}"));
    }

    @Test
    void a_retried_attempt_from_another_source_with_a_delivery_state_reads_back() throws Exception {
        DeliveryRecord r = new DeliveryRecord(7, Instant.parse("2026-11-26T01:18:40.123Z"), "msg-1", "iphone-debug",
                "iPhone (Debug)", "alice", 31287, ApnsEnvironment.SANDBOX, "embedded sandbox 127.0.0.1:4431",
                "com.example.im", "alert", 5, "ab".repeat(32), "9f0c2f7e-0000-4000-8000-000000000001", null,
                DeliveryStatus.ACCEPTED, 200, null, null, null, 812, "{}", DeliveryRecord.SOURCE_LOAD, 3, false,
                "stored-offline");
        sameAsJackson(r);
        assertThat(line(r)).contains("\"attempt\":3,\"final\":false,\"deliveryState\":\"stored-offline\"");
    }

    @Test
    void a_line_written_before_attempts_and_sources_reads_back_as_the_flow_s_only_attempt() throws Exception {
        String old = "{\"seq\":3,\"time\":\"2026-01-01T00:00:00Z\",\"messageId\":\"m\",\"status\":\"ACCEPTED\","
                + "\"statusCode\":200,\"latencyMicros\":5}";
        DeliveryRecord r = DeliveryLog.JSON.readValue(old, DeliveryRecord.class);
        assertThat(r.source()).isEqualTo(DeliveryRecord.SOURCE_FLOW);
        assertThat(r.attempt()).isEqualTo(1);
        assertThat(r.finalAttempt()).isTrue();
        assertThat(r.deliveryState()).isNull();
    }

    @Test
    void a_decision_record_with_nulls_reads_back() throws Exception {
        sameAsJackson(DeliveryRecord.decision(Instant.parse("2026-01-01T00:00:00Z"), "m", "d", "n", "u", 0,
                DeliveryStatus.NO_PUSH, "logged-out", "alice logged out\n\ton purpose"));
    }

    @Test
    void instants_keep_their_precision_and_cache_per_second() throws Exception {
        Instant base = Instant.parse("2026-11-26T01:18:40Z");
        for (int nanos : new int[]{0, 1, 10, 1_000, 120_000, 1_000_000, 999_999_999, 500_000_000}) {
            Instant t = base.plusNanos(nanos);
            DeliveryRecord r = new DeliveryRecord(1, t, "m", null, null, null, 0, ApnsEnvironment.PRODUCTION, null,
                    null, null, null, null, null, null, DeliveryStatus.REJECTED, 410, "Unregistered", null,
                    t.minusSeconds(86_400 * 400L), 5, null);
            sameAsJackson(r);
            assertThat(line(r)).contains("\"time\":\"" + t + "\"");
        }
    }

    @Test
    void random_text_with_controls_quotes_and_unicode_round_trips() throws Exception {
        Random random = new Random(7);
        DeliveryLine shared = new DeliveryLine();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                int pick = random.nextInt(6);
                sb.append(switch (pick) {
                    case 0 -> (char) random.nextInt(0x20);
                    case 1 -> "\"\\/".charAt(random.nextInt(3));
                    case 2 -> (char) (0x80 + random.nextInt(0x780));
                    case 3 -> (char) (0x800 + random.nextInt(0xD000));
                    case 4 -> new String(Character.toChars(0x1F600 + random.nextInt(80)));
                    default -> (char) (0x20 + random.nextInt(0x5F));
                });
            }
            DeliveryRecord r = new DeliveryRecord(i, Instant.ofEpochSecond(1_700_000_000L + random.nextInt(5),
                    random.nextInt(1_000_000_000)), sb.toString(), null, sb.toString(), null, -i, null, null, null,
                    null, random.nextBoolean() ? null : random.nextInt(11), null, null, null, DeliveryStatus.FAILED, 0,
                    null, sb.toString(), null, Long.MAX_VALUE - i, sb.toString());
            sameAsJackson(r);
            shared.append(r);
            all.append(DeliveryLog.JSON.writeValueAsString(r)).append('\n');
        }
        // One encoder for many records (as the writer thread uses it): every line still parses to its record.
        String[] ours = new String(shared.bytes(), StandardCharsets.UTF_8).split("\n");
        String[] jackson = all.toString().split("\n");
        assertThat(ours).hasSameSizeAs(jackson);
        for (int i = 0; i < ours.length; i++) {
            assertThat(DeliveryLog.JSON.readTree(ours[i])).isEqualTo(DeliveryLog.JSON.readTree(jackson[i]));
        }
    }

    @Test
    void a_sending_journal_line_leaves_out_empty_fields_and_reads_back_as_the_same_record() throws Exception {
        DeliveryRecord sending = new DeliveryRecord(9, Instant.parse("2026-11-26T01:18:40.123456Z"), "msg-1",
                "iphone-debug", "iPhone (Debug)", "alice", 31287, ApnsEnvironment.SANDBOX, null, "com.example.im",
                "alert", 10, "ab".repeat(32), "9f0c2f7e-0000-4000-8000-000000000001", null, DeliveryStatus.SENDING, 0,
                null, null, null, 0, null, DeliveryRecord.SOURCE_LOAD, 2, false, null);
        String ours = line(sending);
        assertThat(ours).endsWith("}\n")
                .doesNotContain("null").doesNotContain("payload").doesNotContain("final").doesNotContain("latency")
                .contains("\"status\":\"SENDING\"", "\"attempt\":2", "\"apnsId\":\"9f0c2f7e-0000-4000-8000-000000000001\"");
        assertThat(DeliveryLog.JSON.readValue(ours, DeliveryRecord.class)).isEqualTo(sending);
        String full = DeliveryLog.JSON.writeValueAsString(sending);
        assertThat(ours.length()).isLessThan(full.length() * 3 / 4);
        // A first attempt keeps its number too: without it the line would read back as final.
        DeliveryRecord first = sending.withAttempt(1, false);
        assertThat(DeliveryLog.JSON.readValue(line(first), DeliveryRecord.class)).isEqualTo(first);
    }
}
