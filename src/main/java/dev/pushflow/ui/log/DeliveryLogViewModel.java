package dev.pushflow.ui.log;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ObjectProperty<DeliveryRecord> selected = new SimpleObjectProperty<>();
    private final StringProperty explanationTitle = new SimpleStringProperty("Select a row");
    private final StringProperty explanation = new SimpleStringProperty(
            "Every push attempt and every no-push decision is a row. Select one to see its payload, its headers, "
                    + "and what APNs' answer means here.");
    private final StringProperty fix = new SimpleStringProperty("");
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
        List<DeliveryRecord> snapshot = engine.log().snapshot();
        // SENDING lines read back from the file: hidden once answered, "unknown" when a run stopped before the answer.
        records.setAll(dev.pushflow.delivery.UnansweredPushes.interpret(snapshot, engine.logSeqAtStart()));
        snapshotUpToSeq = snapshot.stream().mapToLong(DeliveryRecord::seq).max().orElse(0);
        filterText.addListener(o -> refilter());
        statusFilter.addListener(o -> refilter());
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
        sorted.predicateProperty().set(s == StatusFilter.ALL && text.isEmpty() ? null : byStatus.and(byText));
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
                || has(r.reason(), lower) || has(r.detail(), lower) || has(r.token(), lower);
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
            headers.set(":path /3/device/" + r.token() + "\napns-topic: " + r.topic() + "\napns-push-type: "
                    + r.pushType() + "\napns-priority: " + r.priority() + "\n\nAnswer: " + r.statusCode()
                    + (r.reason() == null ? "" : " " + r.reason()) + "\napns-id: " + r.apnsId()
                    + "\napns-unique-id: " + (r.apnsUniqueId() == null ? "(none)" : r.apnsUniqueId())
                    + "\ngateway: " + r.gateway() + "\nlatency: " + String.format("%.1f ms", r.latencyMicros() / 1000.0));
        }
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

    public ObjectProperty<DeliveryRecord> selectedProperty() {
        return selected;
    }

    public StringProperty explanationTitleProperty() {
        return explanationTitle;
    }

    public StringProperty explanationProperty() {
        return explanation;
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
