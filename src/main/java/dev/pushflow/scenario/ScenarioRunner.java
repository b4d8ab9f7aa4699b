package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushflow.afterapns.DeliveryState;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DeliveredNotification;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.SendReport;
import dev.pushflow.engine.TapOutcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs scenarios on a flow engine, one step at a time (the GUI steps through them) or all at once (the
 * CLI). One runner per engine; {@link #prepare} resets the engine's world to the scenario's workspace,
 * so one engine and its gateways serve many scenarios.
 */
public final class ScenarioRunner {
    /** A send waits this long for APNs' answers and for accepted pushes to reach their phones. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);

    /** The reason expectNoPush sees when the previous send did not address the device at all. */
    public static final String NOT_A_RECIPIENT = "not-a-recipient";

    private final PushFlowEngine engine;
    private final UnaryOperator<String> env;
    private final Duration sendTimeout;

    // State of the scenario being run; guarded by this.
    private Scenario current;
    private List<DeliveryRecord> lastSend;
    private int logStart;
    /** What the scenario found before it (weather per gateway, the delivery policy), given back by finish(). */
    private Before before;

    /** The engine's weather and delivery policy before a scenario: a scenario starts sunny and leaves no trace. */
    private record Before(String sandboxSpec, long sandboxSeed, String productionSpec, long productionSeed,
                          dev.pushflow.delivery.DeliveryPolicy policy) {
    }

    public ScenarioRunner(PushFlowEngine engine) {
        this(engine, System::getenv, DEFAULT_SEND_TIMEOUT);
    }

    /** @param env where .p12 passwords are looked up (the process environment in production) */
    public ScenarioRunner(PushFlowEngine engine, UnaryOperator<String> env, Duration sendTimeout) {
        this.engine = engine;
        this.env = env;
        this.sendTimeout = sendTimeout;
    }

    public PushFlowEngine engine() {
        return engine;
    }

    /** Makes the scenario's workspace the engine's world and forgets the previous scenario's sends. */
    public synchronized void prepare(Scenario scenario) throws ScenarioException {
        finish(); // a scenario left open (stepped in the window) gives the engine back first
        try {
            engine.setFlakyRegistration(dev.pushflow.engine.FlakyRegistration.NONE); // a scenario sets its own
            scenario.workspace().apply(engine, env);
        } catch (ScenarioException e) {
            throw new ScenarioException(scenario.source() + ": " + e.getMessage(), e);
        }
        current = scenario;
        lastSend = null;
        logStart = engine.log().size();
        before = new Before(null, 0, null, 0, engine.deliveryPolicy());
        engine.embeddedGateways().ifPresent(g -> {
            before = new Before(g.sandbox().weather().toString(), g.sandbox().weatherSeed(),
                    g.production().weather().toString(), g.production().weatherSeed(), engine.deliveryPolicy());
            g.sandbox().clearWeather();
            g.production().clearWeather();
        });
    }

    /**
     * Ends the scenario: the APNs weather and the delivery policy it may have set are cleared, and what was in force
     * before it (the window's weather card, say) is back. {@link #run} calls it; the window calls it when the
     * scenario is closed. Idempotent.
     */
    public synchronized void finish() {
        Before b = before;
        if (b == null) {
            return;
        }
        before = null;
        engine.setDeliveryPolicy(b.policy());
        engine.embeddedGateways().ifPresent(g -> {
            restore(g.sandbox(), b.sandboxSpec(), b.sandboxSeed());
            restore(g.production(), b.productionSpec(), b.productionSeed());
        });
    }

    private static void restore(dev.pushflow.gateway.EmbeddedGateway gateway, String spec, long seed) {
        if (spec == null || spec.equals("clear")) {
            gateway.clearWeather();
        } else {
            gateway.setWeather(spec, seed);
        }
    }

    /** Prepares and runs every step, stopping at the first one that fails. */
    public ScenarioResult run(Scenario scenario) throws ScenarioException {
        return run(scenario, r -> { });
    }

    /** Like {@link #run(Scenario)}, telling {@code onStep} about each step as it ends (for live output). */
    public ScenarioResult run(Scenario scenario, Consumer<StepResult> onStep) throws ScenarioException {
        long start = System.nanoTime();
        prepare(scenario);
        List<StepResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < scenario.steps().size(); i++) {
                StepResult r = runStep(scenario, i);
                results.add(r);
                onStep.accept(r);
                if (!r.passed()) {
                    break;
                }
            }
        } finally {
            finish();
        }
        return new ScenarioResult(scenario, results, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Runs one step of a prepared scenario. Never throws for what the engine refuses (a tap with nothing
     * to tap, say): that is a failed step whose message says why.
     */
    public synchronized StepResult runStep(Scenario scenario, int index) {
        if (scenario != current) {
            throw new IllegalStateException("prepare(scenario) first: the engine holds another scenario's world");
        }
        Step step = scenario.steps().get(index);
        String description = step.describe();
        try {
            return switch (step) {
                case Step.Login s -> ok(index, description, "now " + engine.login(s.device(), s.user()).status());
                case Step.Logout s -> ok(index, description, engine.logout(s.device()).status());
                case Step.SetAppState s -> ok(index, description,
                        "app " + engine.setAppState(s.device(), s.state()).appState().displayName().toLowerCase(Locale.ROOT));
                case Step.DisablePush s -> ok(index, description, flag(engine.setPushEnabled(s.device(), false).pushEnabled()));
                case Step.EnablePush s -> ok(index, description, flag(engine.setPushEnabled(s.device(), true).pushEnabled()));
                case Step.Uninstall s -> ok(index, description, engine.uninstall(s.device()).status());
                case Step.Install s -> ok(index, description, engine.install(s.device()).status());
                case Step.CustomParse s -> {
                    engine.setOfflinePushHook(s.device(), s.takeOver());
                    yield ok(index, description, "");
                }
                case Step.Send s -> send(index, description, s);
                case Step.Tap s -> {
                    TapOutcome o = engine.tap(s.device(), s.index() == null ? -1 : s.index());
                    yield ok(index, description, o.describe());
                }
                case Step.ExpectPush s -> expectPush(index, description, s);
                case Step.ExpectNoPush s -> expectNoPush(index, description, s);
                case Step.ExpectRedirect s -> expectRedirect(index, description, s);
                case Step.ExpectPayload s -> expectPayload(index, description, s);
                case Step.RetryRegistration s -> ok(index, description,
                        "token " + engine.applyRemedy(s.device(), s.by()).tokenStatus().describe());
                case Step.FlakyRegistrationStep s -> {
                    engine.setFlakyRegistration(s.flaky());
                    yield ok(index, description, "");
                }
                case Step.Network s -> ok(index, description,
                        engine.setNetwork(s.device(), s.online()).networkOnline() ? "online" : "offline, "
                                + engine.device(s.device()).storedAtApns() + " stored at APNs");
                case Step.LowPower s -> ok(index, description,
                        engine.setLowPower(s.device(), s.on()).lowPower() ? "Low Power Mode on" : "Low Power Mode off");
                case Step.AdvanceClock s -> ok(index, description,
                        "now " + engine.advanceClock(Duration.ofSeconds(s.seconds())));
                case Step.BackgroundBudget s -> {
                    engine.afterApns().setBackgroundBudgetPerHour(s.perHour());
                    yield ok(index, description, "");
                }
                case Step.ExpectDelivery s -> expectDelivery(index, description, s);
                case Step.ExpectLockScreen s -> expectLockScreen(index, description, s);
                case Step.WeatherStep s -> weather(index, description, s);
                case Step.DeliveryPolicyStep s -> {
                    engine.setDeliveryPolicy(s.policy());
                    yield ok(index, description, s.policy().describe());
                }
                case Step.ExpectAttempts s -> expectAttempts(index, description, s);
            };
        } catch (RuntimeException e) {
            // The engine refuses with a sentence (no such device, nothing to tap, not installed...).
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new StepResult(index, description, false, why, List.of());
        }
    }

    private StepResult weather(int index, String description, Step.WeatherStep s) {
        Optional<dev.pushflow.gateway.EmbeddedGateways> gateways = engine.embeddedGateways();
        if (gateways.isEmpty()) {
            return fail(index, description, "this engine runs on no embedded gateways: APNs weather needs them",
                    List.of());
        }
        List<dev.pushflow.gateway.EmbeddedGateway> targets = switch (s.gateway()) {
            case "sandbox" -> List.of(gateways.get().sandbox());
            case "production" -> List.of(gateways.get().production());
            default -> List.of(gateways.get().sandbox(), gateways.get().production());
        };
        for (dev.pushflow.gateway.EmbeddedGateway g : targets) {
            if (s.faults().isEmpty()) {
                g.clearWeather();
            } else {
                g.setWeather(s.faults(), s.seed());
            }
        }
        String now = dev.pushflow.gateway.WeatherPreset.describe(gateways.get());
        return ok(index, description, now.isEmpty() ? "APNs weather: clear" : "APNs weather: " + now);
    }

    private StepResult expectAttempts(int index, String description, Step.ExpectAttempts s) {
        List<DeliveryRecord> mine = lastSendTo(s.device());
        Optional<DeliveryRecord> last = mine.stream().filter(r -> r.status().isPushAttempt()).reduce((a, b) -> b);
        if (last.isEmpty() || last.get().apnsId() == null) {
            return fail(index, description, "the previous send made no push attempt to " + s.device() + ": "
                    + (mine.isEmpty() ? "it did not address " + s.device() : RecordLine.of(mine.getLast())), mine);
        }
        String apnsId = last.get().apnsId();
        // one record per attempt (a later delivery state appends another line for the same attempt)
        Map<Integer, DeliveryRecord> byAttempt = new java.util.TreeMap<>();
        for (DeliveryRecord r : engine.log().since(logStart)) {
            if (s.device().equals(r.deviceId()) && apnsId.equals(r.apnsId()) && r.status().isPushAttempt()) {
                byAttempt.putIfAbsent(r.attempt(), r);
            }
        }
        List<DeliveryRecord> got = new ArrayList<>(byAttempt.values());
        List<String> diffs = new ArrayList<>();
        if (got.size() != s.attempts().size()) {
            diffs.add("expected " + s.attempts().size() + " attempt" + (s.attempts().size() == 1 ? "" : "s") + ", the"
                    + " push had " + got.size());
        }
        for (int i = 0; i < got.size(); i++) {
            DeliveryRecord r = got.get(i);
            boolean lastOne = i == got.size() - 1;
            if (r.attempt() != i + 1) {
                diffs.add("attempt " + (i + 1) + " is numbered " + r.attempt());
            }
            if (r.finalAttempt() != lastOne) {
                diffs.add("attempt " + r.attempt() + (lastOne ? " is the last but not marked final"
                        : " is marked final but another attempt followed"));
            }
            if (i < s.attempts().size()) {
                Step.Attempt want = s.attempts().get(i);
                boolean reasonOk = want.reason() == null || (r.status() == DeliveryStatus.REJECTED
                        ? want.reason().equalsIgnoreCase(r.reason()) : contains(r.detail(), want.reason()));
                if (r.status() != want.status() || !reasonOk) {
                    diffs.add("attempt " + (i + 1) + ": expected " + want.describe() + ", got " + shortStatus(r));
                }
            }
        }
        String actual = String.join(", then ", got.stream().map(r -> r.attempt() + ": " + shortStatus(r)
                + (r.finalAttempt() ? " (final)" : "")).toList());
        return diffs.isEmpty() ? new StepResult(index, description, true, actual, got)
                : fail(index, description, String.join("; ", diffs) + " (attempts: " + actual + ")", got);
    }

    private static String flag(boolean pushEnabled) {
        return pushEnabled ? "offline push on" : "offline push off";
    }

    private StepResult send(int index, String description, Step.Send s) {
        lastSend = List.of();
        SendReport report = engine.send(s.toMessage(engine.clock().instant()), DeliveryRecord.SOURCE_SCENARIO);
        List<DeliveryRecord> records;
        try {
            records = report.records().get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new StepResult(index, description, false, "no answer for every push within "
                    + sendTimeout.toSeconds() + " s (" + report.plan().size() + " planned deliveries)", List.of());
        } catch (ExecutionException e) {
            return new StepResult(index, description, false, "the send failed: " + e.getCause().getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult(index, description, false, "interrupted while waiting for APNs", List.of());
        }
        lastSend = records.stream().sorted(Comparator.comparingLong(DeliveryRecord::seq)).toList();
        long pushes = records.stream().filter(r -> r.status().isPushAttempt()).count();
        return new StepResult(index, description, true, records.size() + " record" + (records.size() == 1 ? "" : "s")
                + ", " + pushes + " push" + (pushes == 1 ? "" : "es"), lastSend);
    }

    private List<DeliveryRecord> lastSendTo(String device) {
        return lastSend == null ? List.of() : lastSend.stream().filter(r -> device.equals(r.deviceId())).toList();
    }

    private StepResult expectPush(int index, String description, Step.ExpectPush s) {
        List<DeliveryRecord> mine = lastSendTo(s.device());
        Optional<DeliveryRecord> newest = mine.stream().filter(r -> r.status().isPushAttempt()).reduce((a, b) -> b);
        if (newest.isEmpty()) {
            return fail(index, description, "the previous send made no push attempt to " + s.device() + ": "
                    + (mine.isEmpty() ? "it did not address " + s.device() : RecordLine.of(mine.get(mine.size() - 1))),
                    mine);
        }
        DeliveryRecord r = newest.get();
        List<String> diffs = new ArrayList<>();
        boolean reasonOk = s.reason() == null || (r.status() == DeliveryStatus.REJECTED
                ? s.reason().equalsIgnoreCase(r.reason())
                : contains(r.detail(), s.reason()));
        if (r.status() != s.status() || !reasonOk) {
            diffs.add("expected " + s.status().wireName() + (s.reason() == null ? "" : " " + s.reason()));
        }
        if (s.certificateId() != null && s.certificateId() != r.certificateId()) {
            diffs.add("expected certificate ID " + s.certificateId() + ", it went with " + r.certificateId());
        }
        if (s.environment() != null && s.environment() != r.environment()) {
            diffs.add("expected the " + s.environment().wireName() + " environment, it went to "
                    + (r.environment() == null ? "none" : r.environment().wireName()));
        }
        if (s.topic() != null && !s.topic().equals(r.topic())) {
            diffs.add("expected topic " + s.topic() + ", it had " + r.topic());
        }
        if (s.pushType() != null && !s.pushType().equals(r.pushType())) {
            diffs.add("expected push type " + s.pushType() + ", it had " + r.pushType());
        }
        if (diffs.isEmpty()) {
            return new StepResult(index, description, true, shortStatus(r), List.of(r));
        }
        return fail(index, description, String.join("; ", diffs) + "; got " + RecordLine.of(r), List.of(r));
    }

    private StepResult expectNoPush(int index, String description, Step.ExpectNoPush s) {
        List<DeliveryRecord> mine = lastSendTo(s.device());
        Optional<DeliveryRecord> push = mine.stream().filter(r -> r.status().isPushAttempt()).findFirst();
        if (push.isPresent()) {
            return fail(index, description, "expected no push, got " + RecordLine.of(push.get()), List.of(push.get()));
        }
        if (mine.isEmpty()) {
            // A group message skips its sender: no record at all for the sender's devices.
            String why = "the previous send did not address " + s.device() + " (" + NOT_A_RECIPIENT + ")";
            if (s.because() == null || s.because().equalsIgnoreCase(NOT_A_RECIPIENT)) {
                return new StepResult(index, description, true, why, List.of());
            }
            return fail(index, description, "expected the reason '" + s.because() + "', but " + why, List.of());
        }
        DeliveryRecord r = mine.get(mine.size() - 1);
        if (s.because() == null || s.because().equalsIgnoreCase(r.reason()) || contains(r.detail(), s.because())) {
            return new StepResult(index, description, true, shortStatus(r), List.of(r));
        }
        return fail(index, description, "no push as expected, but for another reason than '" + s.because() + "': "
                + RecordLine.of(r), List.of(r));
    }

    private StepResult expectRedirect(int index, String description, Step.ExpectRedirect s) {
        Optional<TapOutcome> tap = engine.lastTap(s.device());
        if (tap.isEmpty()) {
            return fail(index, description, "there was no tap on " + s.device(), List.of());
        }
        TapOutcome o = tap.get();
        List<String> diffs = new ArrayList<>();
        if (o.target().kind() != s.target()) {
            diffs.add("target " + o.target().kind().wireName() + " instead of " + s.target().wireName());
        }
        if (s.userID() != null && !s.userID().equals(o.target().userID())) {
            diffs.add("userID '" + o.target().userID() + "' instead of '" + s.userID() + "'");
        }
        if (s.groupID() != null && !s.groupID().equals(o.target().groupID())) {
            diffs.add("groupID '" + o.target().groupID() + "' instead of '" + s.groupID() + "'");
        }
        if (s.delivery() != null && o.delivery() != s.delivery()) {
            diffs.add("delivery " + Step.deliveryWireName(o.delivery()) + " instead of " + Step.deliveryWireName(s.delivery()));
        }
        if (s.reason() != null && !contains(o.target().reason(), s.reason()) && !contains(o.note(), s.reason())) {
            diffs.add("reason '" + o.target().reason() + "' does not contain '" + s.reason() + "'");
        }
        String actual = o.describe() + " [" + Step.deliveryWireName(o.delivery()) + "]";
        if (diffs.isEmpty()) {
            return new StepResult(index, description, true, actual, List.of());
        }
        return fail(index, description, String.join("; ", diffs) + " (the tap: " + actual + ")", List.of());
    }

    private StepResult expectPayload(int index, String description, Step.ExpectPayload s) {
        List<DeliveryRecord> since = engine.log().since(logStart);
        DeliveryRecord newest = null;
        for (int i = since.size() - 1; i >= 0 && newest == null; i--) {
            DeliveryRecord r = since.get(i);
            if (s.device().equals(r.deviceId()) && r.status().isPushAttempt() && r.payload() != null) {
                newest = r;
            }
        }
        if (newest == null) {
            return fail(index, description, "no payload has been pushed to " + s.device() + " in this scenario", List.of());
        }
        JsonNode payload;
        try {
            payload = ScenarioLoader.JSON.readTree(newest.payload());
        } catch (Exception e) {
            return fail(index, description, "the pushed payload is not JSON: " + abbreviate(newest.payload()),
                    List.of(newest));
        }
        JsonNode found = payload.at(s.pointer());
        if (s.absent()) {
            return found.isMissingNode()
                    ? new StepResult(index, description, true, s.pointer() + " is absent", List.of(newest))
                    : fail(index, description, s.pointer() + " is present: " + abbreviate(found.toString()), List.of(newest));
        }
        if (found.isMissingNode()) {
            return fail(index, description, "the payload has no " + s.pointer() + " (payload: "
                    + abbreviate(newest.payload()) + ")", List.of(newest));
        }
        if (found.equals(JsonValues::compare, s.equals())) {
            return new StepResult(index, description, true, s.pointer() + " = " + abbreviate(found.toString()),
                    List.of(newest));
        }
        return fail(index, description, "at " + s.pointer() + " expected " + abbreviate(s.equals().toString())
                + ", got " + abbreviate(found.toString()), List.of(newest));
    }

    private StepResult expectDelivery(int index, String description, Step.ExpectDelivery s) {
        DeliveryRecord push;
        if (s.index() == null) {
            List<DeliveryRecord> mine = lastSendTo(s.device());
            Optional<DeliveryRecord> newest = mine.stream().filter(r -> r.status().isPushAttempt()).reduce((a, b) -> b);
            if (newest.isEmpty()) {
                return fail(index, description, "the previous send made no push attempt to " + s.device() + ": "
                        + (mine.isEmpty() ? "it did not address " + s.device() : RecordLine.of(mine.getLast())), mine);
            }
            push = newest.get();
        } else {
            // this scenario's pushes to the device, one per apns-id (later state lines and retries share it)
            Map<String, DeliveryRecord> pushes = new LinkedHashMap<>();
            for (DeliveryRecord r : engine.log().since(logStart)) {
                if (s.device().equals(r.deviceId()) && r.status().isPushAttempt() && r.apnsId() != null) {
                    pushes.putIfAbsent(r.apnsId(), r);
                }
            }
            if (s.index() >= pushes.size()) {
                return fail(index, description, "this scenario made " + pushes.size() + " push"
                        + (pushes.size() == 1 ? "" : "es") + " to " + s.device() + " (index counts from 0)", List.of());
            }
            push = new ArrayList<>(pushes.values()).get(s.index());
        }
        Optional<DeliveryState> state = engine.deliveryState(push.apnsId());
        if (state.isEmpty()) {
            return fail(index, description, "APNs never accepted it, so nothing happened after a 200: "
                    + RecordLine.of(push), List.of(push));
        }
        DeliveryRecord line = newestLine(push);
        if (state.get() == s.state()) {
            return new StepResult(index, description, true, state.get().code() + ": " + state.get().explanation(),
                    List.of(line));
        }
        return fail(index, description, "expected " + s.state().code() + ", it is " + state.get().code() + " ("
                + state.get().explanation() + ")", List.of(line));
    }

    /** The push's newest log line: the one with its current delivery state. */
    private DeliveryRecord newestLine(DeliveryRecord push) {
        List<DeliveryRecord> since = engine.log().since(logStart);
        for (int i = since.size() - 1; i >= 0; i--) {
            if (push.apnsId().equals(since.get(i).apnsId())) {
                return since.get(i);
            }
        }
        return push;
    }

    private StepResult expectLockScreen(int index, String description, Step.ExpectLockScreen s) {
        List<DeliveredNotification> shown = engine.notifications(s.device());
        String newest = shown.isEmpty() ? null : shown.getLast().body();
        String actual = shown.size() + " notification" + (shown.size() == 1 ? "" : "s")
                + (newest == null ? "" : ", the newest \"" + newest + "\"");
        boolean ok = shown.size() == s.count() && (s.newest() == null || s.newest().equals(newest));
        return ok ? new StepResult(index, description, true, actual, List.of())
                : fail(index, description, "the lock screen shows " + actual, List.of());
    }

    /** "ACCEPTED 200", "REJECTED 400 BadDeviceToken", "NO_PUSH logged-out": the full record goes with the result. */
    private static String shortStatus(DeliveryRecord r) {
        return switch (r.status()) {
            case ACCEPTED -> "ACCEPTED " + r.statusCode();
            case REJECTED -> "REJECTED " + r.statusCode() + " " + r.reason();
            case FAILED -> "FAILED: " + r.detail();
            case NO_PUSH, ONLINE -> r.status().name() + " " + r.reason();
            case SENDING -> "SENDING attempt " + r.attempt();
        };
    }

    private static StepResult ok(int index, String description, String message) {
        return new StepResult(index, description, true, message, List.of());
    }

    private static StepResult fail(int index, String description, String message, List<DeliveryRecord> records) {
        return new StepResult(index, description, false, message, records);
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }
}
