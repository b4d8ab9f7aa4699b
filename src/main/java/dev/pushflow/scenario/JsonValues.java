package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON equality as a tester means it: 1 equals 1.0; everything else compares as Jackson does. */
final class JsonValues {
    private JsonValues() {
    }

    /** A comparator for {@link JsonNode#equals(java.util.Comparator, JsonNode)}: 0 = equal. */
    static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }
}
