package dev.pushflow.ui.rawpush;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.ApnsReason;
import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.apns.PushType;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.CertificateInfo;
import dev.pushflow.credentials.CertificateInspector;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialException;
import dev.pushflow.credentials.CredentialLoader;
import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.P8Info;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.explain.Explanation;
import dev.pushflow.explain.RejectionExplainer;
import dev.pushflow.rawsend.ApnsFileExport;
import dev.pushflow.rawsend.ConnectionState;
import dev.pushflow.rawsend.CurlExport;
import dev.pushflow.rawsend.InvalidRawPushException;
import dev.pushflow.rawsend.Payloads;
import dev.pushflow.rawsend.RawPush;
import dev.pushflow.rawsend.RawResult;
import dev.pushflow.rawsend.RawSender;
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
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Raw push panel's state: one push with every APNs header, to several tokens, through a credential of the
 * console or from a file, to an embedded gateway or Apple's host. Every change re-checks the push
 * ({@link RawPush#check()}) so Send is only enabled for a sendable push, and the problems say why not. Sends and
 * credential files run through the {@link TaskRunner}: Pushy answers on Netty threads, the runner hands the
 * results back on the UI thread, the only place this class is touched. The form is remembered (without any
 * password or key) only once it passed the check.
 */
public final class RawPushViewModel {
    /** Where the credential comes from. */
    public enum Source {
        CONSOLE("Console certificate ID"), FILE("File (.p12 or .p8)");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The four places a raw push can go (Apple's hosts on port 443 or 2197). */
    public enum Gateway {
        EMBEDDED_SANDBOX("Embedded sandbox", GatewayTarget.EMBEDDED, ApnsEnvironment.SANDBOX),
        EMBEDDED_PRODUCTION("Embedded production", GatewayTarget.EMBEDDED, ApnsEnvironment.PRODUCTION),
        APPLE_SANDBOX("Apple sandbox (api.sandbox.push.apple.com)", GatewayTarget.APPLE, ApnsEnvironment.SANDBOX),
        APPLE_PRODUCTION("Apple production (api.push.apple.com)", GatewayTarget.APPLE, ApnsEnvironment.PRODUCTION);

        private final String label;
        private final GatewayTarget target;
        private final ApnsEnvironment environment;

        Gateway(String label, GatewayTarget target, ApnsEnvironment environment) {
            this.label = label;
            this.target = target;
            this.environment = environment;
        }

        public boolean apple() {
            return target == GatewayTarget.APPLE;
        }

        public ApnsEnvironment environment() {
            return environment;
        }

        public RawTarget target(int applePort) {
            return new RawTarget(target, environment, applePort == 2197 ? 2197 : 443);
        }

        static Gateway of(GatewayTarget target, ApnsEnvironment environment) {
            for (Gateway g : values()) {
                if (g.target == target && g.environment == environment) {
                    return g;
                }
            }
            throw new IllegalArgumentException(target + " " + environment);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** apns-priority; DEFAULT sends no header (APNs then uses 10). */
    public enum ApnsPriority {
        DEFAULT(null, "default"), IMMEDIATE(10, "10 · immediate"), POWER_AWARE(5, "5 · power-aware"),
        NEVER_WAKE(1, "1 · never wake");

        private final Integer value;
        private final String label;

        ApnsPriority(Integer value, String label) {
            this.value = value;
            this.label = label;
        }

        public Integer value() {
            return value;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What the connection of the chosen credential to the chosen gateway is doing. */
    public enum Connection { IDLE, CONNECTING, CONNECTED, FAILED }

    /** A token of a simulated iPhone, offered to fill the token list when sending to the embedded gateways. */
    public record SimulatedToken(String device, ApnsEnvironment environment, String token) {
        @Override
        public String toString() {
            return device + " · " + environment.wireName() + " · " + DeviceTokens.abbreviate(token);
        }
    }

    private record Loaded(Credential credential, CertificateInfo info, String summary, List<String> notes,
                          CredentialSource source) {
        Loaded from(CredentialSource where) {
            return new Loaded(credential, info, summary, notes, where);
        }
    }

    /** A credential and gateway a send went to: before the first one the connection is idle, not "connecting". */
    private record Attempt(Credential credential, RawTarget target) {
    }

    /** The same key whatever scope is declared: Pushy's client (and its connection) does not depend on it. */
    private static Credential unscoped(Credential c) {
        return c instanceof P8Credential p8 && p8.scope() != null ? p8.withScope(null) : c;
    }

    public static final String DEFAULT_PAYLOAD = """
            {
              "aps" : {
                "alert" : {
                  "title" : "Hello",
                  "body" : "Sent from PushFlow's Raw push panel"
                },
                "sound" : "default"
              }
            }""";
    static final Duration SEND_TIMEOUT = RawSender.DEFAULT_TIMEOUT;
    /** Enough history for a session; the oldest rows go first. */
    static final int MAX_ROWS = 1_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final AppContext ctx;
    private final TaskRunner tasks;
    private final RawSender sender;
    private final Path configDir;

    // credential
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.CONSOLE);
    private final ObservableList<Long> certificateIds = FXCollections.observableArrayList();
    private final ObjectProperty<Long> certificateId = new SimpleObjectProperty<>();
    private final StringProperty credentialFile = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty keyId = new SimpleStringProperty("");
    private final StringProperty teamId = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper fileIsP8 = new ReadOnlyBooleanWrapper();
    /** The scope declared for a .p8 file (the file does not say); it goes into the credential. */
    private final KeyScopeViewModel keyScope = new KeyScopeViewModel();
    private final ReadOnlyObjectWrapper<Credential> credential = new ReadOnlyObjectWrapper<>();
    /** Where {@link #credential} comes from (the console entry's source or the chosen file); null while none. */
    private CredentialSource credentialSource;
    private final ReadOnlyStringWrapper credentialSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper credentialError = new ReadOnlyStringWrapper("");
    // gateway
    private final ObjectProperty<Gateway> gateway = new SimpleObjectProperty<>(Gateway.EMBEDDED_SANDBOX);
    private final ObjectProperty<Integer> applePort = new SimpleObjectProperty<>(443);
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(Connection.IDLE);
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper("");
    // push
    private final StringProperty bundleId = new SimpleStringProperty("");
    private final StringProperty topic = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper effectiveTopic = new ReadOnlyStringWrapper("");
    private final StringProperty tokens = new SimpleStringProperty("");
    private final ObservableList<String> tokenLines = FXCollections.observableArrayList();
    private final ObservableList<SimulatedToken> simulatedTokens = FXCollections.observableArrayList();
    private final StringProperty payload = new SimpleStringProperty(DEFAULT_PAYLOAD);
    private final ReadOnlyIntegerWrapper payloadBytes = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper payloadLimit = new ReadOnlyIntegerWrapper(4096);
    private final ReadOnlyStringWrapper payloadProblem = new ReadOnlyStringWrapper("");
    private final ObjectProperty<PushType> pushType = new SimpleObjectProperty<>(PushType.ALERT);
    private final ObjectProperty<ApnsPriority> priority = new SimpleObjectProperty<>(ApnsPriority.DEFAULT);
    private final StringProperty expiration = new SimpleStringProperty("");
    private final StringProperty collapseId = new SimpleStringProperty("");
    private final StringProperty apnsId = new SimpleStringProperty("");
    // check, send, results
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper sendable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper();
    private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
    private final ObjectProperty<ResultRow> selectedResult = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper exportMessageError = new ReadOnlyBooleanWrapper();
    // export
    private final BooleanProperty revealSecrets = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper curlText = new ReadOnlyStringWrapper("");

    private final Set<Attempt> attempted = new HashSet<>();
    private long credentialGeneration;
    private int sendCount;
    /** A push whose warning needs a second Send (development certificate to production ...): armed by the first. */
    private boolean confirmArmed;
    private String confirmWarning;
    private Path caFile;
    private CertificateInfo certificateInfo;
    private List<String> credentialNotes = List.of();

    public RawPushViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.tasks = ctx.tasks();
        // one sender for the panel's life: it remembers the connection state of each credential and gateway
        this.sender = ctx.rawSender();
        this.configDir = ctx.configDir();
        loadWorld();
        certificateId.set(certificateIds.isEmpty() ? null : certificateIds.getFirst());
        applyEntry();
        RawPushForm.load(configDir).ifPresent(this::restore);
        if (source.get() == Source.CONSOLE) {
            applyEntry();
        }

        certificateId.addListener((o, a, b) -> {
            if (source.get() == Source.CONSOLE) {
                applyEntry();
            }
        });
        source.addListener((o, a, b) -> {
            if (b == Source.CONSOLE) {
                applyEntry();
            }
        });
        credentialFile.addListener((o, a, b) -> suggestKeyId());
        for (Observable in : new Observable[]{source, certificateId, credentialFile, password, keyId, teamId}) {
            in.addListener(x -> reloadCredential());
        }
        // a new declaration changes the credential, not the file: no reload
        keyScope.scopeProperty().addListener(x -> applyScope());
        keyScope.errorProperty().addListener(x -> applyScope());
        for (Observable in : new Observable[]{credential, gateway, applePort, bundleId, topic, tokens, payload,
                pushType, priority, expiration, collapseId, apnsId}) {
            in.addListener(x -> revalidate());
        }
        for (Observable in : new Observable[]{credential, gateway, applePort}) {
            in.addListener(x -> refreshConnection());
        }
        revealSecrets.addListener((o, a, b) -> {
            if (!curlText.get().isEmpty()) {
                copyCurl();
            }
        });
        ctx.events().subscribe(this::apply);
        fileIsP8.set(isP8(credentialFile.get()));
        reloadCredential();
        revalidate();
        refreshConnection();
    }

    public AppContext context() {
        return ctx;
    }

    // ---------------------------------------------------------------- workspace

    private void loadWorld() {
        certificateIds.setAll(ctx.engine().console().all().stream().map(CertificateEntry::certificateId).toList());
        simulatedTokens.setAll(ctx.engine().devices().stream()
                .filter(d -> d.token() != null && d.tokenEnvironment() != null)
                .map(d -> new SimulatedToken(d.name(), d.tokenEnvironment(), d.token())).toList());
    }

    /** The console's certificate IDs or the iPhones may have changed. */
    public void apply(UiEventQueue.Batch batch) {
        if (batch.workspaceChanged() || !batch.devices().isEmpty() || !batch.removedDevices().isEmpty()) {
            Long chosen = certificateId.get();
            loadWorld();
            if (batch.workspaceChanged()) {
                if (chosen != null && !certificateIds.contains(chosen)) {
                    certificateId.set(certificateIds.isEmpty() ? null : certificateIds.getFirst());
                } else if (source.get() == Source.CONSOLE) {
                    // the entry behind the same ID may have a new credential or environment
                    applyEntry();
                    reloadCredential();
                }
            }
        }
    }

    private CertificateEntry selectedEntry() {
        Long id = certificateId.get();
        return id == null ? null : ctx.engine().console().find(id).orElse(null);
    }

    /** A console certificate ID brings its environment, gateway and bundle ID with it. */
    private void applyEntry() {
        CertificateEntry e = selectedEntry();
        if (e == null) {
            return;
        }
        gateway.set(Gateway.of(e.gateway(), e.environment()));
        applePort.set(e.applePort());
        bundleId.set(e.bundleId());
    }

    /** "31287 · sandbox · com.example.chat", for the certificate ID list. */
    public String describeCertificateId(Long id) {
        if (id == null) {
            return "";
        }
        return ctx.engine().console().find(id).map(e -> id + " · " + e.environment().wireName() + " · "
                + e.bundleId()).orElse(String.valueOf(id));
    }

    // ---------------------------------------------------------------- credential

    private static boolean isP8(String file) {
        return file != null && file.strip().toLowerCase(Locale.ROOT).endsWith(".p8");
    }

    private void suggestKeyId() {
        fileIsP8.set(isP8(credentialFile.get()));
        if (fileIsP8.get() && keyId.get().isBlank()) {
            try {
                CredentialLoader.keyIdFromFileName(Path.of(credentialFile.get().strip())).ifPresent(keyId::set);
            } catch (InvalidPathException e) {
                // not a path yet (still being typed): nothing to suggest
            }
        }
    }

    /** Reads the chosen credential off the UI thread; only the latest request's answer is kept. */
    private void reloadCredential() {
        long generation = ++credentialGeneration;
        Source src = source.get();
        CertificateEntry entry = selectedEntry();
        String file = credentialFile.get();
        String pw = password.get();
        String k = keyId.get();
        String t = teamId.get();
        if (src == Source.CONSOLE && entry == null) {
            setCredential(null, "", certificateIds.isEmpty()
                    ? "The console has no certificate ID: add one in the Console panel, or choose a file."
                    : "Choose a certificate ID.");
            return;
        }
        if (src == Source.FILE && (file == null || file.isBlank())) {
            setCredential(null, "", "Choose a .p12 certificate or a .p8 token key.");
            return;
        }

        certificateInfo = null;
        credentialNotes = List.of();
        credential.set(null);
        credentialSummary.set("Reading the credential…");
        credentialError.set("");
        credentialSource = null;
        tasks.run(() -> src == Source.CONSOLE ? describe(entry.credential(), "Certificate ID "
                        + entry.certificateId() + ": ", List.of()).from(entry.source()) : load(file, pw, k, t),
                loaded -> {
                    if (generation == credentialGeneration) {
                        credentialSource = loaded.source();
                        certificateInfo = loaded.info();
                        credentialNotes = loaded.notes();
                        setCredential(loaded.credential(), loaded.summary(), "");
                        applyScope();
                    }
                },
                failure -> {
                    if (generation == credentialGeneration) {
                        String why = TaskRunner.message(failure);
                        if (src == Source.FILE && !isP8(file) && (pw == null || pw.isEmpty())
                                && why.contains("password")) {
                            // Not "the password is wrong": none was typed yet (the form is reopened without it).
                            why = "Type the password of " + Path.of(file.strip()).getFileName()
                                    + " to read it (it is kept in memory only, never saved).";
                        }
                        setCredential(null, "", why);
                    }
                });
    }

    private void setCredential(Credential c, String summary, String error) {
        if (c == null) {
            credentialSource = null;
            certificateInfo = null;
            credentialNotes = List.of();
        }
        credentialSummary.set(summary);
        credentialError.set(error);
        if (credential.get() == c) {
            revalidate(); // same credential, new notes or error
        }
        credential.set(c);
    }

    /**
     * Puts the declared scope into the .p8 key read from a file (null while the bundle-ID list does not read: then a
     * problem blocks Send), and says it in the summary. A console certificate ID's credential is left as it is.
     */
    private void applyScope() {
        if (source.get() == Source.FILE && credential.get() instanceof P8Credential key) {
            P8Credential scoped = key.withScope(keyScope.scopeProperty().get());
            if (credentialSource != null) {
                credentialSource = credentialSource.withDeclaredScope(scoped.scope());
            }
            try {
                credentialSummary.set(describe(scoped, "", credentialNotes).summary());
            } catch (CredentialException e) {
                // the same key read a moment ago: keep the summary it had
            }
            if (!scoped.equals(key)) {
                credential.set(scoped); // re-checks the push
                return;
            }
        }
        revalidate();
    }

    /** Loads a file as Pushy will use it; CredentialException messages say what is wrong and how to fix it. */
    private static Loaded load(String file, String pw, String keyId, String teamId) throws CredentialException {
        Path path;
        try {
            path = Path.of(file.strip());
        } catch (InvalidPathException e) {
            throw new CredentialException("\"" + file + "\" is not a file path: choose the file with Browse.");
        }
        Path abs = path.toAbsolutePath().normalize();
        if (isP8(file)) {
            CredentialLoader.Loaded<P8Credential> l = CredentialLoader.loadP8WithNotes(path, keyId, teamId);
            return describe(l.credential(), "", l.notes()).from(CredentialSource.p8(abs, keyId, teamId, null)
                    .withLabel(l.credential().label()));
        }
        CredentialLoader.Loaded<P12Credential> l = CredentialLoader.loadP12WithNotes(path,
                pw == null ? new char[0] : pw.toCharArray());
        // the password was typed: the source names no variable
        return describe(l.credential(), "", l.notes()).from(CredentialSource.p12(abs, null)
                .withLabel(l.credential().label()));
    }

    private static Loaded describe(Credential c, String prefix, List<String> notes) throws CredentialException {
        if (c instanceof P12Credential p12) {
            CertificateInfo info = CertificateInspector.inspect(p12);
            String envs = info.allowedEnvironments().isEmpty() ? "no APNs environment"
                    : info.allowedEnvironments().stream().map(ApnsEnvironment::wireName)
                    .collect(Collectors.joining(" + "));
            String summary = prefix + "push certificate, " + info.kind().name().toLowerCase(Locale.ROOT)
                    + " (" + envs + ")\nBundle " + (info.bundleId().isEmpty() ? "(none)" : info.bundleId())
                    + " · topics " + (info.topics().isEmpty() ? "(no topics extension)"
                    : String.join(", ", info.topics()))
                    + "\nValid until " + LocalDate.ofInstant(info.notAfter(), ZoneOffset.UTC) + " · " + c.label();
            return new Loaded(c, info, summary, notes, null);
        }
        P8Credential p8 = (P8Credential) c;
        P8Info info = CertificateInspector.inspect(p8);
        KeyScope scope = p8.scope();
        String summary = prefix + "token key (" + info.algorithm() + "), " + (scope == null ? "sandbox + production"
                : (scope.allEnvironments() ? "Sandbox & Production" : scope.environmentName() + " only")
                + " (declared)")
                + "\nKey ID " + info.keyId() + " · Team ID " + info.teamId() + " · " + (scope == null
                ? "every app of the team" : scope.teamScoped() ? "team-scoped (all apps)"
                : "topic-specific: " + String.join(", ", scope.bundleIds()))
                + "\n" + c.label();
        return new Loaded(c, null, summary, notes, null);
    }

    // ---------------------------------------------------------------- the push and its check

    private RawTarget target() {
        Gateway g = gateway.get() == null ? Gateway.EMBEDDED_SANDBOX : gateway.get();
        return g.target(applePort.get() == null ? 443 : applePort.get());
    }

    private List<String> tokenList() {
        String text = tokens.get() == null ? "" : tokens.get();
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The push as the form stands; {@code formProblems} gets what the form itself cannot turn into headers. */
    private RawPush push(List<String> formProblems) {
        Instant exp = null;
        String e = expiration.get() == null ? "" : expiration.get().strip();
        if (!e.isEmpty()) {
            try {
                long seconds = Long.parseLong(e);
                exp = seconds < 0 ? null : Instant.ofEpochSecond(seconds);
                if (seconds < 0) {
                    formProblems.add("apns-expiration cannot be negative: give epoch seconds, 0 to try once, or leave"
                            + " it empty (APNs stores the push up to 30 days).");
                }
            } catch (NumberFormatException | DateTimeException ex) {
                formProblems.add("apns-expiration \"" + e + "\" is not epoch seconds: give e.g. "
                        + Instant.now().plus(Duration.ofHours(1)).getEpochSecond()
                        + " (in an hour), 0 to try once, or leave it empty.");
            }
        }
        UUID id = null;
        String a = apnsId.get() == null ? "" : apnsId.get().strip();
        if (!a.isEmpty()) {
            try {
                id = UUID.fromString(a);
            } catch (IllegalArgumentException ex) {
                formProblems.add("apns-id \"" + a + "\" is not a UUID: give one like "
                        + "123e4567-e89b-12d3-a456-426614174000, or leave it empty (APNs makes one).");
            }
        }
        ApnsPriority p = priority.get() == null ? ApnsPriority.DEFAULT : priority.get();
        return new RawPush(credential.get(), target(), blankToNull(bundleId.get()), blankToNull(topic.get()),
                tokenList(), payload.get(), pushType.get(), p.value(), exp, blankToNull(collapseId.get()), id);
    }

    /** The push as the form stands (for tests and exports). */
    public RawPush currentPush() {
        return push(new ArrayList<>());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Re-checks the form: problems block Send, warnings do not. */
    private void revalidate() {
        confirmArmed = false;
        List<String> formProblems = new ArrayList<>();
        RawPush push = push(formProblems);
        RawPush.Checked checked = push.check();
        List<String> p = new ArrayList<>();
        for (String s : checked.problems()) {
            if (s.startsWith("No credential") && credential.get() == null && !credentialError.get().isEmpty()) {
                p.add("Credential: " + credentialError.get());
            } else {
                p.add(s);
            }
        }
        p.addAll(formProblems);
        if (declaresScope() && !keyScope.errorProperty().get().isEmpty()) {
            p.add(keyScope.errorProperty().get());
        }
        problems.setAll(p);

        List<String> w = new ArrayList<>(credentialNotes);
        confirmWarning = null;
        if (certificateInfo != null) {
            ApnsEnvironment env = push.target().environment();
            List<String> certificate = certificateInfo.warnings(env, push.effectiveBundleId(), push.pushType(),
                    Instant.now());
            w.addAll(certificate);
            if (!certificateInfo.allows(env) && !certificate.isEmpty()) {
                confirmWarning = certificate.getFirst();
            }
        }
        w.addAll(checked.warnings());
        List<String> scope = push.keyScopeWarnings();
        if (!scope.isEmpty()) {
            if (confirmWarning == null) {
                confirmWarning = scope.getFirst();
            }
            if (push.target().gateway() == GatewayTarget.EMBEDDED && isSampleKey(push.credential())) {
                w.add("The embedded gateways know the sample key " + SampleMaterial.KEY_ID + " as Sandbox &"
                        + " Production and team-scoped (the Console's certificate IDs use it), so they accept this push;"
                        + " APNs would refuse a key scoped as declared.");
            }
        }
        warnings.setAll(w);

        String t = checked.topic() == null ? "" : checked.topic();
        effectiveTopic.set(t);
        tokenLines.setAll(describeTokens());
        PushType type = push.pushType();
        String text = payload.get() == null ? "" : payload.get();
        payloadBytes.set(text.getBytes(StandardCharsets.UTF_8).length);
        payloadLimit.set(type.maxPayloadBytes());
        List<String> payloadProblems = Payloads.problems(text, type);
        payloadProblem.set(payloadProblems.isEmpty() ? "" : payloadProblems.getFirst());
        updateSendable();
    }

    /** Whether the form declares a .p8 key's scope: a .p8 file (a certificate ID's credential brings its own). */
    private boolean declaresScope() {
        return source.get() == Source.FILE && fileIsP8.get();
    }

    static boolean isSampleKey(Credential c) {
        return c instanceof P8Credential p8 && SampleMaterial.KEY_ID.equals(p8.keyId())
                && Arrays.equals(p8.pkcs8(), SampleMaterial.tokenKey().pkcs8());
    }

    private void updateSendable() {
        sendable.set(problems.isEmpty() && credential.get() != null && !sending.get());
    }

    /** "1  abababab…abab  spaces stripped" per pasted line; a malformed one names its problem. */
    private List<String> describeTokens() {
        List<String> out = new ArrayList<>();
        List<String> list = tokenList();
        for (int i = 0; i < list.size(); i++) {
            DeviceTokens.Parsed p = DeviceTokens.parse(list.get(i));
            String n = (i + 1) + ".  ";
            if (p.valid()) {
                out.add(n + DeviceTokens.abbreviate(p.hex()) + (p.notes().isEmpty() ? ""
                        : "  (" + String.join(", ", p.notes()) + ")"));
            } else {
                out.add(n + "✗ " + p.problem());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- tokens of the simulated iPhones

    /** Appends a token on its own line. */
    public void addToken(String token) {
        String text = tokens.get() == null ? "" : tokens.get();
        tokens.set(text.isBlank() ? token : text.stripTrailing() + "\n" + token);
    }

    // ---------------------------------------------------------------- send

    /**
     * Sends the push to every token, off the UI thread. Refused (with the reason in the message) while the check
     * has problems; a development certificate to production, and the like, needs a second Send.
     */
    public void send() {
        if (sending.get()) {
            return;
        }
        List<String> formProblems = new ArrayList<>();
        RawPush push = push(formProblems);
        if (!problems.isEmpty() || !formProblems.isEmpty() || push.credential() == null) {
            String first = !problems.isEmpty() ? problems.getFirst() : !formProblems.isEmpty()
                    ? formProblems.getFirst() : "The credential is not ready yet.";
            message("Not sent: " + first, true);
            return;
        }
        if (confirmWarning != null && !confirmArmed) {
            confirmArmed = true;
            message(confirmWarning + " Press Send again to send anyway.", true);
            return;
        }
        confirmArmed = false;
        remember();
        int n = ++sendCount;
        Instant at = Instant.now();
        attempted.add(new Attempt(unscoped(push.credential()), push.target()));
        List<RawPush.CleanToken> clean = push.check().tokens();
        sending.set(true);
        updateSendable();
        refreshConnection();
        message("Send #" + n + ": sending to " + clean.size() + (clean.size() == 1 ? " token" : " tokens") + " through "
                + push.target().describe() + "…", false);
        RawSender s = sender;
        tasks.run(() -> s.send(push, SEND_TIMEOUT), answers -> sent(n, at, answers, push),
                failure -> notSent(n, at, clean, push, TaskRunner.message(failure)));
    }

    private void sent(int n, Instant at, List<RawResult> answers, RawPush push) {
        List<ResultRow> rows = answers.stream().map(r -> explainScope(row(n, at, r), r, push)).toList();
        finish(n, rows);
    }

    /** Nothing went out (gateways down, or the push changed its mind): every token still gets its row. */
    private void notSent(int n, Instant at, List<RawPush.CleanToken> clean, RawPush push, String why) {
        String gw;
        try {
            gw = sender.endpoint(push.target()).label();
        } catch (RuntimeException e) {
            gw = push.target().describe();
        }
        List<ResultRow> rows = new ArrayList<>();
        for (RawPush.CleanToken t : clean) {
            rows.add(new ResultRow(n, at, t.hex(), String.join(", ", t.notes()), ResultRow.Outcome.FAILED, "—",
                    "not sent", "", "", "", "", gw, why, "Fix what the message says and send again."));
        }
        finish(n, rows);
    }

    private void finish(int n, List<ResultRow> rows) {
        results.addAll(0, rows);
        if (results.size() > MAX_ROWS) {
            results.remove(MAX_ROWS, results.size());
        }
        selectedResult.set(rows.stream().filter(ResultRow::problem).findFirst()
                .orElse(rows.isEmpty() ? null : rows.getFirst()));
        sending.set(false);
        updateSendable();
        refreshConnection();
        long accepted = rows.stream().filter(r -> r.outcome() == ResultRow.Outcome.ACCEPTED).count();
        long rejected = rows.stream().filter(r -> r.outcome() == ResultRow.Outcome.REJECTED).count();
        long failed = rows.size() - accepted - rejected;
        List<String> parts = new ArrayList<>();
        parts.add(accepted + " accepted");
        if (rejected > 0) {
            parts.add(rejected + " rejected (" + rows.stream().filter(r -> r.outcome() == ResultRow.Outcome.REJECTED)
                    .map(ResultRow::reason).distinct().collect(Collectors.joining(", ")) + ")");
        }
        if (failed > 0) {
            parts.add(failed + " without an answer");
        }
        message("Send #" + n + ": " + String.join(", ", parts) + ".", accepted < rows.size());
    }

    static ResultRow row(int n, Instant at, RawResult r) {
        String latency = String.format(Locale.ROOT, "%.1f", r.latencyMicros() / 1000.0);
        String notes = String.join(", ", r.notes());
        String uniqueId = r.apnsUniqueId() == null ? "" : r.apnsUniqueId();
        String id = r.apnsId() == null ? "" : r.apnsId();
        String gw = r.gateway() == null ? "" : r.gateway();
        if (r.accepted()) {
            String explanation = "APNs accepted the push for this token. Accepted is not delivered: APNs stores it"
                    + " while the device is offline (until apns-expiration, at most 30 days, only the last one per"
                    + " app), and iOS decides how to show it."
                    + (uniqueId.isEmpty() ? "" : " apns-unique-id is the key to look this push up in Apple's delivery"
                    + " log (Push Notifications Console, sandbox only).");
            return new ResultRow(n, at, r.token(), notes, ResultRow.Outcome.ACCEPTED, "200", "", id, uniqueId, "",
                    latency, gw, explanation, "");
        }
        if (r.answered()) {
            String reason = r.reason() == null ? "(no reason)" : r.reason();
            var known = ApnsReason.find(reason);
            String explanation = known.map(ApnsReason::explanation)
                    .orElse(reason + " is not a reason Apple documents; check Apple's provider API for new reasons.");
            String fix = known.map(k -> k.fix() + (k.retryable() ? " Sending again later can succeed."
                    : " Do not retry as is: the same push gets the same answer.")).orElse("");
            return new ResultRow(n, at, r.token(), notes, ResultRow.Outcome.REJECTED, String.valueOf(r.status()),
                    reason, id, uniqueId, timestamp(r.timestamp()), latency, gw, explanation, fix);
        }
        ConnectionState c = r.connection() == null ? ConnectionState.failed(r.failure()) : r.connection();
        return new ResultRow(n, at, r.token(), notes, ResultRow.Outcome.FAILED, "—", causeName(c.cause()), id,
                uniqueId, "", latency, gw, r.failure() == null ? "No answer." : r.failure(), fix(c.cause()));
    }

    /**
     * A rejection for the .p8 key's scope (403 BadEnvironmentKeyIdInToken, UnrelatedKeyIdInToken) explained with the
     * key, the gateway, the topic and what was declared; every other row as it is.
     */
    static ResultRow explainScope(ResultRow row, RawResult r, RawPush push) {
        if (!r.rejected() || !(push.credential() instanceof P8Credential key) || push.target() == null) {
            return row;
        }
        return RejectionExplainer.keyScope(r.reason(), r.status(), "the .p8 key " + key.keyId(), key.scope(),
                        push.target().environment(), push.effectiveTopic())
                .map(e -> withExplanation(row, e)).orElse(row);
    }

    private static ResultRow withExplanation(ResultRow r, Explanation e) {
        return new ResultRow(r.send(), r.sentAt(), r.token(), r.notes(), r.outcome(), r.status(), r.reason(),
                r.apnsId(), r.apnsUniqueId(), r.timestamp(), r.latency(), r.gateway(), e.meaning(),
                e.fix() + " Do not retry as is: the same push gets the same answer.");
    }

    /** A 410's timestamp in local time; whatever APNs sends, the row still shows (never a broken table). */
    static String timestamp(Instant t) {
        if (t == null) {
            return "";
        }
        try {
            return TIME.format(t);
        } catch (DateTimeException e) {
            return t.toString();
        }
    }

    private static String causeName(ConnectionState.Cause cause) {
        return switch (cause) {
            case DNS -> "DNS";
            case PROXY -> "proxy";
            case TLS -> "TLS";
            case CERTIFICATE -> "certificate refused";
            case CONNECTION -> "connection";
            case CREDENTIAL -> "credential";
            case TIMEOUT -> "timeout";
            case NONE, OTHER -> "no answer";
        };
    }

    static String fix(ConnectionState.Cause cause) {
        return switch (cause) {
            case DNS -> "The host name did not resolve: check the network and DNS; a company network may need a"
                    + " proxy to reach Apple's hosts.";
            case PROXY -> "The proxy refused or failed: check its host, port and credentials.";
            case TLS -> "The TLS handshake failed: a TLS-inspecting proxy or an old trust store. Apple's servers"
                    + " chain to \"USERTrust RSA Certification Authority\" since 2025: update the JDK.";
            case CERTIFICATE -> "The gateway refused the client certificate (expired, revoked, self-signed, or not"
                    + " from Apple): check the credential summary and export the right .p12 from Keychain Access.";
            case CONNECTION -> "Nothing answered on that host and port: check the network and firewall, or try"
                    + " port 2197 where 443 is blocked.";
            case CREDENTIAL -> "Fix the credential (file, password, Key ID, Team ID) and send again.";
            case TIMEOUT -> "APNs did not answer in time: send again; check the network or proxy if it repeats.";
            case NONE, OTHER -> "";
        };
    }

    public void clearResults() {
        results.clear();
        selectedResult.set(null);
    }

    // ---------------------------------------------------------------- connection

    /** Reads the sender's connection state for the chosen credential and gateway (the view polls this). */
    public void refreshConnection() {
        Credential c = credential.get();
        if (c == null) {
            setConnection(Connection.IDLE, "No credential yet.");
            return;
        }
        RawTarget t = target();
        ConnectionState state;
        String where;
        try {
            state = sender.connectionState(c, t);
            where = sender.endpoint(t).label();
        } catch (RuntimeException e) {
            setConnection(Connection.FAILED, "Not available: " + TaskRunner.message(e));
            return;
        }
        switch (state.state()) {
            case CONNECTED -> setConnection(Connection.CONNECTED, "Connected to " + where + " (kept open, reused)");
            case FAILED -> setConnection(Connection.FAILED, "Failed (" + causeName(state.cause()) + "): "
                    + state.detail());
            case CLOSED -> setConnection(Connection.IDLE, "Closed by the gateway: reconnects to " + where
                    + " on the next send.");
            case CLOSING -> setConnection(Connection.IDLE, "Closing: the gateway is shutting the connection down;"
                    + " the next send reconnects to " + where + ".");
            case CONNECTING -> {
                if (attempted.contains(new Attempt(unscoped(c), t))) {
                    setConnection(Connection.CONNECTING, "Connecting to " + where + "…");
                } else {
                    setConnection(Connection.IDLE, "Not connected yet: connects to " + where + " on the first send.");
                }
            }
        }
    }

    private void setConnection(Connection c, String text) {
        connection.set(c);
        connectionText.set(text);
    }

    // ---------------------------------------------------------------- export

    /**
     * Puts Apple's curl command for every token of the current form in {@link #curlTextProperty()} (the view
     * copies it to the clipboard). The JWT is masked unless Show secrets is on; a .p12 password never appears.
     */
    public boolean copyCurl() {
        RawPush push = currentPush();
        try {
            Endpoint endpoint = sender.endpoint(push.target());
            CurlExport.Options options = CurlExport.Options.masked().withReveal(revealSecrets.get());
            if (source.get() == Source.FILE && push.credential() instanceof P12Credential) {
                options = options.withCertificateFile(Path.of(credentialFile.get().strip()).toAbsolutePath(), null);
            }
            if (endpoint.trustedCaPem() != null) {
                options = options.withCaFile(caFile(endpoint.trustedCaPem()));
            }
            List<String> commands = CurlExport.commands(push, endpoint, options);
            curlText.set(String.join("\n\n", commands) + "\n");
            String secret = push.credential() instanceof P8Credential
                    ? (revealSecrets.get() ? " The JWT is shown: anyone with it can push to your apps for an hour."
                    : " The JWT is masked: tick Show secrets to include it.")
                    : " The .p12 password is read from $" + CurlExport.DEFAULT_PASSWORD_VARIABLE + ".";
            exportMessage("Copied " + commands.size() + (commands.size() == 1 ? " curl command." : " curl commands.")
                    + secret, false);
            return true;
        } catch (InvalidRawPushException e) {
            exportMessage("No curl command: " + e.problems().getFirst(), true);
        } catch (CredentialException | IOException | RuntimeException e) {
            exportMessage("No curl command: " + TaskRunner.message(e), true);
        }
        return false;
    }

    /** The embedded gateways' CA (public, not a secret) as a file for curl's --cacert. */
    private Path caFile(byte[] pem) throws IOException {
        if (caFile == null || !Files.isRegularFile(caFile)) {
            caFile = Files.createTempFile("pushflow-embedded-ca", ".pem");
            caFile.toFile().deleteOnExit();
        }
        Files.write(caFile, pem);
        return caFile;
    }

    /** "com.example.chat.apns". */
    public String suggestedApnsFileName() {
        String b = currentPush().effectiveBundleId();
        return (b == null ? "push" : b) + ".apns";
    }

    /** Writes the payload as an .apns file for the Xcode Simulator (needs only the payload and the bundle ID). */
    public boolean saveApnsFile(Path file) {
        RawPush push = currentPush();
        try {
            Files.writeString(file, ApnsFileExport.toJson(push.payload(), push.effectiveBundleId()),
                    StandardCharsets.UTF_8);
            exportMessage("Wrote " + file.getFileName() + ": drag it onto a booted Simulator, or run xcrun simctl push"
                    + " booted " + file.getFileName() + ".", false);
            return true;
        } catch (InvalidRawPushException e) {
            exportMessage("No .apns file: " + e.problems().getFirst(), true);
        } catch (IOException e) {
            exportMessage("Could not write " + file + ": " + TaskRunner.message(e), true);
        }
        return false;
    }

    // ---------------------------------------------------------------- remembered form

    /** Saves the form without any password or key; called only for a push that passed the check. */
    private void remember() {
        RawPushForm form = new RawPushForm(source.get().name(), certificateId.get(), blankToNull(credentialFile.get()),
                blankToNull(keyId.get()), blankToNull(teamId.get()), gateway.get().name(), applePort.get(),
                blankToNull(bundleId.get()), blankToNull(topic.get()), tokenList(), payload.get(),
                pushType.get().headerValue(), priority.get().name(), blankToNull(expiration.get()),
                blankToNull(collapseId.get()), blankToNull(apnsId.get()),
                keyScope.environmentProperty().get().word(), keyScope.rememberedBundleIds());
        try {
            form.save(configDir);
        } catch (IOException | RuntimeException e) {
            // remembering is a convenience: a read-only config folder must not stop a send
        }
    }

    private void restore(RawPushForm f) {
        source.set(parse(Source.class, f.source(), Source.CONSOLE));
        if (f.certificateId() != null && certificateIds.contains(f.certificateId())) {
            certificateId.set(f.certificateId());
        }
        credentialFile.set(f.credentialFile() == null ? "" : f.credentialFile());
        keyId.set(f.keyId() == null ? "" : f.keyId());
        teamId.set(f.teamId() == null ? "" : f.teamId());
        keyScope.restore(f.keyEnvironment(), f.keyTopics());
        gateway.set(parse(Gateway.class, f.gateway(), gateway.get()));
        applePort.set(f.applePort() != null && f.applePort() == 2197 ? 2197 : 443);
        bundleId.set(f.bundleId() == null ? "" : f.bundleId());
        topic.set(f.topic() == null ? "" : f.topic());
        tokens.set(f.tokens() == null ? "" : String.join("\n", f.tokens()));
        if (f.payload() != null) {
            payload.set(f.payload());
        }
        try {
            pushType.set(f.pushType() == null ? PushType.ALERT : PushType.fromHeader(f.pushType()));
        } catch (IllegalArgumentException e) {
            pushType.set(PushType.ALERT);
        }
        priority.set(parse(ApnsPriority.class, f.priority(), ApnsPriority.DEFAULT));
        expiration.set(f.expiration() == null ? "" : f.expiration());
        collapseId.set(f.collapseId() == null ? "" : f.collapseId());
        apnsId.set(f.apnsId() == null ? "" : f.apnsId());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, E fallback) {
        try {
            return name == null ? fallback : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private void message(String text, boolean error) {
        message.set(text);
        messageError.set(error);
    }

    private void exportMessage(String text, boolean error) {
        exportMessage.set(text);
        exportMessageError.set(error);
    }

    // ---------------------------------------------------------------- properties

    public ObjectProperty<Source> sourceProperty() {
        return source;
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

    /** The .p12 password: kept in memory only, never remembered. */
    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty keyIdProperty() {
        return keyId;
    }

    public StringProperty teamIdProperty() {
        return teamId;
    }

    public ReadOnlyBooleanProperty fileIsP8Property() {
        return fileIsP8.getReadOnlyProperty();
    }

    /** The scope declared for a .p8 file: environment, team-scoped or topic-specific with its bundle IDs. */
    public KeyScopeViewModel keyScope() {
        return keyScope;
    }

    /**
     * Where the credential of the next send comes from: the certificate ID's {@link CredentialSource} or the chosen
     * file (with its IDs and declared scope); null while no credential is read. Set on the FX thread with the
     * credential.
     */
    public CredentialSource credentialSource() {
        return credentialSource;
    }

    public ReadOnlyObjectProperty<Credential> credentialProperty() {
        return credential.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty credentialSummaryProperty() {
        return credentialSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty credentialErrorProperty() {
        return credentialError.getReadOnlyProperty();
    }

    public ObjectProperty<Gateway> gatewayProperty() {
        return gateway;
    }

    public ObjectProperty<Integer> applePortProperty() {
        return applePort;
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    public StringProperty bundleIdProperty() {
        return bundleId;
    }

    /** An explicit apns-topic; empty = derived from the bundle ID and the push type. */
    public StringProperty topicProperty() {
        return topic;
    }

    public ReadOnlyStringProperty effectiveTopicProperty() {
        return effectiveTopic.getReadOnlyProperty();
    }

    /** Device tokens as pasted, one per line. */
    public StringProperty tokensProperty() {
        return tokens;
    }

    public ObservableList<String> tokenLines() {
        return tokenLines;
    }

    public ObservableList<SimulatedToken> simulatedTokens() {
        return simulatedTokens;
    }

    public StringProperty payloadProperty() {
        return payload;
    }

    public ReadOnlyIntegerProperty payloadBytesProperty() {
        return payloadBytes.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty payloadLimitProperty() {
        return payloadLimit.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty payloadProblemProperty() {
        return payloadProblem.getReadOnlyProperty();
    }

    public ObjectProperty<PushType> pushTypeProperty() {
        return pushType;
    }

    public ObjectProperty<ApnsPriority> priorityProperty() {
        return priority;
    }

    public StringProperty expirationProperty() {
        return expiration;
    }

    public StringProperty collapseIdProperty() {
        return collapseId;
    }

    public StringProperty apnsIdProperty() {
        return apnsId;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public ReadOnlyBooleanProperty sendableProperty() {
        return sendable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }

    /** Every send's rows, newest send first. */
    public ObservableList<ResultRow> results() {
        return results;
    }

    public ObjectProperty<ResultRow> selectedResultProperty() {
        return selectedResult;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    /** What the last export did (kept apart from the send's message, which stays next to Send). */
    public ReadOnlyStringProperty exportMessageProperty() {
        return exportMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportMessageErrorProperty() {
        return exportMessageError.getReadOnlyProperty();
    }

    public BooleanProperty revealSecretsProperty() {
        return revealSecrets;
    }

    public ReadOnlyStringProperty curlTextProperty() {
        return curlText.getReadOnlyProperty();
    }
}
