package dev.pushflow.apns;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceTokensTest {
    private static final String HEX = "3f2a".repeat(16);

    @Test
    void spacesAndAngleBracketsAreStrippedWithANote() {
        DeviceTokens.Parsed p = DeviceTokens.parse("<3f2a3f2a 3f2a3f2a 3f2a3f2a 3f2a3f2a 3f2a3f2a 3f2a3f2a 3f2a3f2a 3f2a3f2a>");
        assertTrue(p.valid());
        assertEquals(HEX, p.hex());
        assertEquals(2, p.notes().size());
    }

    @Test
    void anyEvenHexLengthIsAccepted() {
        assertTrue(DeviceTokens.parse("ab".repeat(100)).valid(), "APNs does not promise 32 bytes");
    }

    @Test
    void oddLengthIsRejectedAsACopyMistake() {
        DeviceTokens.Parsed p = DeviceTokens.parse(HEX.substring(1));
        assertFalse(p.valid());
        assertTrue(p.problem().contains("odd number"));
    }

    @Test
    void iOS13DescriptionIsNotAToken() {
        DeviceTokens.Parsed p = DeviceTokens.parse("{length = 32, bytes = 0x3f2a3f2a ... 3f2a3f2a }");
        assertFalse(p.valid());
        assertTrue(p.problem().contains("iOS 13"));
    }

    @Test
    void nonHexIsNamedWithItsPosition() {
        DeviceTokens.Parsed p = DeviceTokens.parse("3f2g");
        assertFalse(p.valid());
        assertTrue(p.problem().contains("'g' at position 4"));
    }

    @Test
    void upperCaseIsLowerCased() {
        assertEquals(HEX, DeviceTokens.parse(HEX.toUpperCase()).hex());
    }

    @Test
    void fullWidthAndArabicIndicDigitsAreNotHexAndNeverReachTheWire() {
        // Character.isDigit / Character.digit accept any script's digits: '\uFF13' is full-width 3, '\u0663' Arabic-Indic 3
        String fullWidth = "\uFF13f2a".repeat(16);
        String arabicIndic = "\u0663f2a".repeat(16);
        for (String token : new String[]{fullWidth, arabicIndic, "\uFF21" + HEX.substring(1)}) {
            DeviceTokens.Parsed p = DeviceTokens.parse(token);
            assertFalse(p.valid(), token);
            assertTrue(p.problem().contains("at position 1") && p.problem().contains("ASCII"), p.problem());
            assertFalse(DeviceTokens.isWireToken(token), token);
        }
    }

    @Test
    void onlyLowerCaseEvenAsciiHexIsAWireToken() {
        assertTrue(DeviceTokens.isWireToken(HEX));
        assertTrue(DeviceTokens.isWireToken("ab"), "no fixed length");
        assertFalse(DeviceTokens.isWireToken(HEX.toUpperCase(java.util.Locale.ROOT)), "cleaned first: lower case");
        assertFalse(DeviceTokens.isWireToken(HEX.substring(1)), "odd");
        assertFalse(DeviceTokens.isWireToken(""));
        assertFalse(DeviceTokens.isWireToken(null));
        assertFalse(DeviceTokens.isWireToken("<" + HEX + ">"), "pasted text is cleaned by parse, not sent");
        assertEquals(HEX, DeviceTokens.requireWire("<" + HEX.toUpperCase(java.util.Locale.ROOT) + ">"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeviceTokens.requireWire("zz"));
        assertTrue(e.getMessage().contains("'z' at position 1"), e.getMessage());
    }
}
