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
}
