package dev.pushflow.apns;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApnsHeadersTest {
    @Test
    void a_header_not_sent_is_not_rendered_as_sent_and_the_default_is_named() {
        ApnsHeaders h = new ApnsHeaders("com.example.chat", PushType.ALERT, null, null, null, null);
        String text = h.render("ab".repeat(32));
        assertTrue(text.startsWith(":path /3/device/" + "ab".repeat(32) + "\n"), text);
        assertFalse(text.contains("apns-priority: "), "no priority header is sent: " + text);
        assertTrue(text.contains("not sent: apns-priority (APNs uses 10), apns-expiration (stored up to 30 days)"),
                text);
        assertEquals(5, new ApnsHeaders("t", PushType.BACKGROUND, null, null, null, null).effectivePriority());
    }

    @Test
    void every_header_sent_is_rendered_in_Apples_order_including_expiration_and_collapse_ID() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        ApnsHeaders h = new ApnsHeaders("com.example.chat.voip", PushType.VOIP, 10, Instant.ofEpochSecond(1_900_000_000L),
                "chat-42", id);
        assertEquals(List.of("apns-topic: com.example.chat.voip", "apns-push-type: voip", "apns-priority: 10",
                "apns-expiration: 1900000000", "apns-collapse-id: chat-42", "apns-id: " + id), h.lines());
        assertFalse(h.render("ab").contains("not sent"));
        assertTrue(h.problems().isEmpty());
        assertTrue(h.warnings().isEmpty());
    }

    @Test
    void what_APNs_refuses_is_a_problem_naming_the_answer() {
        ApnsHeaders h = new ApnsHeaders("com.example.chat", PushType.ALERT, 7, Instant.ofEpochSecond(-1), "é".repeat(33),
                null);
        List<String> p = h.problems();
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).contains("apns-priority 7") && p.get(0).contains("BadPriority"), p.get(0));
        assertTrue(p.get(1).contains("before 1970"), p.get(1));
        assertTrue(p.get(2).contains("66 bytes") && p.get(2).contains("BadCollapseId"), p.get(2));
        assertEquals(64, ApnsHeaders.collapseIdBytes("é".repeat(32)), "UTF-8 bytes, not characters");
    }

    @Test
    void a_background_push_with_priority_10_and_a_topic_of_another_push_type_are_warned_about() {
        List<String> w = new ApnsHeaders("com.example.chat.voip", PushType.BACKGROUND, 10, null, null, null).warnings();
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("Background pushes must use apns-priority 5"), w.get(0));
        assertTrue(w.get(1).contains("is for apns-push-type voip"), w.get(1));
        assertTrue(new ApnsHeaders("com.example.chat", PushType.VOIP, null, null, null, null).warnings().get(0)
                .contains("needs the topic <bundle ID>.voip"));
    }
}
