package dev.pushflow.apns;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HexDigitsTest {
    /** The rule written out the plain way: ASCII 0-9, a-f and (unless lowercase only) A-F. */
    private static int reference(char c, boolean lowercaseOnly) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (!lowercaseOnly && c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    @Test
    void every_character_has_the_value_of_the_plain_rule() {
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            for (boolean lower : new boolean[] {true, false}) {
                int want = reference(c, lower);
                int got = HexDigits.value(c, lower);
                if (want < 0) {
                    assertTrue(got < 0, () -> "U+" + Integer.toHexString(c) + " is not a hex digit, got " + got);
                } else {
                    assertEquals(want, got, () -> "U+" + Integer.toHexString(c));
                }
                // beyond ASCII, a character whose low 7 bits are a digit must still fail (U+0130 is 0x30 + 0x100)
                assertEquals(want >= 0, HexDigits.allHex(String.valueOf(c), 0, 1, lower), () -> "U+" + Integer.toHexString(c));
            }
        }
    }

    @Test
    void a_string_is_all_hex_exactly_when_each_character_is() {
        Random random = new Random(7);
        String alphabet = "0123456789abcdefABCDEFgG-z \u0130\u0661\uff10";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(70);
            for (int i = 0; i < len; i++) {
                b.append(random.nextInt(8) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : alphabet.charAt(random.nextInt(22)));
            }
            String s = b.toString();
            for (boolean lower : new boolean[] {true, false}) {
                boolean want = s.chars().allMatch(c -> reference((char) c, lower) >= 0);
                assertEquals(want, HexDigits.allHex(s, 0, s.length(), lower), s);
            }
        }
    }

    @Test
    void parse_reads_up_to_sixteen_digits_in_either_case() {
        Random random = new Random(11);
        for (int n = 0; n < 2_000; n++) {
            long v = random.nextLong();
            String hex = String.format("%016x", v);
            assertEquals(v, HexDigits.parse(hex, 0, 16));
            assertEquals(v, HexDigits.parse(hex.toUpperCase(java.util.Locale.ROOT), 0, 16));
            assertEquals(v >>> 32, HexDigits.parse(hex, 0, 8));
        }
        assertEquals(0, HexDigits.parse("", 0, 0));
    }

    @Test
    void canonical_uuids_lowercase_only_or_either_case() {
        String id = UUID.randomUUID().toString();
        assertTrue(AppleIds.isCanonicalUuid(id, true));
        assertTrue(AppleIds.isCanonicalUuid(id.toUpperCase(java.util.Locale.ROOT), false));
        assertFalse(AppleIds.isCanonicalUuid(id.toUpperCase(java.util.Locale.ROOT).replace('-', 'F'), false));
        assertFalse(AppleIds.isCanonicalUuid("9E3779B9-7F4A-7C15-BF58-476D1CE4E5B9", true), "upper case on the wire");
        assertFalse(AppleIds.isCanonicalUuid("9e3779b9-7f4a-7c15-bf58-476d1ce4e5b", false), "35 characters");
        assertFalse(AppleIds.isCanonicalUuid("9e3779b9-7f4a-7c15-bf58-476d1ce4e5b\u0130", false), "U+0130 at the end");
        assertFalse(AppleIds.isCanonicalUuid("9e3779b9-7f4a-7c15-bf58-476d1ce4e5bg", false));
        assertFalse(AppleIds.isCanonicalUuid("9e3779b97f4a-7c15-bf58-476d1ce4e5b9-", false), "dashes elsewhere");
        // every position, every wrong character class: one bad character anywhere fails
        for (int i = 0; i < 36; i++) {
            for (char bad : new char[] {'g', 'G', ' ', '\u0130', '\u0661', i == 8 || i == 13 || i == 18 || i == 23 ? 'a' : '-'}) {
                String s = id.substring(0, i) + bad + id.substring(i + 1);
                assertFalse(AppleIds.isCanonicalUuid(s, false), s);
            }
        }
    }
}
