package dev.pushflow.ui.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.apns.ApnsHeaders;
import dev.pushflow.apns.PushType;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.explain.Explanation;
import dev.pushflow.explain.RejectionExplainer;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.Navigator;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** The delivery log as a filterable list; the selected record's payload, headers and explanation. */
public final class DeliveryLogViewModel {
    /** Status filter choices. */
    public enum StatusFilter {
        ALL("All"), ACCEPTED("Accepted"), REJECTED("Rejected"), FAILED("Failed"), NO_PUSH("No push"), ONLINE("Online");

        private final String label;

        StatusFilter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What sent a record: the flow, a raw push, the doctor's probe, a scenario, a load run. */
    public enum SourceFilter {
        ALL("All sources", null), FLOW("IM flow", DeliveryRecord.SOURCE_FLOW),
        RAW_PUSH("Raw push", DeliveryRecord.SOURCE_RAW_PUSH), DOCTOR("Doctor probe", DeliveryRecord.SOURCE_DOCTOR),
        SCENARIO("Scenario", DeliveryRecord.SOURCE_SCENARIO), LOAD("Load run", DeliveryRecord.SOURCE_LOAD);

        private final String label;
        private final String source;

        SourceFilter(String label, String source) {
            this.label = label;
            this.source = source;
        }

        /** The record's {@code source} this choice shows; null for all. */
        public String source() {
            return source;
        }

        /** The label of a record's source, as the table shows it. */
        public static String label(String source) {
            for (SourceFilter f : values()) {
                if (f.source != null && f.source.equals(source)) {
                    return f.label;
                }
            }
            return source == null ? "" : source;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * APNs' answers about the token, its environment or the credential's environment: what the Doctor diagnoses
     * (whose token is this, which certificate ID fits it).
     */
    public static final Set<String> DOCTOR_REASONS = Set.of("BadDeviceToken", "DeviceTokenNotForTopic",
            "BadCertificateEnvironment", "BadEnvironmentKeyIdInToken", "Unregistered");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final Navigator navigator;
    private final ObservableList<DeliveryRecord> records = FXCollections.observableArrayList();
    /** The highest sequence number in the log when this view model read it (the log numbers records in order). */
    private final long snapshotUpToSeq;
    /** What the table shows: filtered and sorted; a new filter or order on many rows is computed off the FX thread. */
    private final SortedRecords<DeliveryRecord> sorted;
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(StatusFilter.ALL);
    private final ObjectProperty<SourceFilter> sourceFilter = new SimpleObjectProperty<>(SourceFilter.ALL);
    private final StringProperty emptyText = new SimpleStringProperty();
    private final ObjectProperty<DeliveryRecord> selected = new SimpleObjectProperty<>();
    private final StringProperty explanationTitle = new SimpleStringProperty("Select a row");
    private final StringProperty explanation = new SimpleStringProperty(
            "Every push attempt and every no-push decision is a row. Select one to see its payload, its headers, "
                    + "and what APNs' answer means here.");
    private final StringProperty fix = new SimpleStringProperty("");
    private final StringProperty deliveryExplanation = new SimpleStringProperty("");
    private final StringProperty payload = new SimpleStringProperty("");
    private final StringProperty headers = new SimpleStringProperty("");
    private final StringProperty counts = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageError = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper canOpenInDoctor = new ReadOnlyBooleanWrapper();

    public DeliveryLogViewModel(AppContext ctx) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        this.navigator = ctx.navigator();
        this.sorted = new SortedRecords<>(records, tasks, SortedRecords.IN_PLACE_LIMIT);
        List<DeliveryRecord> snapshot = engine.log().writtenSnapshot(); // only what is on disk: a shown record is never lost
        // SENDING lines read back from the file: hidden once answered, "unknown" when a run stopped before the answer.
        records.setAll(dev.pushflow.delivery.UnansweredPushes.interpret(snapshot, engine.logSeqAtStart()));
        snapshotUpToSeq = snapshot.stream().mapToLong(DeliveryRecord::seq).max().orElse(0);
        filterText.addListener(o -> refilter());
        statusFilter.addListener(o -> refilter());
        sourceFilter.addListener(o -> refilter());
        selected.addListener((o, a, b) -> describe(b));
        sorted.pendingWorkProperty().addListener(o -> updateCounts());
        ctx.events().subscribe(this::apply);
        updateCounts();
    }

    /**
     * New records arrive in batches: one list change per batch keeps 100k rows responsive. Records the snapshot
     * already held are skipped: the panel may open mid-flood, while the event queue still carries some of them.
     */
    public void apply(UiEventQueue.Batch batch) {
        if (!batch.records().isEmpty()) {
            List<DeliveryRecord> fresh = batch.records();
            if (snapshotUpToSeq > 0 && fresh.stream().anyMatch(r -> r.seq() <= snapshotUpToSeq)) {
                fresh = fresh.stream().filter(r -> r.seq() > snapshotUpToSeq).toList();
            }
            records.addAll(fresh);
            updateCounts();
        }
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        StatusFilter s = statusFilter.get();
        Predicate<DeliveryRecord> byStatus = s == null || s == StatusFilter.ALL ? r -> true
                : r -> r.status() == DeliveryStatus.valueOf(s.name());
        Predicate<DeliveryRecord> byText = text.isEmpty() ? r -> true : r -> matches(r, text);
        SourceFilter src = sourceFilter.get();
        String source = src == null ? null : src.source();
        Predicate<DeliveryRecord> bySource = source == null ? r -> true : r -> source.equals(r.source());
        boolean all = (s == null || s == StatusFilter.ALL) && text.isEmpty() && source == null;
        sorted.predicateProperty().set(all ? null : byStatus.and(byText).and(bySource));
        updateCounts();
    }

    /**
     * Whether any shown field holds the text. Runs on every record of each batch (FX thread) and on all records when
     * the filter changes (a background thread), so it allocates nothing but the certificate ID's digits: the
     * environment and status match by their constant names, which differ from their wire names only in case.
     */
    static boolean matches(DeliveryRecord r, String lower) {
        return has(r.messageId(), lower) || has(r.deviceId(), lower) || has(r.deviceName(), lower)
                || has(r.userID(), lower) || has(String.valueOf(r.certificateId()), lower)
                || (r.environment() != null && has(r.environment().name(), lower)) || has(r.apnsId(), lower)
                || has(r.apnsUniqueId(), lower) || (r.status() != null && has(r.status().name(), lower))
                || has(r.reason(), lower) || has(r.detail(), lower) || has(r.token(), lower)
                || has(r.deliveryState(), lower);
    }

    private static boolean has(String field, String lower) {
        return field != null && containsIgnoreCase(field, lower);
    }

    /** {@code text.toLowerCase().contains(lower)} without a lower-cased copy of every field of every record. */
    static boolean containsIgnoreCase(String text, String lower) {
        int n = lower.length();
        for (int i = 0; i + n <= text.length(); i++) {
            if (text.regionMatches(true, i, lower, 0, n)) {
                return true;
            }
        }
        return false;
    }

    private void updateCounts() {
        String pending = sorted.pendingWorkProperty().get();
        counts.set(String.format("%,d of %,d records", sorted.size(), records.size()) + (pending.isEmpty() ? "" : " · " + pending));
        emptyText.set(records.isEmpty() ? "No pushes yet: send a message from the Compose panel"
                : pending.isEmpty() ? String.format("None of the %,d records matches the filter", records.size())
                : "Filtering…");
    }

    /** Whether the Doctor can say more about this record: a rejection about the token or an environment. */
    public static boolean isForDoctor(DeliveryRecord r) {
        return r != null && r.status() == DeliveryStatus.REJECTED && r.token() != null && !r.token().isBlank()
                && DOCTOR_REASONS.contains(r.reason());
    }

    /**
     * Opens the Doctor on the selected record: its token, the certificate ID it was sent with, and the build of the
     * device that reported the token (unknown when the device is gone or has a new token since).
     */
    public void openInDoctor() {
        DeliveryRecord r = selected.get();
        if (!isForDoctor(r)) {
            message.set("Select a rejected push (BadDeviceToken, Unregistered, …) to open it in the Doctor");
            messageError.set(true);
            return;
        }
        message.set("");
        messageError.set(false);
        navigator.openDoctor(r.token(), r.certificateId() > 0 ? r.certificateId() : null, buildThatReported(r));
    }

    /** The build of the record's device while it still holds the record's token; null = unknown. */
    private BuildConfiguration buildThatReported(DeliveryRecord r) {
        DeviceSnapshot d = device(r);
        return d != null && r.token().equalsIgnoreCase(String.valueOf(d.token())) ? d.build() : null;
    }

    private DeviceSnapshot device(DeliveryRecord r) {
        if (r.deviceId() == null) {
            return null;
        }
        try {
            return engine.device(r.deviceId());
        } catch (RuntimeException e) {
            return null; // the device was removed since
        }
    }

    private void describe(DeliveryRecord r) {
        canOpenInDoctor.set(isForDoctor(r));
        if (r == null) {
            return;
        }
        DeviceSnapshot d = device(r);
        BuildConfiguration build = d == null ? null : d.build();
        Explanation e = RejectionExplainer.explain(r, build, engine.appSettings());
        explanationTitle.set(e.headline());
        explanation.set(e.meaning());
        fix.set(e.fix());
        deliveryExplanation.set(deliveryExplanation(r));
        if (dev.pushflow.delivery.UnansweredPushes.isUnknown(r)) {
            payload.set("(" + r.detail() + "; the SENDING line written before this attempt keeps no payload)");
            headers.set(":path /3/device/" + r.token() + "\napns-topic: " + r.topic() + "\napns-id: " + r.apnsId()
                    + "\nattempt: " + r.attempt());
        } else if (r.payload() == null) {
            payload.set("(no push was sent: " + (r.detail() == null ? r.reason() : r.detail()) + ")");
            headers.set("");
        } else {
            String pretty;
            try {
                pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(r.payload()));
            } catch (Exception ex) {
                pretty = r.payload();
            }
            payload.set(pretty);
            headers.set(requestHeaders(r).render(r.token()) + "\nAnswer: " + r.statusCode()
                    + (r.reason() == null ? "" : " " + r.reason()) + "\napns-id: " + r.apnsId()
                    + "\napns-unique-id: " + (r.apnsUniqueId() == null ? "(none)" : r.apnsUniqueId())
                    + "\ngateway: " + r.gateway() + "\nlatency: " + String.format("%.1f ms", r.latencyMicros() / 1000.0));
        }
    }

    /**
     * The request's headers as the record keeps them, rendered by the one request model. The record keeps the
     * priority APNs applied (the flow logs 10 when no header was sent); expiration and collapse ID are not in the
     * record yet, so they show as not sent.
     */
    static ApnsHeaders requestHeaders(DeliveryRecord r) {
        PushType type = null;
        try {
            type = r.pushType() == null ? null : PushType.fromHeader(r.pushType());
        } catch (IllegalArgumentException unknownInAnOldLine) {
            // shown without the header rather than failing the detail view
        }
        // the apns-id is shown with the answer (APNs echoes it)
        return new ApnsHeaders(r.topic(), type, r.priority(), null, null, null);
    }

    /** Exports what the table shows now, in its order (all rows when no filter), as JSON or CSV, by the file's extension. */
    public void export(Path target) {
        List<DeliveryRecord> rows = List.copyOf(sorted);
        message.set("Exporting " + rows.size() + " records…");
        messageError.set(false);
        tasks.run(() -> {
            DeliveryLog.export(rows, target);
            return target;
        }, p -> {
            message.set("Exported " + rows.size() + " records to " + p);
            messageError.set(false);
        }, t -> {
            message.set("Export failed: " + TaskRunner.message(t));
            messageError.set(true);
        });
    }

    public ObservableList<DeliveryRecord> records() {
        return records;
    }

    /** What the table shows: the filtered records in the table's sort order (the view sets the comparator). */
    public SortedRecords<DeliveryRecord> sorted() {
        return sorted;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }

    /** Which source the table shows (all, the flow, raw pushes, doctor probes, scenarios, load runs). */
    public ObjectProperty<SourceFilter> sourceFilterProperty() {
        return sourceFilter;
    }

    /** What the empty table says: nothing sent yet, or nothing matches the filter. */
    public StringProperty emptyTextProperty() {
        return emptyText;
    }

    public ObjectProperty<DeliveryRecord> selectedProperty() {
        return selected;
    }

    public StringProperty explanationTitleProperty() {
        return explanationTitle;
    }

    public StringProperty explanationProperty() {
        return explanation;
    }

    /** What APNs did after its 200, in words; "" for a line without a delivery state. */
    static String deliveryExplanation(DeliveryRecord r) {
        if (r == null || r.deliveryState() == null) {
            return "";
        }
        return dev.pushflow.afterapns.DeliveryState.ofCode(r.deliveryState())
                .map(st -> "After the 200 (" + st.code() + "): " + st.explanation()
                        + (st.isStored() ? " A later line with the same apns-id shows what became of it." : ""))
                .orElse("After the 200: " + r.deliveryState());
    }

    public StringProperty deliveryExplanationProperty() {
        return deliveryExplanation;
    }

    public StringProperty fixProperty() {
        return fix;
    }

    public StringProperty payloadProperty() {
        return payload;
    }

    public StringProperty headersProperty() {
        return headers;
    }

    public StringProperty countsProperty() {
        return counts;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty messageErrorProperty() {
        return messageError;
    }

    public ReadOnlyBooleanProperty canOpenInDoctorProperty() {
        return canOpenInDoctor.getReadOnlyProperty();
    }
}
