package dev.pushflow.apns;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppleIdsTest {
    @Test
    void a_key_or_team_ID_is_ten_ASCII_capitals_and_digits() {
        assertTrue(AppleIds.isAppleId("ABCDE12345"));
        assertFalse(AppleIds.isAppleId("abcde12345"), "lower case");
        assertFalse(AppleIds.isAppleId("ABCDE1234"), "nine");
        assertFalse(AppleIds.isAppleId("ABCDE\uFF11\uFF12345"), "full-width digits");
        assertFalse(AppleIds.isAppleId(null));
    }

    @Test
    void a_bundle_ID_has_Apples_characters_and_no_empty_part() {
        assertNull(AppleIds.bundleIdProblem("com.example.chat-beta"));
        assertEquals("com.example.chat", AppleIds.requireBundleId(" com.example.chat "));
        assertTrue(AppleIds.bundleIdProblem("com.example.*").contains("wildcard"));
        assertTrue(AppleIds.bundleIdProblem("com..chat").contains("empty part"));
        assertTrue(AppleIds.bundleIdProblem("com.ex ample").contains("a space"));
        assertTrue(AppleIds.bundleIdProblem("").contains("missing"));
        assertNull(AppleIds.bundleIdProblem("a".repeat(155)));
        assertTrue(AppleIds.bundleIdProblem("a".repeat(156)).contains("longer than 155"));
        assertThrows(IllegalArgumentException.class, () -> AppleIds.requireBundleId("com/example"));
    }
}
