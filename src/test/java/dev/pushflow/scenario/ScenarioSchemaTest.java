package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/scenario.schema.json describes the same keys the loader accepts, so editors and PushFlow agree. */
class ScenarioSchemaTest {
    private static final JsonNode SCHEMA;

    static {
        try {
            SCHEMA = new ObjectMapper().readTree(Path.of("docs/scenario.schema.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> keys(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return new TreeSet<>(names);
    }

    @Test
    void schemaHasTheLoadersTopLevelKeys() {
        assertEquals(new TreeSet<>(ScenarioLoader.TOP_LEVEL_KEYS), keys(SCHEMA.get("properties")));
    }

    @Test
    void schemaHasTheLoadersStepKeys() {
        assertEquals(new TreeSet<>(ScenarioLoader.STEP_KEYS), keys(SCHEMA.at("/$defs/step/properties")));
    }

    @Test
    void schemaHasTheSendFieldsAndOfflinePushInfoFields() {
        assertEquals(Set.of("from", "to", "group", "text", "repeat", "custom", "elements", "offlinePushInfo", "apns"),
                keys(SCHEMA.at("/$defs/send/properties")));
        assertEquals(Set.of("title", "desc", "ext", "disablePush", "iOSSound", "ignoreIOSBadge", "iOSPushType", "iOSImage"),
                keys(SCHEMA.at("/$defs/offlinePushInfo/properties")));
    }

    @Test
    void schemaHasTheSendsApnsKeysAndEveryDeliveryState() {
        assertEquals(Set.of("priority", "expiration", "collapseId", "pushType"), keys(SCHEMA.at("/$defs/apns/properties")));
        Set<String> states = new TreeSet<>();
        SCHEMA.at("/$defs/step/properties/expectDelivery/properties/state/enum").forEach(n -> states.add(n.asText()));
        Set<String> codes = new TreeSet<>();
        for (dev.pushflow.afterapns.DeliveryState st : dev.pushflow.afterapns.DeliveryState.values()) {
            codes.add(st.code());
        }
        assertEquals(codes, states);
    }
}
