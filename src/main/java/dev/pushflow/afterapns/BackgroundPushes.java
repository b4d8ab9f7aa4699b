package dev.pushflow.afterapns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A message sent as a background push: {@code content-available} only, the vendor's other keys (ext) kept. */
public final class BackgroundPushes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BackgroundPushes() {
    }

    /** The vendor's payload with its {@code aps} replaced by {"content-available":1}: iOS shows nothing. */
    public static String payload(String vendorJson) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("aps").put("content-available", 1);
        try {
            JsonNode in = JSON.readTree(vendorJson);
            in.fields().forEachRemaining(e -> {
                if (!"aps".equals(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            });
        } catch (Exception e) {
            // the vendor's payload is always JSON; if not, a bare background push is still the right thing
        }
        return out.toString();
    }
}
