package dev.pushflow.ui.console;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;

/**
 * The console's certificate IDs and the app's TUIOfflinePushCertificateIDForAPNS per build. Warns when a
 * build points at a certificate ID of the other environment (the seed's "bad devicetoken").
 */
public final class ConsoleViewModel {
    public enum CredentialKind { P8, P12 }

    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final ObservableList<CertificateEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<CertificateEntry> selected = new SimpleObjectProperty<>();
    private final StringProperty details = new SimpleStringProperty("");
    private final StringProperty debugId = new SimpleStringProperty("");
    private final StringProperty releaseId = new SimpleStringProperty("");
    private final StringProperty bundleId = new SimpleStringProperty("");
    private final StringProperty debugWarning = new SimpleStringProperty("");
    private final StringProperty releaseWarning = new SimpleStringProperty("");
    // the add/edit form
    private final StringProperty formId = new SimpleStringProperty("");
    private final ObjectProperty<ApnsEnvironment> formEnvironment = new SimpleObjectProperty<>(ApnsEnvironment.SANDBOX);
    private final StringProperty formBundle = new SimpleStringProperty("com.example.chat");
    private final ObjectProperty<GatewayTarget> formGateway = new SimpleObjectProperty<>(GatewayTarget.EMBEDDED);
    private final ObjectProperty<CredentialKind> formKind = new SimpleObjectProperty<>(CredentialKind.P8);
    private final StringProperty formFile = new SimpleStringProperty("");
    private final StringProperty formKeyId = new SimpleStringProperty("");
    private final StringProperty formTeamId = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();

    public ConsoleViewModel(AppContext ctx) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        selected.addListener((o, a, b) -> describe(b));
        reload();
        ctx.events().subscribe(this::apply);
    }

    public void apply(UiEventQueue.Batch batch) {
        if (batch.workspaceChanged()) {
            reload();
        }
    }

    private void reload() {
        CertificateEntry sel = selected.get();
        entries.setAll(engine.console().all());
        AppSettings s = engine.appSettings();
        debugId.set(String.valueOf(s.certificateIdFor(BuildConfiguration.DEBUG)));
        releaseId.set(String.valueOf(s.certificateIdFor(BuildConfiguration.RELEASE)));
        bundleId.set(s.bundleId());
        updateWarnings();
        if (sel != null) {
            entries.stream().filter(e -> e.certificateId() == sel.certificateId()).findFirst().ifPresent(selected::set);
        } else if (!entries.isEmpty()) {
            selected.set(entries.getFirst());
        }
    }

    /** The warning for one build's macro value as typed, or "" when it is right. */
    public String warningFor(BuildConfiguration build, String idText) {
        long id;
        try {
            id = Long.parseLong(idText == null ? "" : idText.trim());
        } catch (NumberFormatException e) {
            return "Type a number: the certificate ID from the console (0 = macro absent)";
        }
        if (id < 0) {
            return "A certificate ID is 0 (absent) or positive";
        }
        if (id == 0) {
            return "No TUIOfflinePushCertificateIDForAPNS for " + build.displayName()
                    + " builds: the app reports businessID 0 and the backend never pushes";
        }
        Optional<CertificateEntry> e = engine.console().find(id);
        if (e.isEmpty()) {
            return "Certificate ID " + id + " is not in the console: the backend cannot push";
        }
        ApnsEnvironment tokenEnv = build.tokenEnvironment();
        if (e.get().environment() != tokenEnv) {
            return build.displayName() + " builds get " + tokenEnv.appleName() + " tokens, but " + id + " is a "
                    + e.get().environment().appleName() + " certificate: APNs will answer BadDeviceToken";
        }
        return "";
    }

    private void updateWarnings() {
        debugWarning.set(warningFor(BuildConfiguration.DEBUG, debugId.get()));
        releaseWarning.set(warningFor(BuildConfiguration.RELEASE, releaseId.get()));
    }

    /** Applies the macro values (and bundle ID) to the app; devices report them at the next login. */
    public void applyMacros() {
        long debug;
        long release;
        try {
            debug = Long.parseLong(debugId.get().trim());
            release = Long.parseLong(releaseId.get().trim());
        } catch (NumberFormatException e) {
            fail("Certificate IDs are numbers, like 31287 (0 = macro absent)");
            return;
        }
        AppSettings current = engine.appSettings();
        String bundle = bundleId.get() == null || bundleId.get().isBlank() ? current.bundleId() : bundleId.get().trim();
        tasks.run(() -> {
            AppSettings s = new AppSettings(bundle, current.appName(), current.certificateIds())
                    .withCertificateId(BuildConfiguration.DEBUG, debug)
                    .withCertificateId(BuildConfiguration.RELEASE, release);
            engine.setAppSettings(s);
            return s;
        }, s -> {
            updateWarnings();
            ok("App rebuilt: Debug reports " + debug + ", Release reports " + release
                    + ". Log in again on a device so setAPNS reports the new businessID.");
        }, t -> fail(TaskRunner.message(t)));
    }

    public void refreshWarnings() {
        updateWarnings();
    }

    private void describe(CertificateEntry e) {
        if (e == null) {
            details.set("");
            return;
        }
        formId.set(String.valueOf(e.certificateId()));
        formEnvironment.set(e.environment());
        formBundle.set(e.bundleId());
        formGateway.set(e.gateway());
        StringBuilder sb = new StringBuilder();
        sb.append("Certificate ID ").append(e.certificateId()).append(" · ").append(e.environment().appleName())
                .append(" · bundle ").append(e.bundleId()).append('\n');
        sb.append("Gateway: ").append(e.gateway() == GatewayTarget.EMBEDDED ? "embedded (127.0.0.1)"
                : e.environment().appleHost() + ":" + e.applePort()).append('\n');
        Credential c = e.credential();
        sb.append("Credential: ").append(c.label()).append(" (").append(c.authKind()).append(" auth)\n");
        if (c instanceof P8Credential p8) {
            formKind.set(CredentialKind.P8);
            formKeyId.set(p8.keyId());
            formTeamId.set(p8.teamId());
            sb.append("Key ID ").append(p8.keyId()).append(" · Team ID ").append(p8.teamId())
                    .append("\nA .p8 token key works for both environments and every app of the team; it does not expire.");
        } else if (c instanceof P12Credential p12) {
            formKind.set(CredentialKind.P12);
            sb.append(describeP12(p12));
        }
        details.set(sb.toString());
    }

    /** Subject, validity and an expiry warning for a .p12 push certificate. */
    static String describeP12(P12Credential p12) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(p12.p12()), p12.password());
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate x) {
                    Instant notAfter = x.getNotAfter().toInstant();
                    long days = Duration.between(Instant.now(), notAfter).toDays();
                    String expiry = notAfter.isBefore(Instant.now()) ? "EXPIRED on " + notAfter + ": APNs will refuse it"
                            : days < 30 ? "expires in " + days + " days (" + notAfter + "): renew it soon"
                            : "valid until " + notAfter;
                    return "Subject: " + x.getSubjectX500Principal().getName() + "\n" + expiry;
                }
            }
            return "No certificate inside the .p12";
        } catch (Exception ex) {
            return "Cannot read the .p12: " + ex.getMessage() + " (wrong password?)";
        }
    }

    /** Adds or replaces the certificate ID in the form, reading the credential file off the UI thread. */
    public void saveEntry(char[] password) {
        long id;
        try {
            id = Long.parseLong(formId.get().trim());
        } catch (NumberFormatException e) {
            fail("The certificate ID is a number, like 31287");
            return;
        }
        String file = formFile.get() == null ? "" : formFile.get().trim();
        CertificateEntry existing = engine.console().find(id).orElse(null);
        if (file.isEmpty() && existing == null) {
            fail("Choose the credential file (.p8 or .p12) for the new certificate ID " + id);
            return;
        }
        CredentialKind kind = formKind.get();
        String keyId = formKeyId.get() == null ? "" : formKeyId.get().trim();
        String teamId = formTeamId.get() == null ? "" : formTeamId.get().trim();
        if (!file.isEmpty() && kind == CredentialKind.P8 && (!keyId.matches("[A-Z0-9]{10}") || !teamId.matches("[A-Z0-9]{10}"))) {
            fail("A .p8 key needs its 10-character Key ID (from AuthKey_<KeyID>.p8) and your 10-character Team ID");
            return;
        }
        ApnsEnvironment env = formEnvironment.get();
        String bundle = formBundle.get();
        GatewayTarget gateway = formGateway.get();
        tasks.run(() -> {
            Credential c;
            if (file.isEmpty()) {
                c = existing.credential();
            } else {
                Path p = Path.of(file);
                byte[] bytes = Files.readAllBytes(p);
                if (kind == CredentialKind.P8) {
                    P8Credential p8 = new P8Credential(p.getFileName().toString(), bytes, keyId, teamId);
                    p8.signingKey(); // fails with a plain sentence when the key does not read
                    c = p8;
                } else {
                    P12Credential p12 = new P12Credential(p.getFileName().toString(), bytes,
                            password == null ? new char[0] : password);
                    KeyStore.getInstance("PKCS12").load(new ByteArrayInputStream(bytes), p12.password());
                    c = p12;
                }
            }
            CertificateEntry entry = new CertificateEntry(id, env, bundle, c, gateway);
            engine.console().put(entry);
            engine.consoleChanged();
            return entry;
        }, e -> {
            formFile.set("");
            updateWarnings();
            ok("Certificate ID " + e.certificateId() + " saved (" + e.environment().appleName() + ")");
        }, t -> fail("Not saved: " + TaskRunner.message(t)));
    }

    public void removeSelected() {
        CertificateEntry e = selected.get();
        if (e == null) {
            fail("Select a certificate ID first");
            return;
        }
        tasks.run(() -> {
            engine.console().remove(e.certificateId());
            engine.consoleChanged();
            return e;
        }, x -> {
            selected.set(null);
            updateWarnings();
            ok("Certificate ID " + x.certificateId() + " removed");
        }, t -> fail(TaskRunner.message(t)));
    }

    private void ok(String s) {
        message.set(s);
        error.set(false);
    }

    private void fail(String s) {
        message.set(s);
        error.set(true);
    }

    public ObservableList<CertificateEntry> entries() {
        return entries;
    }

    public ObjectProperty<CertificateEntry> selectedProperty() {
        return selected;
    }

    public StringProperty detailsProperty() {
        return details;
    }

    public StringProperty debugIdProperty() {
        return debugId;
    }

    public StringProperty releaseIdProperty() {
        return releaseId;
    }

    public StringProperty bundleIdProperty() {
        return bundleId;
    }

    public StringProperty debugWarningProperty() {
        return debugWarning;
    }

    public StringProperty releaseWarningProperty() {
        return releaseWarning;
    }

    public StringProperty formIdProperty() {
        return formId;
    }

    public ObjectProperty<ApnsEnvironment> formEnvironmentProperty() {
        return formEnvironment;
    }

    public StringProperty formBundleProperty() {
        return formBundle;
    }

    public ObjectProperty<GatewayTarget> formGatewayProperty() {
        return formGateway;
    }

    public ObjectProperty<CredentialKind> formKindProperty() {
        return formKind;
    }

    public StringProperty formFileProperty() {
        return formFile;
    }

    public StringProperty formKeyIdProperty() {
        return formKeyId;
    }

    public StringProperty formTeamIdProperty() {
        return formTeamId;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty errorProperty() {
        return error;
    }
}
