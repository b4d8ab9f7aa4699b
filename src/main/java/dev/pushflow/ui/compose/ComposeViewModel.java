package dev.pushflow.ui.compose;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.apns.ApnsHeaders;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.delivery.PushRequest;
import dev.pushflow.engine.PlannedDelivery;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.SendReport;
import dev.pushflow.im.ApnsOptions;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImMessage;
import dev.pushflow.im.ImUser;
import dev.pushflow.im.MessageElement;
import dev.pushflow.im.OfflinePushInfo;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The message being composed. Every change re-asks the engine for its prediction (no side effects);
 * Send runs off the UI thread. Nothing typed is cleared by an error.
 */
public final class ComposeViewModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A problem with a field: errors block sending, warnings only say what will happen. */
    public record Issue(boolean error, String message) {
        static Issue error(String m) {
            return new Issue(true, m);
        }

        static Issue warning(String m) {
            return new Issue(false, m);
        }
    }

    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<String> groups = FXCollections.observableArrayList();
    private final StringProperty sender = new SimpleStringProperty();
    private final BooleanProperty toGroup = new SimpleBooleanProperty(false);
    private final StringProperty receiver = new SimpleStringProperty();
    private final StringProperty groupID = new SimpleStringProperty();
    private final ObservableList<ElementDraft> elements = FXCollections.observableArrayList();
    private final ObjectProperty<ElementDraft.Kind> elementKind = new SimpleObjectProperty<>(ElementDraft.Kind.TEXT);
    private final StringProperty elementValue = new SimpleStringProperty("");
    // offlinePushInfo
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty desc = new SimpleStringProperty("");
    private final StringProperty ext = new SimpleStringProperty("");
    private final BooleanProperty disablePush = new SimpleBooleanProperty();
    private final StringProperty iOSSound = new SimpleStringProperty("");
    private final BooleanProperty ignoreIOSBadge = new SimpleBooleanProperty();
    private final BooleanProperty voip = new SimpleBooleanProperty();
    private final StringProperty iOSImage = new SimpleStringProperty("");
    // APNs options
    private final StringProperty priority = new SimpleStringProperty("10");
    private final StringProperty expiration = new SimpleStringProperty("");
    private final StringProperty collapseId = new SimpleStringProperty("");
    // preview and result
    private final ObservableList<PreviewRow> preview = FXCollections.observableArrayList();
    private final ObjectProperty<PreviewRow> selectedPreview = new SimpleObjectProperty<>();
    private final StringProperty previewProblem = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty resultError = new SimpleBooleanProperty();
    private final BooleanProperty sending = new SimpleBooleanProperty();
    private final ObservableList<SendResult> results = FXCollections.observableArrayList();
    private long previewGeneration;

    public ComposeViewModel(AppContext ctx) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        loadWorld();
        sender.set(users.contains("bob") ? "bob" : users.isEmpty() ? null : users.getFirst());
        receiver.set(users.contains("alice") ? "alice" : users.isEmpty() ? null : users.getFirst());
        groupID.set(groups.isEmpty() ? null : groups.getFirst());
        elements.add(new ElementDraft(ElementDraft.Kind.TEXT, "Lunch at 12:30?"));
        Observable[] inputs = {sender, toGroup, receiver, groupID, elements, title, desc, ext, disablePush, iOSSound,
                ignoreIOSBadge, voip, iOSImage, priority, expiration, collapseId};
        for (Observable o : inputs) {
            o.addListener(x -> refreshPreview());
        }
        elements.addListener((Observable x) -> clearResult());
        ctx.events().subscribe(this::apply);
        refreshPreview();
    }

    private void loadWorld() {
        // Keep the sender, recipient and group chosen when they still exist (a combo box loses its value when its
        // items are replaced): the preview and the form must tell the same story.
        String from = sender.get();
        String to = receiver.get();
        String group = groupID.get();
        users.setAll(engine.users().stream().map(ImUser::userID).toList());
        groups.setAll(engine.groups().stream().map(ImGroup::groupID).toList());
        sender.set(users.contains(from) ? from : users.contains("bob") ? "bob" : users.isEmpty() ? null : users.getFirst());
        receiver.set(users.contains(to) ? to : users.contains("alice") ? "alice" : users.isEmpty() ? null : users.getFirst());
        groupID.set(groups.contains(group) ? group : groups.isEmpty() ? null : groups.getFirst());
    }

    /** Device, login or console changes alter the prediction. */
    public void apply(UiEventQueue.Batch batch) {
        if (batch.workspaceChanged()) {
            loadWorld();
        }
        if (batch.workspaceChanged() || !batch.devices().isEmpty() || !batch.removedDevices().isEmpty()) {
            refreshPreview();
        }
    }

    // ---------------------------------------------------------------- elements

    public void addElement() {
        ElementDraft.Kind k = elementKind.get();
        String v = elementValue.get();
        if (k == ElementDraft.Kind.TEXT && (v == null || v.isEmpty())) {
            result.set("Type the text of the element first");
            resultError.set(true);
            return;
        }
        elements.add(new ElementDraft(k, v));
        elementValue.set("");
        clearResult();
    }

    /** A message about the last action no longer applies once the form changes. */
    private void clearResult() {
        if (!sending.get()) {
            result.set("");
            resultError.set(false);
        }
    }

    public void removeElement(ElementDraft e) {
        elements.remove(e);
    }

    // ---------------------------------------------------------------- validation (as typed)

    /** ext is sent verbatim: JSON is not required, but a tap only redirects when it holds an entity. */
    public static Issue extIssue(String ext) {
        if (ext == null || ext.isBlank()) {
            return null;
        }
        String t = ext.trim();
        try {
            var node = JSON.readTree(t);
            if (node == null || !node.isObject()) {
                return Issue.warning("ext is JSON but not an object: sent verbatim; a tap finds no entity (No redirect)");
            }
            if (!node.has("entity")) {
                return Issue.warning("ext has no \"entity\": sent verbatim; a tap opens nothing. The chat UI sends "
                        + "{\"entity\":{\"action\":1,\"chatType\":1,\"sender\":\"bob\"}}");
            }
            return null;
        } catch (Exception e) {
            if (t.startsWith("{") || t.startsWith("[")) {
                return Issue.warning("ext looks like JSON but does not parse (" + firstLine(e.getMessage())
                        + "): it is sent verbatim and a tap will say \"No redirect: ext is not JSON\"");
            }
            return Issue.warning("ext is plain text: sent verbatim as userInfo[\"ext\"]; a tap will not redirect");
        }
    }

    public static Issue collapseIdIssue(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        int bytes = ApnsHeaders.collapseIdBytes(id);
        return bytes > ApnsHeaders.MAX_COLLAPSE_ID_BYTES ? Issue.error("apns-collapse-id is at most "
                + ApnsHeaders.MAX_COLLAPSE_ID_BYTES + " bytes; this one has " + bytes) : null;
    }

    public static Issue expirationIssue(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long s = Long.parseLong(text.trim());
            return s < 0 ? Issue.error("expiration is seconds from now (0 = deliver once or drop), not negative") : null;
        } catch (NumberFormatException e) {
            return Issue.error("expiration is a number of seconds from now, like 3600 (empty = APNs default)");
        }
    }

    public static Issue soundIssue(String sound) {
        if (sound == null || sound.isBlank() || sound.equals("default") || sound.equals(OfflinePushInfo.NO_SOUND)) {
            return null;
        }
        return sound.contains(".") ? null
                : Issue.warning("iOSSound is a file name with its extension (like dingdong.aiff), \"default\" or push.no_sound");
    }

    /** The first blocking problem, or null. */
    public String blockingProblem() {
        if (sender.get() == null || sender.get().isBlank()) {
            return "Choose a sender";
        }
        if (toGroup.get() ? groupID.get() == null || groupID.get().isBlank() : receiver.get() == null || receiver.get().isBlank()) {
            return toGroup.get() ? "Choose a group" : "Choose a recipient user";
        }
        if (elements.isEmpty()) {
            return "Add at least one element (text, image, custom...)";
        }
        for (Issue i : new Issue[]{collapseIdIssue(collapseId.get()), expirationIssue(expiration.get())}) {
            if (i != null && i.error()) {
                return i.message();
            }
        }
        return null;
    }

    /** The message as typed; throws with a plain sentence when it cannot be built. */
    public ImMessage buildMessage() {
        String problem = blockingProblem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        List<MessageElement> list = new ArrayList<>();
        for (ElementDraft d : elements) {
            list.add(d.toElement());
        }
        OfflinePushInfo info = new OfflinePushInfo(blankToNull(title.get()), blankToNull(desc.get()),
                blankToNull(ext.get()), disablePush.get(), blankToNull(iOSSound.get()), ignoreIOSBadge.get(),
                voip.get() ? 1 : 0, blankToNull(iOSImage.get()));
        Integer prio = priority.get() == null || priority.get().isBlank() || priority.get().startsWith("default")
                ? null : Integer.valueOf(priority.get().trim().split(" ")[0]);
        Instant exp = expiration.get() == null || expiration.get().isBlank() ? null
                : Instant.now().plusSeconds(Long.parseLong(expiration.get().trim()));
        ApnsOptions options = new ApnsOptions(prio, exp, blankToNull(collapseId.get()));
        return new ImMessage(null, sender.get(), toGroup.get() ? null : receiver.get(),
                toGroup.get() ? groupID.get() : null, list, info, options);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    // ---------------------------------------------------------------- preview and send

    public void refreshPreview() {
        ImMessage m;
        try {
            m = buildMessage();
        } catch (RuntimeException e) {
            preview.clear();
            previewProblem.set(e.getMessage());
            return;
        }
        long generation = ++previewGeneration;
        tasks.run(() -> engine.preview(m), plan -> {
            if (generation != previewGeneration) {
                return; // a newer edit is on its way
            }
            previewProblem.set("");
            String selectedDevice = selectedPreview.get() == null ? null : selectedPreview.get().device();
            preview.setAll(plan.stream().map(ComposeViewModel::row).toList());
            PreviewRow again = preview.stream().filter(r -> r.device().equals(selectedDevice)).findFirst()
                    .orElse(preview.stream().filter(PreviewRow::push).findFirst().orElse(preview.isEmpty() ? null : preview.getFirst()));
            selectedPreview.set(again);
        }, t -> {
            if (generation == previewGeneration) {
                preview.clear();
                previewProblem.set(TaskRunner.message(t));
            }
        });
    }

    static PreviewRow row(PlannedDelivery p) {
        String device = p.deviceName() == null ? "(no device)" : p.deviceName();
        if (!p.isPush()) {
            return new PreviewRow(device, p.userID(), false, p.describe(), "", 0, 0, "");
        }
        PushRequest r = p.request();
        // the apns-id is made again when the message is sent: not shown
        String h = new ApnsHeaders(r.topic(), r.pushType(), r.priority(), r.expiration(), r.collapseId(), null)
                .render(r.token());
        String pretty;
        try {
            pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(p.payload().json()));
        } catch (Exception e) {
            pretty = p.payload().json();
        }
        return new PreviewRow(device, p.userID(), true, p.describe(), pretty, p.payload().bytes(), p.payload().limit(),
                h);
    }

    public void send() {
        if (sending.get()) {
            return;
        }
        ImMessage m;
        try {
            m = buildMessage();
        } catch (RuntimeException e) {
            result.set(e.getMessage());
            resultError.set(true);
            return;
        }
        sending.set(true);
        result.set("Sending…");
        resultError.set(false);
        results.clear();
        tasks.run(() -> {
            SendReport report = engine.send(m);
            return report.records().get(15, TimeUnit.SECONDS);
        }, records -> {
            sending.set(false);
            result.set(summary(records));
            results.setAll(records.stream().map(ComposeViewModel::result).toList());
            boolean pushed = records.stream().anyMatch(r -> r.status().isPushAttempt());
            boolean online = records.stream().anyMatch(r -> r.status() == DeliveryStatus.ONLINE);
            resultError.set(records.stream().anyMatch(r -> r.status() == DeliveryStatus.REJECTED
                    || r.status() == DeliveryStatus.FAILED) || (!pushed && !online));
            refreshPreview();
        }, t -> {
            sending.set(false);
            result.set("Not sent: " + TaskRunner.message(t) + " (your message is kept; fix it and send again)");
            resultError.set(true);
        });
    }

    /** One recipient device after a Send: who, and what became of the message there. */
    public record SendResult(String device, String userID, DeliveryStatus status, String text) {
        /** Accepted by APNs or delivered online. */
        public boolean ok() {
            return status == DeliveryStatus.ACCEPTED || status == DeliveryStatus.ONLINE;
        }
    }

    static SendResult result(DeliveryRecord r) {
        String who = r.deviceName() == null ? (r.deviceId() == null ? r.userID() : r.deviceId()) : r.deviceName();
        String text = switch (r.status()) {
            case ACCEPTED -> "pushed: accepted by APNs (200)";
            case REJECTED -> "pushed: rejected, " + r.statusCode() + " " + r.reason();
            case FAILED -> "pushed: no answer from APNs, " + r.detail();
            case NO_PUSH -> "no push (" + r.reason() + ")" + (r.detail() == null ? "" : ": " + r.detail());
            case ONLINE -> "no push needed: delivered online (app in the foreground)";
            case SENDING -> "pushed: waiting for APNs' answer";
        };
        return new SendResult(who, r.userID(), r.status(), who + (r.userID() == null ? "" : " (" + r.userID() + ")")
                + ": " + text);
    }

    /** The line under Send: "Sent." only when something was pushed, else what happened instead. */
    static String summary(List<DeliveryRecord> records) {
        if (records.isEmpty()) {
            return "Nothing was pushed: the message has no recipient device";
        }
        List<String> parts = new ArrayList<>();
        for (DeliveryRecord r : records) {
            String who = r.deviceName() == null ? r.userID() : r.deviceName();
            parts.add(switch (r.status()) {
                case ACCEPTED -> who + ": accepted by APNs";
                case REJECTED -> who + ": rejected, " + r.reason();
                case FAILED -> who + ": failed, " + r.detail();
                case NO_PUSH -> who + ": no push (" + r.reason() + ")";
                case ONLINE -> who + ": delivered online (app in foreground)";
                case SENDING -> who + ": sending";
            });
        }
        long pushed = records.stream().filter(r -> r.status().isPushAttempt()).count();
        long online = records.stream().filter(r -> r.status() == DeliveryStatus.ONLINE).count();
        String head = pushed > 0 ? "Sent." : online > 0 ? "Delivered online, nothing pushed." : "Nothing was pushed.";
        return head + " " + String.join(" · ", parts);
    }

    /** One line per recipient device after the last Send (cleared when a new one starts). */
    public ObservableList<SendResult> results() {
        return results;
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<String> users() {
        return users;
    }

    public ObservableList<String> groups() {
        return groups;
    }

    public StringProperty senderProperty() {
        return sender;
    }

    public BooleanProperty toGroupProperty() {
        return toGroup;
    }

    public StringProperty receiverProperty() {
        return receiver;
    }

    public StringProperty groupIDProperty() {
        return groupID;
    }

    public ObservableList<ElementDraft> elements() {
        return elements;
    }

    public ObjectProperty<ElementDraft.Kind> elementKindProperty() {
        return elementKind;
    }

    public StringProperty elementValueProperty() {
        return elementValue;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty descProperty() {
        return desc;
    }

    public StringProperty extProperty() {
        return ext;
    }

    public BooleanProperty disablePushProperty() {
        return disablePush;
    }

    public StringProperty iOSSoundProperty() {
        return iOSSound;
    }

    public BooleanProperty ignoreIOSBadgeProperty() {
        return ignoreIOSBadge;
    }

    public BooleanProperty voipProperty() {
        return voip;
    }

    public StringProperty iOSImageProperty() {
        return iOSImage;
    }

    public StringProperty priorityProperty() {
        return priority;
    }

    public StringProperty expirationProperty() {
        return expiration;
    }

    public StringProperty collapseIdProperty() {
        return collapseId;
    }

    public ObservableList<PreviewRow> preview() {
        return preview;
    }

    public ObjectProperty<PreviewRow> selectedPreviewProperty() {
        return selectedPreview;
    }

    public StringProperty previewProblemProperty() {
        return previewProblem;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public BooleanProperty resultErrorProperty() {
        return resultError;
    }

    public BooleanProperty sendingProperty() {
        return sending;
    }
}
