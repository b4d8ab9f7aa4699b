package dev.pushflow.ui.load;

import dev.pushflow.delivery.DeliveryPolicy;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.gateway.Weather;
import dev.pushflow.load.LoadOptions;
import dev.pushflow.load.LoadProgress;
import dev.pushflow.load.LoadSample;
import dev.pushflow.load.LoadSession;
import dev.pushflow.load.LoadSummary;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Load panel's state: the form (validated as typed, the faults SPEC with the parser of {@code pushflow load
 * --faults}), the run's progress and counters, the chart history (at most {@link #HISTORY} samples, one every
 * {@link #SAMPLE_MILLIS} ms from the run's thread, handed to the UI thread in one hop per batch) and the summary.
 * No controls here: the view binds.
 */
public final class LoadViewModel {
    /** Samples kept for the charts: 600 at 250 ms = the last 2.5 minutes. */
    public static final int HISTORY = 600;
    public static final long SAMPLE_MILLIS = 250;
    public static final String ISOLATION_NOTE = "The run uses throw-away users and iPhones of its own (load-00000 …),"
            + " on the window's gateways: your workspace's users and devices are not touched and nothing of the run is"
            + " saved. Its pushes are in the delivery log with source load.";

    /** One point of the charts: seconds since the start. */
    public record Point(double seconds, double value) {
    }

    /** Pushes per second that ended within one sample, by outcome: "accepted", a rejection reason, or "failed". */
    public record Outcomes(double seconds, Map<String, Double> perSecond) {
    }

    public enum Retry {
        DEFAULT("default"), OFF("off");

        private final String label;

        Retry(String label) {
            this.label = label;
        }

        public DeliveryPolicy policy() {
            return this == OFF ? DeliveryPolicy.OFF : DeliveryPolicy.DEFAULT;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final PushFlowEngine engine;
    private final TaskRunner tasks;

    private final StringProperty users = new SimpleStringProperty("20");
    private final StringProperty messages = new SimpleStringProperty("200");
    private final StringProperty groupShare = new SimpleStringProperty("0.2");
    private final StringProperty rate = new SimpleStringProperty("0");
    private final StringProperty seed = new SimpleStringProperty("1");
    private final StringProperty faults = new SimpleStringProperty("");
    private final ObjectProperty<Retry> retry = new SimpleObjectProperty<>(Retry.DEFAULT);

    private final StringProperty formError = new SimpleStringProperty("");
    private final StringProperty faultsError = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty cancelling = new SimpleBooleanProperty(false);
    private final BooleanBinding canStart;

    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Ready: set the run and press Start");
    private final BooleanProperty error = new SimpleBooleanProperty(false);
    private final StringProperty rateText = new SimpleStringProperty("–");
    private final StringProperty etaText = new SimpleStringProperty("–");
    private final LongProperty attempts = new SimpleLongProperty();
    private final LongProperty accepted = new SimpleLongProperty();
    private final LongProperty rejected = new SimpleLongProperty();
    private final LongProperty failed = new SimpleLongProperty();
    private final LongProperty retried = new SimpleLongProperty();
    private final StringProperty summaryJson = new SimpleStringProperty("");
    private final StringProperty summaryText = new SimpleStringProperty("");
    private final ObjectProperty<LoadSummary> summary = new SimpleObjectProperty<>();

    private final ObservableList<Point> pushesPerSecond = FXCollections.observableArrayList();
    private final ObservableList<Point> latencyP50 = FXCollections.observableArrayList();
    private final ObservableList<Point> latencyP99 = FXCollections.observableArrayList();
    private final ObservableList<Outcomes> outcomes = FXCollections.observableArrayList();

    /** Samples taken on the run's thread, waiting for the UI thread; one hop drains them all. */
    private final ConcurrentLinkedQueue<Taken> taken = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean hopScheduled = new AtomicBoolean();
    private volatile LoadSession session;
    private LoadSample previous = LoadSample.NONE;
    private double previousSeconds;
    private int messagesPlanned;

    private record Taken(LoadProgress progress, LoadSample sample, double seconds) {
    }

    public LoadViewModel(AppContext ctx) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        for (StringProperty p : List.of(users, messages, groupShare, rate, seed, faults)) {
            p.addListener((o, a, b) -> validate());
        }
        validate();
        canStart = Bindings.createBooleanBinding(() -> !running.get() && formError.get().isEmpty(), running, formError);
    }

    // ---------------------------------------------------------------- the form

    /** The options of the form, or the first problem in {@link #formErrorProperty}; the faults' own in faultsError. */
    private LoadOptions validate() {
        String faultsProblem = "";
        try {
            Weather.parse(faults.get());
        } catch (IllegalArgumentException e) {
            faultsProblem = e.getMessage();
        }
        faultsError.set(faultsProblem);
        LoadOptions options = null;
        String problem = "";
        try {
            options = new LoadOptions(integer(users, "Users"), integer(messages, "Messages"),
                    decimal(groupShare, "Group share"), decimal(rate, "Rate"), whole(seed, "Seed"));
        } catch (IllegalArgumentException e) {
            problem = readable(e.getMessage());
        }
        if (problem.isEmpty() && !faultsProblem.isEmpty()) {
            problem = "Faults: " + faultsProblem;
        }
        formError.set(problem);
        return problem.isEmpty() ? options : null;
    }

    /** LoadOptions speaks the CLI's option names: the panel says the field's name. */
    private static String readable(String m) {
        return m.replaceFirst("^--users", "Users").replaceFirst("^--messages", "Messages")
                .replaceFirst("^--group-share", "Group share").replaceFirst("^--rate", "Rate");
    }

    private static int integer(StringProperty p, String name) {
        long v = whole(p, name);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(name + " is too large: " + p.get().strip());
        }
        return (int) v;
    }

    private static long whole(StringProperty p, String name) {
        String s = p.get() == null ? "" : p.get().strip().replace("_", "").replace(",", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: type a whole number");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + p.get().strip() + "'");
        }
    }

    private static double decimal(StringProperty p, String name) {
        String s = p.get() == null ? "" : p.get().strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: type a number (0 is fine)");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number such as 0.2, not '" + s + "'");
        }
    }

    // ---------------------------------------------------------------- the run

    /** Starts a run with the form's options (does nothing while one runs or the form has a problem). */
    public void start() {
        LoadOptions options = validate();
        if (options == null || running.get()) {
            return;
        }
        LoadSession s;
        try {
            s = new LoadSession(engine, options, retry.get().policy(), faults.get());
        } catch (RuntimeException e) {
            fail("Cannot start: " + TaskRunner.message(e));
            return;
        }
        session = s;
        reset(options);
        running.set(true);
        status.set(String.format(Locale.ROOT, "Preparing %,d users and their iPhones…", options.users()));
        error.set(false);
        long start = System.nanoTime();
        tasks.run(() -> s.run((p, sample) -> {
            taken.add(new Taken(p, sample, (System.nanoTime() - start) / 1e9));
            if (hopScheduled.compareAndSet(false, true)) {
                // one hop to the UI thread for whatever samples are waiting
                tasks.run(() -> Boolean.TRUE, ok -> drain(), t -> drain());
            }
        }, SAMPLE_MILLIS), this::finished, t -> {
            drain();
            running.set(false);
            cancelling.set(false);
            session = null;
            fail("The run stopped: " + TaskRunner.message(t));
        });
    }

    /** Stops sending; pushes already sent still end, then the summary comes. */
    public void cancel() {
        LoadSession s = session;
        if (s != null && running.get()) {
            s.cancel();
            cancelling.set(true);
            status.set("Cancelling: waiting for the pushes already sent to end…");
        }
    }

    private void reset(LoadOptions options) {
        messagesPlanned = options.messages();
        previous = LoadSample.NONE;
        previousSeconds = 0;
        taken.clear();
        pushesPerSecond.clear();
        latencyP50.clear();
        latencyP99.clear();
        outcomes.clear();
        progress.set(0);
        attempts.set(0);
        accepted.set(0);
        rejected.set(0);
        failed.set(0);
        retried.set(0);
        rateText.set("–");
        etaText.set("–");
        summary.set(null);
        summaryJson.set("");
        summaryText.set("");
    }

    /** On the UI thread: every sample waiting, in order. */
    private void drain() {
        hopScheduled.set(false);
        Taken t;
        while ((t = taken.poll()) != null) {
            apply(t);
        }
    }

    private void apply(Taken t) {
        LoadProgress p = t.progress();
        LoadSample s = t.sample();
        progress.set(p.fraction());
        rateText.set(String.format(Locale.ROOT, "%,.0f", p.pushesPerSecond()));
        etaText.set(p.etaSeconds() < 0 ? "?" : Math.round(p.etaSeconds()) + " s");
        if (!cancelling.get()) {
            status.set(String.format(Locale.ROOT, "Running: %,d of %,d messages sent, %,d of %,d pushes ended",
                    p.messagesSent(), p.messages(), p.pushesEnded(), p.pushesPlanned()));
        }
        counters(s.attempts(), s.accepted(), s.rejectedTotal(), s.failed(), s.retried());
        double dt = t.seconds() - previousSeconds;
        add(pushesPerSecond, new Point(t.seconds(), dt > 0 ? (s.ended() - previous.ended()) / dt : 0));
        if (s.intervalCount() > 0) {
            add(latencyP50, new Point(t.seconds(), s.intervalP50Ms()));
            add(latencyP99, new Point(t.seconds(), s.intervalP99Ms()));
        }
        double per = dt > 0 ? 1 / dt : 0;
        Map<String, Double> counts = new LinkedHashMap<>();
        counts.put("accepted", (s.accepted() - previous.accepted()) * per);
        s.rejected().forEach((reason, n) -> counts.put(reason, (n - previous.rejected().getOrDefault(reason, 0L)) * per));
        counts.put("failed", (s.failed() - previous.failed()) * per);
        add(outcomes, new Outcomes(t.seconds(), counts));
        previous = s;
        previousSeconds = t.seconds();
    }

    private static <T> void add(ObservableList<T> history, T item) {
        if (history.size() >= HISTORY) {
            List<T> kept = new ArrayList<>(history.subList(history.size() - HISTORY + 1, history.size()));
            kept.add(item);
            history.setAll(kept);
        } else {
            history.add(item);
        }
    }

    private void counters(long attempts, long accepted, long rejected, long failed, long retried) {
        this.attempts.set(attempts);
        this.accepted.set(accepted);
        this.rejected.set(rejected);
        this.failed.set(failed);
        this.retried.set(retried);
    }

    private void finished(LoadSummary s) {
        drain();
        running.set(false);
        cancelling.set(false);
        session = null;
        counters(s.attempts(), s.accepted(), s.rejectedTotal(), s.failed(), s.retried());
        progress.set(s.cancelled() ? (double) s.messages() / Math.max(1, messagesPlanned) : 1);
        rateText.set(String.format(Locale.ROOT, "%,.0f", s.pushesPerSecond()));
        etaText.set("done");
        summaryJson.set(s.toJsonLine());
        summaryText.set(describe(s, messagesPlanned));
        status.set(s.cancelled() ? String.format(Locale.ROOT, "Cancelled after %,d of %,d messages; every push sent"
                + " has ended", s.messages(), messagesPlanned) : "Finished");
        error.set(s.lost() > 0 || s.duplicated() > 0);
        summary.set(s); // last: whoever waits for the summary finds the rest in place
    }

    /** The summary in words, as the CLI prints it, with "cancelled after N of M" when cancelled. */
    static String describe(LoadSummary s, int planned) {
        String head = s.cancelled()
                ? String.format(Locale.ROOT, "Cancelled after %,d of %,d messages: ", s.messages(), planned)
                : String.format(Locale.ROOT, "%,d messages: ", s.messages());
        return head + String.format(Locale.ROOT, "%,d pushes, %,d attempts: %,d accepted, %,d rejected%s, %,d failed;"
                        + " %,d retried, %,d lost, %,d duplicated. Latency p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " %,.0f pushes/s over %.1f s.", s.pushes(), s.attempts(), s.accepted(), s.rejectedTotal(),
                s.rejected().isEmpty() ? "" : " " + s.rejected(), s.failed(), s.retried(), s.lost(), s.duplicated(),
                s.latencyP50Ms(), s.latencyP99Ms(), s.latencyMaxMs(), s.pushesPerSecond(), s.seconds());
    }

    private void fail(String m) {
        status.set(m);
        error.set(true);
    }

    // ---------------------------------------------------------------- properties

    public StringProperty usersProperty() {
        return users;
    }

    public StringProperty messagesProperty() {
        return messages;
    }

    public StringProperty groupShareProperty() {
        return groupShare;
    }

    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty faultsProperty() {
        return faults;
    }

    public ObjectProperty<Retry> retryProperty() {
        return retry;
    }

    public StringProperty formErrorProperty() {
        return formError;
    }

    public StringProperty faultsErrorProperty() {
        return faultsError;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty cancellingProperty() {
        return cancelling;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    public StringProperty rateTextProperty() {
        return rateText;
    }

    public StringProperty etaTextProperty() {
        return etaText;
    }

    public LongProperty attemptsProperty() {
        return attempts;
    }

    public LongProperty acceptedProperty() {
        return accepted;
    }

    public LongProperty rejectedProperty() {
        return rejected;
    }

    public LongProperty failedProperty() {
        return failed;
    }

    public LongProperty retriedProperty() {
        return retried;
    }

    public StringProperty summaryJsonProperty() {
        return summaryJson;
    }

    public StringProperty summaryTextProperty() {
        return summaryText;
    }

    public ObjectProperty<LoadSummary> summaryProperty() {
        return summary;
    }

    public ObservableList<Point> pushesPerSecond() {
        return pushesPerSecond;
    }

    public ObservableList<Point> latencyP50() {
        return latencyP50;
    }

    public ObservableList<Point> latencyP99() {
        return latencyP99;
    }

    public ObservableList<Outcomes> outcomes() {
        return outcomes;
    }
}
