package dev.pushflow.ui.doctor;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.apns.PushType;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.CredentialLoader;
import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.doctor.BadDeviceTokenDoctor;
import dev.pushflow.doctor.CredentialInput;
import dev.pushflow.doctor.Diagnosis;
import dev.pushflow.doctor.DoctorRequest;
import dev.pushflow.doctor.Finding;
import dev.pushflow.doctor.Step;
import dev.pushflow.doctor.Verdict;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.rawsend.RawTarget;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import dev.pushflow.ui.keyscope.KeyScopeViewModel;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The Doctor panel's state: what to diagnose (a pasted token, or one filled from a simulated iPhone), what the push
 * is sent with (a console certificate ID, or a credential file with its gateway), the probe consent, and the last
 * diagnosis as a conclusion plus ordered rows. The doctor runs through the task runner: the probe waits for APNs.
 */
public final class DoctorViewModel {

    /** How the push under diagnosis is sent: a console certificate ID, or a credential file. */
    public enum SendWith { CERTIFICATE_ID, CREDENTIAL_FILE }

    /** The kind of credential file, from its extension. */
    public enum FileKind { P12, P8 }

    /** The build configuration as the user knows it; unknown is a real answer (the probe can tell). */
    public enum BuildChoice {
        DEBUG("Debug", BuildConfiguration.DEBUG),
        RELEASE("Release (TestFlight, App Store)", BuildConfiguration.RELEASE),
        UNKNOWN("Unknown", null);

        private final String label;
        private final BuildConfiguration build;

        BuildChoice(String label, BuildConfiguration build) {
            this.label = label;
            this.build = build;
        }

        public BuildConfiguration build() {
            return build;
        }

        public static BuildChoice of(BuildConfiguration b) {
            return b == null ? UNKNOWN : b == BuildConfiguration.DEBUG ? DEBUG : RELEASE;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * How a row is shown. The probe's answers per environment are evidence (the doctor marks them OK): shown as INFO
     * so a green tick never sits next to "400 BadDeviceToken"; the probe's last line carries the verdict.
     */
    public enum Level { OK, INFO, WARN, FAIL }

    /**
     * One finding as shown.
     *
     * @param first     the finding the conclusion names: act on it first
     * @param stepStart the first row of a run of rows of the same step (the view shows the step title there)
     */
    public record Row(Finding finding, Level level, boolean first, boolean stepStart) {
        public Step step() {
            return finding.step();
        }
    }

    /** A simulated (or real) iPhone of the workspace, as offered by the picker. */
    public record Phone(String deviceId, String name, BuildConfiguration build) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final BadDeviceTokenDoctor doctor;

    // what to diagnose
    private final ObservableList<Phone> phones = FXCollections.observableArrayList();
    private final StringProperty token = new SimpleStringProperty("");
    private final ObjectProperty<BuildChoice> build = new SimpleObjectProperty<>(BuildChoice.UNKNOWN);
    private final StringProperty bundleId = new SimpleStringProperty("");
    private final ObjectProperty<PushType> pushType = new SimpleObjectProperty<>(PushType.ALERT);
    private final StringProperty filledFrom = new SimpleStringProperty("");
    // what it is sent with
    private final ObjectProperty<SendWith> sendWith = new SimpleObjectProperty<>(SendWith.CERTIFICATE_ID);
    private final ObservableList<Long> certificateIds = FXCollections.observableArrayList();
    private final ObjectProperty<Long> certificateId = new SimpleObjectProperty<>();
    private final StringProperty credentialFile = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<FileKind> fileKind = new ReadOnlyObjectWrapper<>(FileKind.P12);
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty keyId = new SimpleStringProperty("");
    private final StringProperty teamId = new SimpleStringProperty("");
    /** The scope declared for a .p8 file (the file does not say): the doctor checks it against gateway and topic. */
    private final KeyScopeViewModel keyScope = new KeyScopeViewModel();
    private final ObjectProperty<GatewayTarget> gateway = new SimpleObjectProperty<>(GatewayTarget.EMBEDDED);
    private final ObjectProperty<ApnsEnvironment> environment = new SimpleObjectProperty<>(ApnsEnvironment.PRODUCTION);
    private final ObjectProperty<Integer> port = new SimpleObjectProperty<>(443);
    private final BooleanProperty probe = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper bundlePrompt = new ReadOnlyStringWrapper("");
    // the answer
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper busyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Diagnosis> diagnosis = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper conclusion = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper conclusionFix = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tokenEnvironment = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageError = new SimpleBooleanProperty();
    /** The form changed after the running diagnosis started: its answer is stale on arrival. */
    private boolean changedSinceStart;

    public DoctorViewModel(AppContext ctx) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        this.doctor = ctx.doctor();
        reloadPhones();
        reloadCertificateIds();
        certificateId.set(certificateIds.contains(engine.appSettings().certificateIdFor(BuildConfiguration.RELEASE))
                ? engine.appSettings().certificateIdFor(BuildConfiguration.RELEASE)
                : certificateIds.isEmpty() ? null : certificateIds.getFirst());
        credentialFile.addListener((o, a, b) -> fileChosen(b));
        Observable[] bundleInputs = {sendWith, certificateId, fileKind};
        for (Observable o : bundleInputs) {
            o.addListener(x -> updateBundlePrompt());
        }
        updateBundlePrompt();
        Observable[] inputs = {token, build, bundleId, pushType, sendWith, certificateId, credentialFile, password,
            keyId, teamId, keyScope.scopeProperty(), gateway, environment, port, probe};
        for (Observable o : inputs) {
            o.addListener(x -> {
                changedSinceStart = true;
                stale.set(diagnosis.get() != null);
            });
        }
        ctx.events().subscribe(this::apply);
    }

    /** Devices come and go, certificate IDs are added in the console: keep the pickers current. */
    public void apply(UiEventQueue.Batch batch) {
        if (!batch.devices().isEmpty() || !batch.removedDevices().isEmpty()) {
            reloadPhones();
        }
        if (batch.workspaceChanged()) {
            reloadCertificateIds();
            updateBundlePrompt();
        }
    }

    private void reloadPhones() {
        List<Phone> now = engine.devices().stream().map(d -> new Phone(d.deviceId(), d.name(), d.build())).toList();
        if (!now.equals(phones)) {
            phones.setAll(now);
        }
    }

    private void reloadCertificateIds() {
        TreeSet<Long> ids = new TreeSet<>();
        engine.console().all().forEach(e -> ids.add(e.certificateId()));
        if (certificateId.get() != null) {
            ids.add(certificateId.get()); // a prefilled ID the console does not know stays visible (a finding says so)
        }
        List<Long> now = new ArrayList<>(ids);
        if (!now.equals(certificateIds)) {
            Long keep = certificateId.get();
            certificateIds.setAll(now);
            certificateId.set(keep);
        }
    }

    /** "31287 · development · com.example.chat", or "99999 · not in the console". */
    public String describeCertificateId(Long id) {
        if (id == null) {
            return "";
        }
        return engine.console().find(id).map(e -> id + " · " + e.environment().appleName() + " · " + e.bundleId()
                        + (e.gateway() == GatewayTarget.EMBEDDED ? "" : " · Apple"))
                .orElse(id + " · not in the console");
    }

    // ---------------------------------------------------------------- filling the form

    /**
     * Fills the token, the build configuration and the certificate ID that build's app reports (its
     * TUIOfflinePushCertificateIDForAPNS macro): what the backend would push with.
     */
    public void usePhone(Phone phone) {
        if (phone == null) {
            return;
        }
        DeviceSnapshot d;
        try {
            d = engine.device(phone.deviceId());
        } catch (RuntimeException e) {
            fail(phone.name() + " is no longer in the workspace");
            reloadPhones();
            return;
        }
        AppSettings app = engine.appSettings();
        long macro = app.certificateIdFor(d.build());
        token.set(d.token() == null ? "" : d.token());
        build.set(BuildChoice.of(d.build()));
        bundleId.set("");
        sendWith.set(SendWith.CERTIFICATE_ID);
        String idNote;
        if (macro > 0) {
            useCertificateId(macro);
            idNote = "certificate ID " + macro + " (the app's " + d.build().displayName() + " macro)";
        } else {
            idNote = "no certificate ID: the app defines no TUIOfflinePushCertificateIDForAPNS for "
                    + d.build().displayName() + " builds (it reports 0); choose one to diagnose";
        }
        filledFrom.set("Filled from " + d.name() + ": " + (d.token() == null ? "no token yet" : "token "
                + DeviceTokens.abbreviate(d.token())) + ", build " + d.build().displayName() + ", " + idNote + ".");
        if (d.token() == null) {
            fail(neverReportedAToken(d));
            return;
        }
        ok("");
    }

    /**
     * Fills the form from elsewhere in the app (e.g. a BadDeviceToken row of the delivery log).
     *
     * @param certificateId the certificate ID the push was sent with; null leaves the choice as it is
     * @param build         the build configuration of the app that reported the token; null = unknown
     */
    public void prefill(String token, Long certificateId, BuildConfiguration build) {
        this.token.set(token == null ? "" : token);
        this.build.set(BuildChoice.of(build));
        bundleId.set("");
        sendWith.set(SendWith.CERTIFICATE_ID);
        if (certificateId != null) {
            useCertificateId(certificateId);
        }
        filledFrom.set("");
        ok("");
    }

    /** The seed's token FAQ: a simulated iPhone whose token request failed or was never answered. */
    static String neverReportedAToken(DeviceSnapshot d) {
        return d.name() + ": this device never reported a token (token " + d.tokenStatus().describe() + "), so there"
                + " is no token to diagnose and the backend pushes nothing (no-token). Try the guide's remedies in the"
                + " Devices panel: cellular (4G), reinstall, restart the app or the phone, a Release build.";
    }

    private void useCertificateId(long id) {
        certificateId.set(id);
        reloadCertificateIds();
    }

    private void fileChosen(String file) {
        String name = file == null ? "" : Path.of(file.strip()).getFileName() == null ? ""
                : Path.of(file.strip()).getFileName().toString();
        fileKind.set(name.toLowerCase(Locale.ROOT).endsWith(".p8") ? FileKind.P8 : FileKind.P12);
        if (keyId.get() == null || keyId.get().isBlank()) {
            // Apple names the download AuthKey_<KeyID>.p8
            CredentialLoader.keyIdFromFileName(name).map(k -> k.toUpperCase(Locale.ROOT)).ifPresent(keyId::set);
        }
    }

    private void updateBundlePrompt() {
        if (sendWith.get() == SendWith.CERTIFICATE_ID) {
            Long id = certificateId.get();
            Optional<CertificateEntry> e = id == null ? Optional.empty() : engine.console().find(id);
            bundlePrompt.set(e.map(x -> x.bundleId() + " (from " + x.certificateId() + ")")
                    .orElse(engine.appSettings().bundleId() + " (the app's)"));
        } else {
            bundlePrompt.set(fileKind.get() == FileKind.P8 ? "required with a .p8"
                    : "from the certificate's topics");
        }
    }

    // ---------------------------------------------------------------- diagnosing

    /** Checks the input, then runs the doctor (and, with consent, the probe) off the UI thread. */
    public void diagnose() {
        if (busy.get()) {
            return;
        }
        String t = token.get() == null ? "" : token.get();
        if (t.isBlank()) {
            fail("Paste the device token first (or fill it from a simulated iPhone)");
            return;
        }
        BuildConfiguration b = build.get() == null ? null : build.get().build();
        String bundle = blankToNull(bundleId.get());
        PushType type = pushType.get() == null ? PushType.ALERT : pushType.get();
        boolean withProbe = probe.get();
        Callable<Diagnosis> work;
        if (sendWith.get() == SendWith.CERTIFICATE_ID) {
            Long id = certificateId.get();
            if (id == null) {
                fail("Choose the certificate ID the push is sent with (the console lists them)");
                return;
            }
            AppSettings app = engine.appSettings();
            work = () -> doctor.diagnose(new DoctorRequest(t, id, null, null, b, app, bundle, type, withProbe));
        } else {
            String file = credentialFile.get() == null ? "" : credentialFile.get().strip();
            if (file.isEmpty()) {
                fail("Choose the credential file: the push certificate (.p12) or the token key (.p8)");
                return;
            }
            if (gateway.get() == null || environment.get() == null) {
                fail("Choose the gateway and the environment the backend pushes to");
                return;
            }
            RawTarget target = gateway.get() == GatewayTarget.EMBEDDED ? RawTarget.embedded(environment.get())
                    : RawTarget.apple(environment.get(), port.get() == null ? 443 : port.get());
            FileKind kind = fileKind.get();
            KeyScope scope = keyScope.scopeProperty().get();
            if (kind == FileKind.P8 && scope == null) {
                fail(keyScope.errorProperty().get());
                return;
            }
            char[] pw = password.get() == null ? new char[0] : password.get().toCharArray();
            String key = keyId.get() == null ? "" : keyId.get().strip();
            String team = teamId.get() == null ? "" : teamId.get().strip();
            work = () -> {
                Path p = Path.of(file);
                byte[] bytes = read(p);
                String label = p.getFileName().toString();
                CredentialInput source = kind == FileKind.P8
                        ? new CredentialInput.P8File(CredentialSource.p8(p.toAbsolutePath().normalize(), key, team,
                        scope).withLabel(label), bytes)
                        : new CredentialInput.P12File(CredentialSource.p12(p.toAbsolutePath().normalize(), null)
                        .withLabel(label), bytes, pw);
                // The workspace's app is not the credential's: no macro or bundle checks against it.
                return doctor.diagnose(new DoctorRequest(t, null, source, target, b, null, bundle, type, withProbe));
            };
        }
        changedSinceStart = false;
        busy.set(true);
        busyText.set(withProbe ? "Diagnosing… sending the probe to the sandbox and production, waiting for APNs"
                : "Diagnosing…");
        ok("");
        tasks.run(work, d -> {
            busy.set(false);
            busyText.set("");
            show(d);
        }, e -> {
            busy.set(false);
            busyText.set("");
            fail(TaskRunner.message(e));
        });
    }

    private static byte[] read(Path p) throws IOException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new IOException("The credential file " + p + " does not exist", e);
        } catch (IOException e) {
            throw new IOException("Cannot read the credential file " + p + ": " + TaskRunner.message(e), e);
        }
    }

    private void show(Diagnosis d) {
        diagnosis.set(d);
        stale.set(changedSinceStart);
        List<Finding> fs = d.findings();
        Finding first = fs.stream().filter(f -> d.conclusion().equals(f.text()
                + (f.fix().isEmpty() ? "" : " Fix: " + f.fix()))).findFirst().orElse(null);
        int lastProbe = -1;
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i).step() == Step.PROBE) {
                lastProbe = i;
            }
        }
        List<Row> out = new ArrayList<>();
        Step previous = null;
        for (int i = 0; i < fs.size(); i++) {
            Finding f = fs.get(i);
            Level level = switch (f.verdict()) {
                case OK -> f.step() == Step.PROBE && i != lastProbe ? Level.INFO : Level.OK;
                case WARN -> Level.WARN;
                case FAIL -> Level.FAIL;
            };
            out.add(new Row(f, level, f == first, f.step() != previous));
            previous = f.step();
        }
        rows.setAll(out);
        Verdict v = d.verdict();
        verdict.set(v);
        headline.set(switch (v) {
            case FAIL -> "The push fails: act on this first";
            case WARN -> "Nothing fails for sure, but check this first";
            case OK -> "No problem found";
        });
        if (first != null) {
            conclusion.set(first.text());
            conclusionFix.set(first.fix());
        } else {
            conclusion.set(d.conclusion());
            conclusionFix.set("");
        }
        tokenEnvironment.set(d.probedTokenEnvironment().map(e -> e == ApnsEnvironment.SANDBOX
                        ? "Probed: a sandbox (development) token, from a Debug build"
                        : "Probed: a production token, from a Release (TestFlight, App Store) build")
                .orElse(d.of(Step.PROBE).isEmpty() ? "Not probed: tick the probe to learn which environment the"
                        + " token belongs to" : "Probed: the token's environment could not be told (see the probe's"
                        + " lines)"));
        long fail = fs.stream().filter(f -> f.verdict() == Verdict.FAIL).count();
        long warn = fs.stream().filter(f -> f.verdict() == Verdict.WARN).count();
        long okCount = out.stream().filter(r -> r.level() == Level.OK).count();
        counts.set(fail + " fail · " + warn + " warn · " + okCount + " ok");
    }

    /** The diagnosis as plain text ({@link Diagnosis#toText()}) for the clipboard; "" before the first one. */
    public String copyText() {
        Diagnosis d = diagnosis.get();
        if (d == null) {
            fail("Nothing to copy yet: diagnose first");
            return "";
        }
        ok("Diagnosis copied as text");
        return d.toText();
    }

    private void ok(String s) {
        message.set(s);
        messageError.set(false);
    }

    private void fail(String s) {
        message.set(s);
        messageError.set(true);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<Phone> phones() {
        return phones;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public ObjectProperty<BuildChoice> buildProperty() {
        return build;
    }

    public StringProperty bundleIdProperty() {
        return bundleId;
    }

    public ReadOnlyStringProperty bundlePromptProperty() {
        return bundlePrompt.getReadOnlyProperty();
    }

    public ObjectProperty<PushType> pushTypeProperty() {
        return pushType;
    }

    public StringProperty filledFromProperty() {
        return filledFrom;
    }

    public ObjectProperty<SendWith> sendWithProperty() {
        return sendWith;
    }

    public ObservableList<Long> certificateIds() {
        return certificateIds;
    }

    public ObjectProperty<Long> certificateIdProperty() {
        return certificateId;
    }

    public StringProperty credentialFileProperty() {
        return credentialFile;
    }

    public ReadOnlyObjectProperty<FileKind> fileKindProperty() {
        return fileKind.getReadOnlyProperty();
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty keyIdProperty() {
        return keyId;
    }

    public StringProperty teamIdProperty() {
        return teamId;
    }

    /** The scope declared for a .p8 file: environment, team-scoped or topic-specific with its bundle IDs. */
    public KeyScopeViewModel keyScope() {
        return keyScope;
    }

    public ObjectProperty<GatewayTarget> gatewayProperty() {
        return gateway;
    }

    public ObjectProperty<ApnsEnvironment> environmentProperty() {
        return environment;
    }

    public ObjectProperty<Integer> portProperty() {
        return port;
    }

    public BooleanProperty probeProperty() {
        return probe;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty busyTextProperty() {
        return busyText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Diagnosis> diagnosisProperty() {
        return diagnosis.getReadOnlyProperty();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<Verdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty conclusionProperty() {
        return conclusion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty conclusionFixProperty() {
        return conclusionFix.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokenEnvironmentProperty() {
        return tokenEnvironment.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty messageErrorProperty() {
        return messageError;
    }
}
