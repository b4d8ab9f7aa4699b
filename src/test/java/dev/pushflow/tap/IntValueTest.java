package dev.pushflow.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Objective-C intValue, which is how the component reads action and chatType. */
class IntValueTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Arguments> nsStringIntValue() {
        return Stream.of(
                Arguments.of("1", 1),
                Arguments.of("1abc", 1),          // stops at the first non-digit
                Arguments.of("abc", 0),           // no digits at all gives 0
                Arguments.of("", 0),
                Arguments.of(" 2", 2),            // leading whitespace is skipped
                Arguments.of("\t\n 3", 3),
                Arguments.of("\u3000\u2003 4", 4), // CoreFoundation also skips ideographic and em spaces
                Arguments.of("1.9", 1),           // no rounding: the dot just ends the digits
                Arguments.of("1e3", 1),
                Arguments.of("0x10", 0),          // decimal only
                Arguments.of("-3", -3),
                Arguments.of("+4", 4),
                Arguments.of("- 5", -5),          // CoreFoundation skips whitespace after the sign too
                Arguments.of("-", 0),
                Arguments.of("--1", 0),
                Arguments.of("2 3", 2),
                Arguments.of("007", 7),
                Arguments.of("\uFF11", 0),        // a full-width one is not an ASCII digit
                Arguments.of("2147483647", Integer.MAX_VALUE),
                Arguments.of("2147483648", Integer.MAX_VALUE),   // overflow clamps
                Arguments.of("99999999999999999999999", Integer.MAX_VALUE),
                Arguments.of("-2147483648", Integer.MIN_VALUE),
                Arguments.of("-2147483649", Integer.MIN_VALUE),
                Arguments.of("-99999999999999999999999", Integer.MIN_VALUE));
    }

    @ParameterizedTest(name = "[\"{0}\" intValue] == {1}")
    @MethodSource("nsStringIntValue")
    void nsStringIntValueScansLeadingDecimalDigits(String text, int expected) {
        assertEquals(expected, IntValue.ofString(text));
        // A JSON string node goes through the same scanner.
        assertEquals(OptionalInt.of(expected), IntValue.of(NODES.textNode(text)));
    }

    static Stream<Arguments> nsNumberIntValue() {
        return Stream.of(
                Arguments.of("1", 1),
                Arguments.of("1.9", 1),            // truncation toward zero
                Arguments.of("-1.9", -1),
                Arguments.of("0.99", 0),
                Arguments.of("1.0", 1),
                Arguments.of("1e0", 1),
                Arguments.of("true", 1),           // NSNumber booleans
                Arguments.of("false", 0),
                Arguments.of("2147483648", Integer.MAX_VALUE),   // no wrap-around to a small number
                Arguments.of("4294967297", Integer.MAX_VALUE),
                Arguments.of("-4294967297", Integer.MIN_VALUE),
                Arguments.of("123456789012345678901234567890", Integer.MAX_VALUE),
                Arguments.of("1e10", Integer.MAX_VALUE),
                Arguments.of("-1e10", Integer.MIN_VALUE));
    }

    @ParameterizedTest(name = "[@{0} intValue] == {1}")
    @MethodSource("nsNumberIntValue")
    void nsNumberIntValueTruncatesAndClamps(String json, int expected) throws Exception {
        assertEquals(OptionalInt.of(expected), IntValue.of(JSON.readTree(json)));
    }

    @Test
    void bigDecimalNumbersAlsoTruncateAndClamp() {
        // JsonNode built by hand (not by our parser) may hold exact decimals.
        assertEquals(OptionalInt.of(2), IntValue.of(NODES.numberNode(new BigDecimal("2.999"))));
        assertEquals(OptionalInt.of(-2), IntValue.of(NODES.numberNode(new BigDecimal("-2.999"))));
        assertEquals(OptionalInt.of(Integer.MAX_VALUE), IntValue.of(NODES.numberNode(new BigDecimal("1e40"))));
        assertEquals(OptionalInt.of(Integer.MIN_VALUE),
                IntValue.of(NODES.numberNode(new BigInteger("-1000000000000000000000"))));
    }

    @ParameterizedTest(name = "{0} has no intValue")
    @ValueSource(strings = {"null", "[1]", "[]", "{\"a\":1}", "{}"})
    void nullArraysAndObjectsHaveNoIntValue(String json) throws Exception {
        // NSNull, NSArray and NSDictionary do not answer intValue: the real component would crash.
        assertTrue(IntValue.of(JSON.readTree(json)).isEmpty());
    }

    @Test
    void absentValueHasNoIntValue() {
        assertTrue(IntValue.of(null).isEmpty());
    }
}
