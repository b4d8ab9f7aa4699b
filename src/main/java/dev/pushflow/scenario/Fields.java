package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON object read strictly, with the path that led to it, so every error says which file and which
 * field: {@code scenarios/x.json: steps[3].send.to: expected a string, got a number}. Hand-written
 * instead of a schema validator (none is available) and to give messages a tester can act on.
 */
final class Fields {
    private final String source;
    private final String path;
    private final ObjectNode node;

    private Fields(String source, String path, ObjectNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    /** The document's root, which must be an object. */
    static Fields root(JsonNode node, String source) throws ScenarioException {
        if (node == null || !node.isObject()) {
            throw new ScenarioException(source + ": the file must hold one JSON object, not " + typeOf(node));
        }
        return new Fields(source, "", (ObjectNode) node);
    }

    String source() {
        return source;
    }

    String path() {
        return path;
    }

    ObjectNode node() {
        return node;
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ScenarioException error(String message) {
        return new ScenarioException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    ScenarioException error(String key, String message) {
        return new ScenarioException(source + ": " + at(key) + ": " + message);
    }

    /** Unknown keys are errors: a typo such as "tpo" must not be silently ignored. */
    void allowOnly(Collection<String> allowed) throws ScenarioException {
        var names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                String hint = closest(key, allowed);
                throw error("unknown key '" + key + "'" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    String string(String key) throws ScenarioException {
        String value = optString(key);
        if (value == null) {
            throw error("'" + key + "' is required");
        }
        if (value.isBlank()) {
            throw error(key, "must not be empty");
        }
        return value;
    }

    /** A string or nothing; JSON null counts as nothing. */
    String optString(String key) throws ScenarioException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(key, "expected a string, got " + typeOf(v));
        }
        return v.textValue();
    }

    Long optLong(String key) throws ScenarioException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(key, "expected a whole number, got " + typeOf(v) + " " + v);
        }
        return v.longValue();
    }

    Integer optInt(String key) throws ScenarioException {
        Long v = optLong(key);
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw error(key, "number out of range: " + v);
        }
        return v == null ? null : v.intValue();
    }

    Boolean optBoolean(String key) throws ScenarioException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(key, "expected true or false, got " + typeOf(v) + " " + v);
        }
        return v.booleanValue();
    }

    boolean bool(String key) throws ScenarioException {
        Boolean v = optBoolean(key);
        if (v == null) {
            throw error("'" + key + "' is required (true or false)");
        }
        return v;
    }

    /** One of a fixed set of words; the message lists them. */
    <E> E word(String key, Map<String, E> words, boolean required) throws ScenarioException {
        String v = required ? string(key) : optString(key);
        if (v == null) {
            return null;
        }
        E e = words.get(v.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw error(key, "'" + v + "' is not one of " + String.join(", ", words.keySet()));
        }
        return e;
    }

    Fields object(String key) throws ScenarioException {
        Fields f = optObject(key);
        if (f == null) {
            throw error("'" + key + "' is required");
        }
        return f;
    }

    Fields optObject(String key) throws ScenarioException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw error(key, "expected an object, got " + typeOf(v));
        }
        return new Fields(source, at(key), (ObjectNode) v);
    }

    /** The elements of an optional array, or null when the key is absent. */
    List<JsonNode> optArray(String key) throws ScenarioException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw error(key, "expected an array, got " + typeOf(v));
        }
        List<JsonNode> list = new ArrayList<>();
        v.forEach(list::add);
        return list;
    }

    /** The i-th element of an array, which must be an object. */
    Fields element(String key, int index, JsonNode element) throws ScenarioException {
        String p = at(key) + "[" + index + "]";
        if (element == null || !element.isObject()) {
            throw new ScenarioException(source + ": " + p + ": expected an object, got " + typeOf(element));
        }
        return new Fields(source, p, (ObjectNode) element);
    }

    /** A nested object under a path segment that is not a plain key (the step's own key, say). */
    Fields child(String key, JsonNode value) throws ScenarioException {
        if (value == null || !value.isObject()) {
            throw error(key, "expected an object, got " + typeOf(value));
        }
        return new Fields(source, at(key), (ObjectNode) value);
    }

    static String typeOf(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The allowed key nearest to a typo (same letters ignoring case, or two edits away), if any. */
    static String closest(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = candidate.equalsIgnoreCase(key) ? 0
                    : distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(1, Math.min(2, key.length() / 3)) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
