package dev.pushflow.ui.console;

import dev.pushflow.apns.AppleIds;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialLoader;
import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SecretStore;
import dev.pushflow.delivery.ConnectionStatus;
import dev.pushflow.delivery.ProxySettings;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.scenario.WorkspaceSpec.CertificateSpec;
import dev.pushflow.scenario.WorkspaceSpec.UnrestoredCertificate;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.ProxyPreference;
import dev.pushflow.ui.TaskRunner;
import dev.pushflow.ui.UiEventQueue;
import dev.pushflow.ui.WorkspaceStore;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's certificate IDs and the app's TUIOfflinePushCertificateIDForAPNS per build. Warns when a
 * build points at a certificate ID of the other environment (the seed's "bad devicetoken"). The Network card: the
 * proxy for Apple's hosts (saved without its password) and the live state of the connections to them.
 *
 * <p>Passwords: a .p12 password is kept in memory for the session; only when the user ticks "Remember the password"
 * is it written, to the {@link SecretStore} and nowhere else. Certificate IDs of the saved workspace that could not
 * be restored at start are listed ({@link #restoreNotes()}) with how to fix each.
 */
public final class ConsoleViewModel {
    public enum CredentialKind { P8, P12 }

    /**
     * A line of the "not restored" banner: a certificate ID of the saved workspace that could not be loaded at start,
     * with what to do ({@code certificateId} 0: about the saved workspace as a whole). {@code detail}: the full reason.
     */
    public record RestoreNote(long certificateId, String text, String detail) {
    }

    /** The host a system proxy is resolved for when the card says what is in use. */
    static final String APPLE_HOST = ApnsEnvironment.PRODUCTION.appleHost();

    private final PushFlowEngine engine;
    private final TaskRunner tasks;
    private final Path configDir;
    private final Map<String, String> env;
    private final WorkspaceStore workspace;
    private final SecretStore secrets;
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
    /** Off by default, and again after each save: remembering a password is asked for each time. */
    private final BooleanProperty rememberPassword = new SimpleBooleanProperty(false);
    private final IntegerProperty storedPasswords = new SimpleIntegerProperty();
    private final ObservableList<RestoreNote> restoreNotes = FXCollections.observableArrayList();
    /** The Apple port of the entry being edited (the form has no field for it: 2197 survives an edit). */
    private int formApplePort = 443;
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    // the Network card
    private final StringProperty proxyText = new SimpleStringProperty("");
    /** Opt-in: keep the proxy password in the secret store (off unless one is stored for the proxy shown). */
    private final BooleanProperty rememberProxyPassword = new SimpleBooleanProperty(false);
    private final StringProperty proxyInUse = new SimpleStringProperty("");
    private final StringProperty proxyMessage = new SimpleStringProperty("");
    private final BooleanProperty proxyError = new SimpleBooleanProperty();
    private final StringProperty appleConnections = new SimpleStringProperty("");
    private final BooleanProperty appleConnectionFailed = new SimpleBooleanProperty();
    /** The APNs weather card (its own view model, WeatherViewModel). */
    private final WeatherViewModel weather;

    /** The APNs weather card's view model. */
    public WeatherViewModel weather() {
        return weather;
    }

    public ConsoleViewModel(AppContext ctx) {
        this(ctx, System.getenv());
    }

    /** @param env the environment a proxy password is read from ({@value ProxySettings#PASSWORD_ENV}) */
    ConsoleViewModel(AppContext ctx, Map<String, String> env) {
        this.engine = ctx.engine();
        this.tasks = ctx.tasks();
        this.configDir = ctx.configDir();
        this.env = env;
        this.workspace = ctx.workspace();
        this.secrets = workspace.secrets();
        this.weather = new WeatherViewModel(ctx);
        selected.addListener((o, a, b) -> describe(b));
        // A file whose password is remembered shows the box ticked; unticking it and saving forgets the password.
        formFile.addListener((o, a, b) -> {
            if (b != null && !b.isBlank() && isStored(b.strip())) {
                rememberPassword.set(true);
            }
        });
        storedPasswords.set(secrets.size());
        reload();
        ctx.events().subscribe(this::apply);
        loadProxy();
        // Connection changes come on Netty threads: the task runner hands them to the UI thread.
        engine.delivery().addConnectionListener(s -> tasks.run(() -> s, x -> refreshConnections(),
                t -> { }));
        refreshConnections();
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
        refreshRestoreNotes();
    }

    // ---------------------------------------------------------------- certificate IDs not restored at start

    private void refreshRestoreNotes() {
        List<RestoreNote> notes = new ArrayList<>();
        if (!workspace.problem().isEmpty()) {
            notes.add(new RestoreNote(0, workspace.problem(), workspace.problem()));
        }
        for (UnrestoredCertificate u : workspace.unrestored(engine)) {
            notes.add(new RestoreNote(u.id(), restoreText(u), u.message()));
        }
        restoreNotes.setAll(notes);
    }

    /** One sentence on what is wrong and one on what to do, in the window's words. */
    static String restoreText(UnrestoredCertificate u) {
        CredentialSource c = u.certificate().credential();
        Path file = c.path();
        String name = file == null ? "its credential" : String.valueOf(file.getFileName());
        String id = "Certificate ID " + u.id() + " was not restored: ";
        return switch (u.reason()) {
            case PASSWORD_NOT_AVAILABLE -> u.message().contains(" cannot be read: ") ? id + u.message()
                    + ". Fix that file, or click Load again and type the password."
                    : id + "the password of " + name + " is not stored. Click Load again and type"
                    + " it (tick “Remember the password” to keep it)" + (c.kind() == CredentialSource.Kind.P12
                    && c.passwordEnv() != null ? ", or start PushFlow with " + c.passwordEnv() + " set." : ".");
            case WRONG_PASSWORD -> id + "the password for " + name + " no longer opens it (exported again?)."
                    + " Click Load again and type its current password.";
            case FILE_MISSING -> id + file + " is not there any more (moved or deleted). Click Load again and"
                    + " choose where it is now.";
            case UNUSABLE -> id + u.message() + ". Click Load again to choose a file, or Drop it.";
        };
    }

    /** Fills the form with a certificate ID that was not restored, so the user only adds what was missing. */
    public void loadAgain(long certificateId) {
        CertificateSpec spec = workspace.kept(certificateId);
        if (spec == null) {
            fail("Certificate ID " + certificateId + " is not waiting to be restored");
            return;
        }
        selected.set(null);
        formId.set(String.valueOf(spec.id()));
        formEnvironment.set(spec.environment());
        formBundle.set(spec.bundleId() == null ? engine.appSettings().bundleId() : spec.bundleId());
        formGateway.set(spec.gateway());
        formApplePort = spec.applePort();
        CredentialSource p = spec.credential();
        switch (p.kind()) {
            case P12 -> {
                formKind.set(CredentialKind.P12);
                formFile.set(p.path().toString());
                ok("Type the password of " + p.path().getFileName() + " and click Save certificate ID"
                        + " (tick “Remember the password” to have it at the next start)");
            }
            case P8 -> {
                formKind.set(CredentialKind.P8);
                formFile.set(p.path().toString());
                formKeyId.set(p.keyId());
                formTeamId.set(p.teamId());
                ok("Choose where " + p.path().getFileName() + " is now and click Save certificate ID");
            }
            default -> ok("Click Save certificate ID");
        }
    }

    /** Forgets the definition of a certificate ID that was not restored: the next save leaves it out. */
    public void dropUnrestored(long certificateId) {
        if (workspace.drop(certificateId)) {
            ok("Certificate ID " + certificateId + " dropped: it is no longer in the saved workspace");
        }
        refreshRestoreNotes();
    }

    // ---------------------------------------------------------------- stored passwords

    private boolean isStored(String file) {
        try {
            return secrets.hasP12Password(Path.of(file));
        } catch (RuntimeException e) {
            return false; // not a path (yet): nothing stored for it
        }
    }

    /** Deletes the file of stored passwords. Certificate IDs loaded now keep working until PushFlow closes. */
    public void forgetStoredPasswords() {
        tasks.run(() -> {
            int n = secrets.size();
            secrets.forgetAll();
            return n;
        }, n -> {
            storedPasswords.set(0);
            rememberPassword.set(false);
            rememberProxyPassword.set(false);
            ok(n == 0 ? "No password was stored" : "Forgot " + n + (n == 1 ? " stored password" : " stored passwords")
                    + ": " + secrets.file().getFileName() + " is deleted. The certificate IDs work until PushFlow"
                    + " closes; at the next start, load them again.");
        }, t -> fail("Not forgotten: " + TaskRunner.message(t) + ". Delete " + secrets.file() + " by hand."));
    }

    /** The file a remembered password goes to, for the checkbox's explanation ("~/..." under the home folder). */
    public String secretsFile() {
        Path file = secrets.file();
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();
        return file.startsWith(home) && !file.equals(home)
                ? "~" + java.io.File.separator + home.relativize(file) : file.toString();
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
        formApplePort = e.applePort();
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
            CredentialSource f = e.source();
            if (f.kind() == CredentialSource.Kind.P12 && f.path().isAbsolute()) {
                sb.append("\n").append(f.path()).append(": ").append(f.passwordEnv() == null ? "no password"
                        : isStored(f.path().toString()) ? "password remembered on this computer"
                        : "password kept for this session only");
            }
        }
        details.set(sb.toString());
    }

    /** Subject, validity and an expiry warning for a .p12 push certificate. */
    /** The table's Credential column: "AuthKey_ABC.p8 (token)". */
    /** The certificate table's two-line credential cell: the auth kind, then the credential's label. */
    public static String credentialCell(CertificateEntry e) {
        return e.credential().authKind() + "\n" + e.credential().label();
    }

    public static String credentialColumn(CertificateEntry e) {
        return e.credential().label() + " (" + e.credential().authKind() + ")";
    }

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
        if (!file.isEmpty() && kind == CredentialKind.P8 && (!AppleIds.isAppleId(keyId) || !AppleIds.isAppleId(teamId))) {
            fail("A .p8 key needs its 10-character Key ID (from AuthKey_<KeyID>.p8) and your 10-character Team ID");
            return;
        }
        ApnsEnvironment env = formEnvironment.get();
        String bundle = formBundle.get();
        GatewayTarget gateway = formGateway.get();
        int applePort = formApplePort;
        boolean remember = rememberPassword.get();
        char[] pw = password == null ? new char[0] : password.clone();
        tasks.run(() -> {
            Credential c;
            CredentialSource source;
            Path p = null;
            if (file.isEmpty()) {
                c = existing.credential();
                source = existing.source();
            } else {
                p = Path.of(file).toAbsolutePath().normalize();
                byte[] bytes = Files.readAllBytes(p);
                if (kind == CredentialKind.P8) {
                    P8Credential p8 = new P8Credential(p.getFileName().toString(), bytes, keyId, teamId);
                    p8.signingKey(); // fails with a plain sentence when the key does not read
                    c = p8;
                } else {
                    // says "the password for x.p12 is wrong" rather than Java's keystore wording
                    c = CredentialLoader.loadP12(p.getFileName().toString(), bytes, pw);
                }
                // the saved workspace names the file by its absolute path, never the password
                source = kind == CredentialKind.P8 ? CredentialSource.p8(p, keyId, teamId, null)
                        : CredentialSource.p12(p, pw.length == 0 ? null : CredentialSource.DEFAULT_PASSWORD_ENV);
            }
            CertificateEntry entry = new CertificateEntry(id, env, bundle, c, gateway, applePort, source);
            String note = kind == CredentialKind.P12 && p != null ? rememberOrForget(p, pw, remember) : "";
            engine.console().put(entry);
            engine.consoleChanged();
            return new Saved(entry, note);
        }, s -> {
            formFile.set("");
            rememberPassword.set(false);
            storedPasswords.set(secrets.size());
            updateWarnings();
            refreshRestoreNotes();
            ok("Certificate ID " + s.entry().certificateId() + " saved (" + s.entry().environment().appleName() + ")"
                    + s.note());
        }, t -> fail("Not saved: " + TaskRunner.message(t)));
    }

    private record Saved(CertificateEntry entry, String note) {
    }

    /** Writes the password to the secret store only when asked; unticked, an older stored one for the file goes. */
    private String rememberOrForget(Path p12, char[] pw, boolean remember) {
        try {
            if (pw.length == 0) {
                return "";
            }
            if (remember) {
                secrets.rememberP12Password(p12, pw);
                return "; its password is remembered in " + secrets.file() + " (unencrypted, readable only by you)";
            }
            boolean forgot = secrets.forgetP12Password(p12);
            return "; its password is kept for this session only" + (forgot ? " (the one remembered before is"
                    + " forgotten)" : "") + ": tick “Remember the password” or set "
                    + CredentialSource.DEFAULT_PASSWORD_ENV + " to have it at the next start";
        } catch (java.io.IOException e) {
            return "; its password could NOT be remembered (" + TaskRunner.message(e) + "): it is kept for this"
                    + " session only";
        }
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

    // ---------------------------------------------------------------- the Network card

    /** The proxy as saved (or as the engine uses it), and what is wrong with a saved text that no longer reads. */
    private void loadProxy() {
        String saved = ProxyPreference.load(configDir);
        ProxySettings current = engine.delivery().proxy();
        showProxyInUse();
        if (!saved.isEmpty()) {
            try {
                ProxySettings.parse(saved, env);
            } catch (IllegalArgumentException e) {
                proxyText.set(saved);
                proxyFail("The saved " + e.getMessage() + ". No proxy is used until it is fixed.");
                return;
            }
        }
        proxyText.set(ProxyPreference.text(current));
        rememberProxyPassword.set(current.username() != null
                && secrets.proxyPassword(ProxyPreference.text(current)).isPresent());
        if (current.username() != null && current.password() == null) {
            proxyFail("The proxy user " + current.username() + " has no password: start PushFlow with "
                    + ProxySettings.PASSWORD_ENV + " set, or type http://" + current.username()
                    + ":password@… and Apply (kept for this session only)");
        }
    }

    /**
     * Applies the proxy typed in the card to Apple's hosts (the embedded gateways are never proxied) and saves it
     * without its password. A user without a password keeps the one in use for the same proxy this session, else
     * reads {@value ProxySettings#PASSWORD_ENV}.
     */
    public void applyProxy() {
        String text = proxyText.get() == null ? "" : proxyText.get().strip();
        ProxySettings parsed;
        try {
            parsed = ProxySettings.parse(text, env);
        } catch (IllegalArgumentException e) {
            proxyFail(capitalize(e.getMessage()));
            return;
        }
        if (parsed.port() > 65535) {
            proxyFail("The proxy port " + parsed.port() + " does not exist: a port is 1 to 65535 (3128, 8080, 1080 …)");
            return;
        }
        ProxySettings current = engine.delivery().proxy();
        boolean typedPassword = ProxySettings.parse(text, Map.of()).password() != null;
        boolean keptPassword = parsed.username() != null && parsed.password() == null && current.password() != null
                && sameProxy(parsed, current);
        ProxySettings chosen = keptPassword ? new ProxySettings(parsed.kind(), parsed.host(), parsed.port(),
                parsed.username(), current.password()) : parsed;
        boolean fromEnv = !typedPassword && !keptPassword && chosen.password() != null;
        boolean remember = rememberProxyPassword.get();
        tasks.run(() -> {
            engine.delivery().setProxy(chosen);
            ProxyPreference.save(configDir, chosen);
            // The password goes to the secret store only when asked; unticked, a stored one for this proxy goes.
            if (chosen.username() != null) {
                String key = ProxyPreference.text(chosen);
                if (remember && chosen.password() != null && !fromEnv) {
                    secrets.rememberProxyPassword(key, chosen.password());
                } else if (!remember) {
                    secrets.forgetProxyPassword(key);
                }
            }
            return chosen;
        }, x -> {
            proxyText.set(ProxyPreference.text(x));
            storedPasswords.set(secrets.size());
            showProxyInUse();
            refreshConnections();
            if (remember && x.username() != null && x.password() != null && !fromEnv) {
                proxyOk("Applied and saved; the password is remembered in " + secrets.file()
                        + " (unencrypted, readable only by you).");
            } else {
                proxySaid(x, fromEnv);
            }
        }, t -> proxyFail("Not applied: " + TaskRunner.message(t)));
    }

    /** Says what was done; the "In use" line above already names the proxy. */
    private void proxySaid(ProxySettings p, boolean fromEnv) {
        if (p.kind() == ProxySettings.Kind.NONE) {
            proxyOk("Applied and saved: Apple's hosts are reached directly.");
        } else if (p.kind() == ProxySettings.Kind.SYSTEM) {
            proxyOk("Applied and saved: the system proxy is looked up again at every connection.");
        } else if (p.username() == null) {
            proxyOk("Applied and saved.");
        } else if (p.password() == null) {
            proxyFail("Applied, but user " + p.username() + " has no password: type http://" + p.username()
                    + ":password@… or set " + ProxySettings.PASSWORD_ENV + " and start PushFlow again.");
        } else if (fromEnv) {
            proxyOk("Applied and saved; the password comes from " + ProxySettings.PASSWORD_ENV + " and is never saved.");
        } else {
            proxyOk("Saved without the password, which is kept for this session only: next time set "
                    + ProxySettings.PASSWORD_ENV + " or type it again.");
        }
    }

    private static boolean sameProxy(ProxySettings a, ProxySettings b) {
        return a.kind() == b.kind() && a.port() == b.port() && a.host() != null && a.host().equalsIgnoreCase(b.host())
                && a.username().equals(b.username());
    }

    private void showProxyInUse() {
        proxyInUse.set(describeInUse(engine.delivery().proxy()));
    }

    /** "no proxy", "HTTP proxy host:3128 as bob (password set)", or the system proxy with what it resolves to. */
    private static String describeInUse(ProxySettings p) {
        if (p.kind() == ProxySettings.Kind.SYSTEM) {
            return "the system proxy: " + p.resolveFor(APPLE_HOST) + " for " + APPLE_HOST;
        }
        return p.toString();
    }

    /** The connections to Apple's hosts (not the embedded gateways), one line each; a proxy failure says "proxy: …". */
    public void refreshConnections() {
        refreshConnections(engine.delivery().connections());
    }

    void refreshConnections(List<ConnectionStatus> all) {
        List<ConnectionStatus> apple = all.stream().filter(c -> !c.gateway().startsWith("embedded "))
                .sorted(Comparator.comparing(ConnectionStatus::gateway).thenComparing(ConnectionStatus::credential))
                .toList();
        appleConnectionFailed.set(apple.stream().anyMatch(c -> c.state() == ConnectionStatus.State.FAILED));
        appleConnections.set(apple.isEmpty() ? "No connection to Apple yet (the embedded gateways on 127.0.0.1 never"
                + " use the proxy)."
                : apple.stream().map(c -> c.gateway() + " (" + c.credential() + "): " + c.describe())
                .collect(Collectors.joining("\n")));
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private void proxyOk(String s) {
        proxyMessage.set(s);
        proxyError.set(false);
    }

    private void proxyFail(String s) {
        proxyMessage.set(s);
        proxyError.set(true);
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

    public BooleanProperty rememberPasswordProperty() {
        return rememberPassword;
    }

    /** How many passwords the secret store holds (the Forget button is off at 0). */
    public IntegerProperty storedPasswordsProperty() {
        return storedPasswords;
    }

    public ObservableList<RestoreNote> restoreNotes() {
        return restoreNotes;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    public BooleanProperty rememberProxyPasswordProperty() {
        return rememberProxyPassword;
    }

    public StringProperty proxyTextProperty() {
        return proxyText;
    }

    public StringProperty proxyInUseProperty() {
        return proxyInUse;
    }

    public StringProperty proxyMessageProperty() {
        return proxyMessage;
    }

    public BooleanProperty proxyErrorProperty() {
        return proxyError;
    }

    public StringProperty appleConnectionsProperty() {
        return appleConnections;
    }

    public BooleanProperty appleConnectionFailedProperty() {
        return appleConnectionFailed;
    }
}
