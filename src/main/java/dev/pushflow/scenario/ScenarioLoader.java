package dev.pushflow.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pushflow.afterapns.DeliveryState;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.FlakyRegistration;
import dev.pushflow.engine.TapOutcome;
import dev.pushflow.engine.TokenRemedy;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImUser;
import dev.pushflow.im.MessageElement;
import dev.pushflow.im.OfflinePushInfo;
import dev.pushflow.tap.RedirectKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads scenario files strictly: unknown keys, wrong types, unknown devices or users and expectations
 * that have nothing to check are errors whose message names the file and the field or step, e.g.
 * {@code scenarios/x.json: steps[3].send: 'to' or 'group' is required}. Nothing is run.
 */
public final class ScenarioLoader {
    /** Strict like the files deserve: duplicate keys and trailing garbage are errors too. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static final List<String> TOP_LEVEL_KEYS;

    static {
        List<String> keys = new ArrayList<>(List.of("$schema", "name", "description"));
        keys.addAll(WorkspaceSpec.KEYS);
        keys.add("steps");
        TOP_LEVEL_KEYS = List.copyOf(keys);
    }

    private static final Map<String, AppState> STATES = words(AppState.values(), AppState::wireName);
    private static final Map<String, DeliveryStatus> PUSH_STATUSES = ordered(
            "accepted", DeliveryStatus.ACCEPTED, "rejected", DeliveryStatus.REJECTED, "failed", DeliveryStatus.FAILED);
    private static final Map<String, ApnsEnvironment> ENVIRONMENTS = words(ApnsEnvironment.values(),
            ApnsEnvironment::wireName);
    private static final Map<String, String> PUSH_TYPES = words(
            java.util.Arrays.stream(PushType.values()).map(PushType::headerValue).toArray(String[]::new), t -> t);
    private static final Map<String, RedirectKind> TARGETS = words(RedirectKind.values(), RedirectKind::wireName);
    private static final Map<String, TapOutcome.Delivery> DELIVERIES =
            words(TapOutcome.Delivery.values(), Step::deliveryWireName);
    private static final Map<String, TokenRemedy> REMEDIES = words(TokenRemedy.values(), TokenRemedy::wireName);
    static final List<String> STEP_KEYS = List.of("login", "logout", "appState", "disablePush", "enablePush",
            "uninstall", "install", "customParse", "send", "tap", "expectPush", "expectNoPush", "expectRedirect",
            "expectPayload", "retryRegistration", "flakyRegistration", "network", "lowPower", "advanceClock",
            "backgroundBudget", "expectDelivery", "expectLockScreen", "weather", "deliveryPolicy", "expectAttempts");
    private static final Map<String, String> WEATHER_GATEWAYS = ordered("sandbox", "sandbox", "production",
            "production", "both", "both");
    private static final Map<String, DeliveryState> DELIVERY_STATES = words(DeliveryState.values(), DeliveryState::code);
    private static final Map<String, Boolean> NETWORK_STATES = ordered2("online", true, "offline", false);
    private static final List<String> ELEMENT_KEYS = List.of("text", "image", "audio", "file", "location", "face",
            "custom");

    /** A scenario file is read whole: 16 MiB bounds it (the largest example is a few KiB). */
    public static final int FILE_LIMIT = 16 * dev.pushflow.io.BoundedInput.MIB;

    private ScenarioLoader() {
    }

    /** Loads a scenario file; relative credential paths start at the file's folder. */
    public static Scenario load(Path file) throws ScenarioException {
        String text;
        try {
            text = dev.pushflow.io.BoundedInput.text(file, "the scenario file", FILE_LIMIT);
        } catch (dev.pushflow.io.BoundedInput.InputException e) {
            throw new ScenarioException(e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), file, dir);
    }

    /**
     * Parses scenario text; {@code sourceName} names it in messages and becomes the scenario's file path.
     * Relative credential paths start at the working folder.
     */
    public static Scenario parse(String json, String sourceName) throws ScenarioException {
        return parse(json, sourceName, Path.of(sourceName), Path.of("").toAbsolutePath());
    }

    private static Scenario parse(String json, String source, Path file, Path baseDir) throws ScenarioException {
        Fields root = Fields.root(readTree(json, source), source);
        root.allowOnly(TOP_LEVEL_KEYS);
        String name = root.string("name");
        root.optString("description");
        WorkspaceSpec workspace = WorkspaceSpec.read(root, baseDir);
        List<JsonNode> stepNodes = root.optArray("steps");
        if (stepNodes == null || stepNodes.isEmpty()) {
            throw root.error("'steps' is required and must list at least one step");
        }
        References refs = new References(workspace);
        List<Step> steps = new ArrayList<>();
        boolean sent = false;
        boolean tapped = false;
        for (int i = 0; i < stepNodes.size(); i++) {
            Fields holder = root.element("steps", i, stepNodes.get(i));
            List<String> keys = new ArrayList<>();
            holder.node().fieldNames().forEachRemaining(keys::add);
            if (keys.size() != 1) {
                throw holder.error("a step has exactly one key (" + String.join(", ", STEP_KEYS) + "), found "
                        + (keys.isEmpty() ? "none" : keys.size() + ": " + String.join(", ", keys)));
            }
            holder.allowOnly(STEP_KEYS);
            String key = keys.get(0);
            Fields f = holder.child(key, holder.raw(key));
            Step step = readStep(key, f, refs);
            if ((step instanceof Step.ExpectPush || step instanceof Step.ExpectNoPush
                    || step instanceof Step.ExpectPayload || step instanceof Step.ExpectDelivery
                    || step instanceof Step.ExpectAttempts) && !sent) {
                throw f.error("comes before any send step: there is no push to check yet");
            }
            if (step instanceof Step.ExpectRedirect && !tapped) {
                throw f.error("comes before any tap step: there is no tap to check yet");
            }
            sent |= step instanceof Step.Send;
            tapped |= step instanceof Step.Tap;
            steps.add(step);
        }
        return new Scenario(name, file, workspace, steps);
    }

    static JsonNode readTree(String json, String source) throws ScenarioException {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new ScenarioException(source + ": the file is empty: write a scenario object like "
                        + "{\"name\": \"...\", \"steps\": [...]} (see docs/scenarios.md)");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(source + ": not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage() + ": fix the JSON there (an editor with JSON checking shows it)", e);
        }
    }

    // ------------------------------------------------------------------ steps

    private static Step readStep(String key, Fields f, References refs) throws ScenarioException {
        return switch (key) {
            case "login" -> {
                f.allowOnly(List.of("device", "user"));
                yield new Step.Login(refs.device(f), refs.user(f, "user"));
            }
            case "logout" -> new Step.Logout(deviceOnly(f, refs));
            case "appState" -> {
                f.allowOnly(List.of("device", "state"));
                yield new Step.SetAppState(refs.device(f), f.word("state", STATES, true));
            }
            case "disablePush" -> new Step.DisablePush(deviceOnly(f, refs));
            case "enablePush" -> new Step.EnablePush(deviceOnly(f, refs));
            case "uninstall" -> new Step.Uninstall(deviceOnly(f, refs));
            case "install" -> new Step.Install(deviceOnly(f, refs));
            case "customParse" -> {
                f.allowOnly(List.of("device", "takeOver"));
                yield new Step.CustomParse(refs.device(f), f.bool("takeOver"));
            }
            case "send" -> readSend(f, refs);
            case "tap" -> {
                f.allowOnly(List.of("device", "index"));
                Integer index = f.optInt("index");
                if (index != null && index < 0) {
                    throw f.error("index", "an index counts from 0 (the oldest notification); leave it out for the newest");
                }
                yield new Step.Tap(refs.device(f), index);
            }
            case "expectPush" -> {
                f.allowOnly(List.of("device", "status", "reason", "certificateId", "environment", "topic", "pushType"));
                String device = refs.device(f);
                DeliveryStatus status = f.word("status", PUSH_STATUSES, true);
                String reason = f.optString("reason");
                if (reason != null && status == DeliveryStatus.ACCEPTED) {
                    throw f.error("reason", "an accepted push has no reason; use status rejected or failed");
                }
                yield new Step.ExpectPush(device, status, reason, f.optLong("certificateId"),
                        f.word("environment", ENVIRONMENTS, false), f.optString("topic"),
                        f.word("pushType", PUSH_TYPES, false));
            }
            case "expectNoPush" -> {
                f.allowOnly(List.of("device", "because"));
                yield new Step.ExpectNoPush(refs.device(f), f.optString("because"));
            }
            case "expectRedirect" -> {
                f.allowOnly(List.of("device", "target", "userID", "groupID", "delivery", "reason"));
                yield new Step.ExpectRedirect(refs.device(f), f.word("target", TARGETS, true), f.optString("userID"),
                        f.optString("groupID"), f.word("delivery", DELIVERIES, false), f.optString("reason"));
            }
            case "expectPayload" -> readExpectPayload(f, refs);
            case "retryRegistration" -> {
                f.allowOnly(List.of("device", "by"));
                String device = refs.device(f);
                TokenRemedy by = f.word("by", REMEDIES, false);
                yield new Step.RetryRegistration(device, by == null ? TokenRemedy.RETRY : by);
            }
            case "flakyRegistration" -> readFlakyRegistration(f);
            case "network" -> {
                f.allowOnly(List.of("device", "state"));
                yield new Step.Network(refs.device(f), f.word("state", NETWORK_STATES, true));
            }
            case "lowPower" -> {
                f.allowOnly(List.of("device", "on"));
                yield new Step.LowPower(refs.device(f), f.bool("on"));
            }
            case "advanceClock" -> {
                f.allowOnly(List.of("seconds"));
                Long seconds = f.optLong("seconds");
                if (seconds == null || seconds <= 0) {
                    throw f.error("seconds", "how far to move the clock forward: a number of seconds above 0"
                            + " (3600 = one hour, 86400 = one day)");
                }
                yield new Step.AdvanceClock(seconds);
            }
            case "backgroundBudget" -> {
                f.allowOnly(List.of("perHour"));
                Integer perHour = f.optInt("perHour");
                if (perHour == null || perHour < 0) {
                    throw f.error("perHour", "background pushes per app and hour that reach the app: 0 or more");
                }
                yield new Step.BackgroundBudget(perHour);
            }
            case "expectDelivery" -> {
                f.allowOnly(List.of("device", "state", "index"));
                String device = refs.device(f);
                DeliveryState state = f.word("state", DELIVERY_STATES, true);
                Integer index = f.optInt("index");
                if (index != null && index < 0) {
                    throw f.error("index", "counts this scenario's pushes to the device from 0; leave it out for the"
                            + " previous send's");
                }
                yield new Step.ExpectDelivery(device, state, index);
            }
            case "expectLockScreen" -> {
                f.allowOnly(List.of("device", "count", "newest"));
                String device = refs.device(f);
                Integer count = f.optInt("count");
                if (count == null || count < 0) {
                    throw f.error("count", "how many notifications the lock screen shows: 0 or more");
                }
                String newest = f.optString("newest");
                if (newest != null && count == 0) {
                    throw f.error("newest", "an empty lock screen has no newest notification; drop 'newest' or"
                            + " expect a count above 0");
                }
                yield new Step.ExpectLockScreen(device, count, newest);
            }
            case "weather" -> readWeather(f);
            case "deliveryPolicy" -> {
                f.allowOnly(List.of("spec"));
                String spec = f.string("spec");
                try {
                    yield new Step.DeliveryPolicyStep(dev.pushflow.delivery.DeliveryPolicy.parse(spec), spec.trim());
                } catch (IllegalArgumentException e) {
                    throw f.error("spec", e.getMessage());
                }
            }
            case "expectAttempts" -> readExpectAttempts(f, refs);
            default -> throw new IllegalStateException("unhandled step key " + key);
        };
    }

    /** {"gateway": "sandbox"|"production"|"both", "faults": SPEC ("clear" or "" clears), "seed"?: N}. */
    private static Step readWeather(Fields f) throws ScenarioException {
        f.allowOnly(List.of("gateway", "faults", "seed"));
        String gateway = f.word("gateway", WEATHER_GATEWAYS, true);
        if (!f.has("faults")) {
            throw f.error("'faults' is required: a weather spec such as \"429=5%,503=1%,latency=20~10\", or"
                    + " \"clear\"");
        }
        String faults = f.optString("faults");
        faults = faults == null ? "" : faults.trim();
        if (faults.equalsIgnoreCase("clear")) {
            faults = "";
        }
        try {
            dev.pushflow.gateway.Weather.parse(faults);
        } catch (IllegalArgumentException e) {
            throw f.error("faults", e.getMessage() + " (kinds: 429, 500, 503, shutdown, goaway, reset, stall as"
                    + " KIND=RATE; latency=MS or MS~JITTER; per-token=N; \"clear\" clears)");
        }
        Long seed = f.optLong("seed");
        return new Step.WeatherStep(gateway, faults, seed == null ? 1 : seed);
    }

    private static Step readExpectAttempts(Fields f, References refs) throws ScenarioException {
        f.allowOnly(List.of("device", "attempts"));
        String device = refs.device(f);
        List<JsonNode> list = f.optArray("attempts");
        if (list == null || list.isEmpty()) {
            throw f.error("'attempts' is required: the push's attempts in order, e.g. [{\"status\": \"rejected\","
                    + " \"reason\": \"TooManyRequests\"}, {\"status\": \"accepted\"}]");
        }
        List<Step.Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Fields a = f.element("attempts", i, list.get(i));
            a.allowOnly(List.of("status", "reason"));
            DeliveryStatus status = a.word("status", PUSH_STATUSES, true);
            String reason = a.optString("reason");
            if (reason != null && status == DeliveryStatus.ACCEPTED) {
                throw a.error("reason", "an accepted attempt has no reason; use status rejected or failed");
            }
            if (status == DeliveryStatus.ACCEPTED && i < list.size() - 1) {
                throw a.error("status", "an accepted attempt is the push's last: nothing is retried after a 200");
            }
            attempts.add(new Step.Attempt(status, reason));
        }
        return new Step.ExpectAttempts(device, attempts);
    }

    private static Step readFlakyRegistration(Fields f) throws ScenarioException {
        f.allowOnly(List.of("debugChance", "releaseChance", "seed"));
        if (!f.has("debugChance") && !f.has("releaseChance")) {
            throw f.error("'debugChance' is required: the chance (0..1) that a Debug build's token request fails");
        }
        Long seed = f.optLong("seed");
        return new Step.FlakyRegistrationStep(new FlakyRegistration(chance(f, "debugChance"),
                chance(f, "releaseChance"), seed == null ? 0 : seed));
    }

    private static double chance(Fields f, String key) throws ScenarioException {
        JsonNode v = f.raw(key);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.doubleValue() < 0 || v.doubleValue() > 1) {
            throw f.error(key, "expected a chance between 0 and 1 (0.3 = 30%), got " + v);
        }
        return v.doubleValue();
    }

    private static String deviceOnly(Fields f, References refs) throws ScenarioException {
        f.allowOnly(List.of("device"));
        return refs.device(f);
    }

    private static Step readSend(Fields f, References refs) throws ScenarioException {
        f.allowOnly(List.of("from", "to", "group", "text", "repeat", "custom", "elements", "offlinePushInfo", "apns"));
        String from = refs.user(f, "from");
        String to = f.optString("to");
        String group = f.optString("group");
        if (to == null && group == null) {
            throw f.error("'to' or 'group' is required");
        }
        if (to != null && group != null) {
            throw f.error("give 'to' (one user) or 'group', not both");
        }
        if (to != null) {
            refs.user(f, "to");
        } else {
            ImGroup g = refs.groups.get(group);
            if (g == null) {
                throw f.error("group", "no group '" + group + "'; groups: " + String.join(", ", refs.groups.keySet()));
            }
            if (!g.members().contains(from)) {
                throw f.error("from", from + " is not a member of " + group + "; members: "
                        + String.join(", ", g.members()));
            }
        }
        int contentKeys = (f.has("text") ? 1 : 0) + (f.has("custom") ? 1 : 0) + (f.has("elements") ? 1 : 0);
        if (contentKeys != 1) {
            throw f.error(contentKeys == 0 ? "'text', 'custom' or 'elements' is required"
                    : "give one of 'text', 'custom' or 'elements'");
        }
        Integer repeat = f.optInt("repeat");
        if (repeat != null && !f.has("text")) {
            throw f.error("repeat", "repeats 'text'; there is no 'text' here");
        }
        if (repeat != null && (repeat < 1 || repeat > 100_000)) {
            throw f.error("repeat", "must be between 1 and 100000, not " + repeat);
        }
        List<MessageElement> elements = new ArrayList<>();
        if (f.has("text")) {
            String text = f.optString("text");
            elements.add(new MessageElement.Text(repeat == null ? text : text.repeat(repeat)));
        } else if (f.has("custom")) {
            elements.add(new MessageElement.Custom(customData(f, "custom", f.raw("custom"))));
        } else {
            List<JsonNode> list = f.optArray("elements");
            if (list.isEmpty()) {
                throw f.error("elements", "a message needs at least one element");
            }
            for (int i = 0; i < list.size(); i++) {
                elements.add(readElement(f.element("elements", i, list.get(i))));
            }
        }
        OfflinePushInfo info = readOfflinePushInfo(f.optObject("offlinePushInfo"));
        return new Step.Send(from, to, group, elements, info, readSendApns(f.optObject("apns")));
    }

    private static MessageElement readElement(Fields e) throws ScenarioException {
        List<String> keys = new ArrayList<>();
        e.node().fieldNames().forEachRemaining(keys::add);
        if (keys.size() != 1) {
            throw e.error("an element has exactly one key (" + String.join(", ", ELEMENT_KEYS) + ")");
        }
        e.allowOnly(ELEMENT_KEYS);
        String key = keys.get(0);
        return switch (key) {
            case "text" -> new MessageElement.Text(e.optString("text"));
            case "image" -> new MessageElement.Image(e.string("image"));
            case "audio" -> new MessageElement.Audio(nonNegative(e, "audio"));
            case "file" -> new MessageElement.File(e.string("file"));
            case "location" -> new MessageElement.Location(e.string("location"));
            case "face" -> new MessageElement.Face(nonNegative(e, "face"));
            case "custom" -> new MessageElement.Custom(customData(e, "custom", e.raw("custom")));
            default -> throw new IllegalStateException(key);
        };
    }

    private static int nonNegative(Fields f, String key) throws ScenarioException {
        Integer v = f.optInt(key);
        if (v == null || v < 0) {
            throw f.error(key, "expected a number 0 or more");
        }
        return v;
    }

    /** Custom data as a string, or any JSON value written compactly (the backend never reads it). */
    private static String customData(Fields f, String key, JsonNode v) throws ScenarioException {
        if (v == null || v.isNull()) {
            throw f.error(key, "custom data is required (a string or any JSON value)");
        }
        return v.isTextual() ? v.textValue() : v.toString();
    }

    /** A send's APNs headers: priority 10, 5 or 1; expiration in seconds from now (0 = never stored); ... */
    private static Step.SendApns readSendApns(Fields f) throws ScenarioException {
        if (f == null) {
            return null;
        }
        f.allowOnly(List.of("priority", "expiration", "collapseId", "pushType"));
        Integer priority = f.optInt("priority");
        if (priority != null && priority != 10 && priority != 5 && priority != 1) {
            throw f.error("priority", "APNs knows 10 (at once), 5 (power-aware) and 1 (never wakes the device), not "
                    + priority);
        }
        Long expiration = f.optLong("expiration");
        if (expiration != null && expiration < 0) {
            throw f.error("expiration", "seconds from now until APNs gives up (0 = try once, never store), not "
                    + expiration);
        }
        String collapseId = f.optString("collapseId");
        if (collapseId != null && collapseId.isEmpty()) {
            throw f.error("collapseId", "an empty collapse ID means nothing; leave the key out");
        }
        String pushType = f.word("pushType", ordered2("alert", "alert", "background", "background"), false);
        return new Step.SendApns(priority, expiration, collapseId,
                pushType == null ? null : "background".equals(pushType) ? PushType.BACKGROUND : PushType.ALERT);
    }

    private static OfflinePushInfo readOfflinePushInfo(Fields f) throws ScenarioException {
        if (f == null) {
            return OfflinePushInfo.NONE;
        }
        f.allowOnly(List.of("title", "desc", "ext", "disablePush", "iOSSound", "ignoreIOSBadge", "iOSPushType",
                "iOSImage"));
        String ext = null;
        JsonNode extNode = f.raw("ext");
        if (extNode != null && !extNode.isNull()) {
            // A string goes out verbatim (odd values are the point); an object is written as its JSON text.
            if (extNode.isTextual()) {
                ext = extNode.textValue();
            } else if (extNode.isObject()) {
                ext = extNode.toString();
            } else {
                throw f.error("ext", "expected a string (sent verbatim) or an object (sent as its JSON text), got "
                        + Fields.typeOf(extNode));
            }
        }
        Integer pushType = f.optInt("iOSPushType");
        if (pushType != null && pushType != 0 && pushType != 1) {
            throw f.error("iOSPushType", "0 (APNs alert) or 1 (VoIP), not " + pushType);
        }
        Boolean disable = f.optBoolean("disablePush");
        Boolean ignoreBadge = f.optBoolean("ignoreIOSBadge");
        return new OfflinePushInfo(f.optString("title"), f.optString("desc"), ext, disable != null && disable,
                f.optString("iOSSound"), ignoreBadge != null && ignoreBadge, pushType == null ? 0 : pushType,
                f.optString("iOSImage"));
    }

    private static Step readExpectPayload(Fields f, References refs) throws ScenarioException {
        f.allowOnly(List.of("device", "pointer", "equals", "absent"));
        String device = refs.device(f);
        String pointer = f.optString("pointer");
        if (pointer == null) {
            throw f.error("'pointer' is required: a JSON Pointer such as /aps/badge or /ext");
        }
        try {
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw f.error("pointer", "'" + pointer + "' is not a JSON Pointer: it starts with / (e.g. /aps/badge)");
        }
        Boolean absent = f.optBoolean("absent");
        boolean hasEquals = f.has("equals");
        if (hasEquals == (absent != null && absent)) {
            throw f.error(hasEquals ? "give 'equals' or \"absent\": true, not both"
                    : "'equals' (any JSON value) or \"absent\": true is required");
        }
        if (absent != null && !absent) {
            throw f.error("absent", "only \"absent\": true means something; use 'equals' to check a value");
        }
        return new Step.ExpectPayload(device, pointer, hasEquals ? f.raw("equals").deepCopy() : null, !hasEquals);
    }

    // ------------------------------------------------------------------ references

    /** The names steps may use: the workspace's devices, users and groups (defaults included). */
    private static final class References {
        final Set<String> devices = new TreeSet<>();
        final Set<String> users = new TreeSet<>();
        final Map<String, ImGroup> groups = new LinkedHashMap<>();

        References(WorkspaceSpec w) {
            w.effectiveDevices().forEach(d -> devices.add(d.id()));
            w.effectiveUsers().stream().map(ImUser::userID).forEach(users::add);
            w.effectiveGroups().forEach(g -> groups.put(g.groupID(), g));
        }

        String device(Fields f) throws ScenarioException {
            String id = f.string("device");
            if (!devices.contains(id)) {
                throw f.error("device", "no device '" + id + "'; devices: " + String.join(", ", devices));
            }
            return id;
        }

        String user(Fields f, String key) throws ScenarioException {
            String id = f.string(key);
            if (!users.contains(id)) {
                throw f.error(key, "no user '" + id + "'; users: " + String.join(", ", users));
            }
            return id;
        }
    }

    private static <E> Map<String, E> words(E[] values, java.util.function.Function<E, String> name) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E v : values) {
            m.put(name.apply(v).toLowerCase(Locale.ROOT), v);
        }
        return m;
    }

    private static <E> Map<String, E> ordered2(String k1, E v1, String k2, E v2) {
        Map<String, E> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static <E> Map<String, E> ordered(String k1, E v1, String k2, E v2, String k3, E v3) {
        Map<String, E> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        m.put(k3, v3);
        return m;
    }
}
