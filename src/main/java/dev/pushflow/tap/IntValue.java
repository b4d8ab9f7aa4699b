package dev.pushflow.tap;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.OptionalInt;

/**
 * Objective-C {@code intValue} as the component applies it to {@code action} and {@code chatType}.
 * That is why the number 1 and the string "1" mean the same thing.
 */
final class IntValue {

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private IntValue() {
    }

    /**
     * {@code [value intValue]} for a value from NSJSONSerialization, or empty when the value does
     * not answer {@code intValue} (NSNull, NSArray, NSDictionary): the real app would crash.
     */
    static OptionalInt of(JsonNode value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value.isTextual()) {
            return OptionalInt.of(ofString(value.textValue()));
        }
        if (value.isBoolean()) {
            // JSON true/false arrive as NSNumber booleans: 1 and 0.
            return OptionalInt.of(value.booleanValue() ? 1 : 0);
        }
        if (value.isIntegralNumber()) {
            return OptionalInt.of(clamp(value.bigIntegerValue()));
        }
        if (value.isBigDecimal()) {
            return OptionalInt.of(clamp(value.decimalValue().setScale(0, RoundingMode.DOWN).toBigInteger()));
        }
        if (value.isNumber()) {
            // Java's double-to-int cast truncates toward zero and saturates, as CFNumber does.
            return OptionalInt.of((int) value.doubleValue());
        }
        return OptionalInt.empty();
    }

    /**
     * {@code -[NSString intValue]}: skip leading whitespace, an optional sign (whitespace after it
     * is skipped too, as CoreFoundation's scanner does), then ASCII digits up to the first other
     * character. No digits gives 0; overflow gives INT_MAX or INT_MIN.
     */
    static int ofString(String text) {
        int i = skipWhitespace(text, 0);
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i = skipWhitespace(text, i + 1);
        }
        long magnitude = 0;
        boolean sawDigit = false;
        for (; i < text.length() && isDigit(text.charAt(i)); i++) {
            sawDigit = true;
            // Stop growing once past any int: the result is clamped anyway.
            if (magnitude <= Integer.MAX_VALUE + 1L) {
                magnitude = magnitude * 10 + (text.charAt(i) - '0');
            }
        }
        if (!sawDigit) {
            return 0;
        }
        long signed = negative ? -magnitude : magnitude;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, signed));
    }

    private static int clamp(BigInteger value) {
        return value.max(INT_MIN).min(INT_MAX).intValue();
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** CoreFoundation's notion of whitespace for number scanning (controls, space, U+2000..U+200B...). */
    private static boolean isWhitespace(char c) {
        return c < 0x21 || (c > 0x7E && c < 0xA1) || (c >= 0x2000 && c <= 0x200B) || c == 0x3000;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
