package dev.pushflow.apns;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApnsTopicsTest {
    @Test
    void every_push_type_reads_its_own_topic_back_to_the_bundle_ID() {
        for (PushType t : PushType.values()) {
            String topic = t.topicFor("com.example.chat");
            assertEquals("com.example.chat", ApnsTopics.bundleOf(topic, t), t.name());
            assertEquals("com.example.chat", ApnsTopics.bundleOf(topic), t.name());
            assertTrue(ApnsTopics.isTopicOf(topic, "com.example.chat"), t.name());
        }
    }

    @Test
    void a_topic_that_does_not_fit_the_push_type_has_no_bundle_ID() {
        assertNull(ApnsTopics.bundleOf("com.example.chat", PushType.VOIP), "voip to the plain bundle ID");
        assertNull(ApnsTopics.bundleOf("com.example.chat.voip", PushType.ALERT), "alert to the voip topic");
        assertNull(ApnsTopics.bundleOf("", PushType.ALERT));
        assertNull(ApnsTopics.bundleOf(".voip", PushType.VOIP), "a suffix alone is not a topic");
    }

    @Test
    void the_longest_suffix_wins_so_push_to_talk_is_not_voip() {
        assertEquals(PushType.PUSHTOTALK, ApnsTopics.suffixedType("com.example.chat.voip-ptt"));
        assertEquals(PushType.VOIP, ApnsTopics.suffixedType("com.example.chat.voip"));
        assertNull(ApnsTopics.suffixedType("com.example.chat"));
        assertEquals("com.example.chat", ApnsTopics.bundleOf("com.example.chat.voip-ptt"));
    }

    @Test
    void a_suffixed_topic_of_a_bundle_is_not_the_bundle_itself() {
        assertTrue(ApnsTopics.isSuffixedTopicOf("com.example.chat.voip", "com.example.chat"));
        assertFalse(ApnsTopics.isSuffixedTopicOf("com.example.chat", "com.example.chat"));
        assertFalse(ApnsTopics.isSuffixedTopicOf("com.other.voip", "com.example.chat"));
        assertFalse(ApnsTopics.isTopicOf(null, "com.example.chat"));
    }
}
