package dev.pushflow.doctor;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.ApnsReason;
import dev.pushflow.apns.ApnsTopics;
import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.apns.PushType;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.Console;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.CertificateInfo;
import dev.pushflow.credentials.CertificateInspector;
import dev.pushflow.credentials.CertificateKind;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialException;
import dev.pushflow.credentials.CredentialLoader;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.P8Info;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.rawsend.RawPush;
import dev.pushflow.rawsend.RawResult;
import dev.pushflow.rawsend.RawSender;
import dev.pushflow.rawsend.RawTarget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Explains "bad devicetoken" step by step, in the seed's terms: token format, credential, certificate expiry or .p8
 * IDs, credential environment vs gateway, topics vs bundle ID vs push type, a .p8 key's declared scope (2025:
 * environment, team-scoped or topic-specific) vs gateway and topic, build configuration vs certificate ID, and, with
 * consent, a probe: one silent push to each environment with the same credential, whose two answers say which
 * environment the token really belongs to. Never throws for bad input: every problem is a finding.
 */
public final class BadDeviceTokenDoctor {
    /** The probe's push: silent, so the user sees nothing even when it is delivered. */
    public static final String PROBE_PAYLOAD = "{\"aps\":{\"content-available\":1}}";
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(20);

    /** Answers that mean "this environment knows the token" although the push was not accepted. */
    private static final Set<String> KNOWS_TOKEN = Set.of("DeviceTokenNotForTopic", "Unregistered", "ExpiredToken",
            "TooManyRequests");
    /** A key scoped to the other environment: the answer says nothing about the token. */
    private static final Set<String> KEY_ENVIRONMENT = Set.of("BadEnvironmentKeyIdInToken", "BadEnvironmentKeyInToken");
    private static final String KEY_TOPICS = "UnrelatedKeyIdInToken";
    private static final String SEE_SCOPE = "See the key's scope at " + ApnsReason.KEY_PAGE + ": its environment"
            + " (Sandbox, Production or Sandbox & Production) and whether it is team-scoped or topic-specific, with its"
            + " bundle IDs.";

    private final Console console;
    private final RawSender sender;
    private final Clock clock;
    private final Duration probeTimeout;

    /**
     * @param console looks up certificate IDs; null when only credentials are diagnosed
     * @param sender  sends the probe; null when probing is not possible
     */
    public BadDeviceTokenDoctor(Console console, RawSender sender, Clock clock, Duration probeTimeout) {
        this.console = console;
        this.sender = sender;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.probeTimeout = probeTimeout == null ? DEFAULT_PROBE_TIMEOUT : probeTimeout;
    }

    public BadDeviceTokenDoctor(Console console, RawSender sender) {
        this(console, sender, null, null);
    }

    /** What the push is sent with, once resolved from a certificate ID or a credential. */
    private record Subject(Long certificateId, Credential credential, RawTarget target, String bundleId,
                           CertificateInfo certificate) {
        String name() {
            return certificateId != null ? "certificate ID " + certificateId : "the credential";
        }

        /** The .p8 key, or null for a certificate. */
        P8Credential key() {
            return credential instanceof P8Credential p8 ? p8 : null;
        }
    }

    public Diagnosis diagnose(DoctorRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        List<Finding> out = new ArrayList<>();
        DeviceTokens.Parsed token = tokenFormat(request.token(), out);
        Subject subject = resolve(request, out, now);
        if (subject != null) {
            environment(subject, out);
            topic(request, subject, out);
            keyScope(subject, out);
        }
        build(request, subject, out);
        ApnsEnvironment tokenEnvironment = null;
        if (request.probe()) {
            tokenEnvironment = probe(request, subject, token, out);
        }
        return new Diagnosis(out, tokenEnvironment, conclusion(out));
    }

    // ---- 1. token format -------------------------------------------------------------------------------------

    private static DeviceTokens.Parsed tokenFormat(String text, List<Finding> out) {
        DeviceTokens.Parsed p = DeviceTokens.parse(text);
        if (!p.valid()) {
            out.add(Finding.fail(Step.TOKEN_FORMAT, p.problem() + ". APNs answers 400 BadDeviceToken to such a token.",
                    "Copy the token again from the app's log: the hex of the NSData given to"
                            + " didRegisterForRemoteNotificationsWithDeviceToken (each byte as %02x)."));
            return p;
        }
        String size = p.hex().length() + " hex digits (" + p.hex().length() / 2 + " bytes)";
        List<String> cleaning = p.notes().stream().filter(n -> !n.contains("bytes long")).toList();
        if (cleaning.isEmpty()) {
            out.add(Finding.ok(Step.TOKEN_FORMAT, "The token is plain hex, " + size + "."));
        } else {
            out.add(Finding.warn(Step.TOKEN_FORMAT, "The token was pasted in another form: " + String.join(", ", cleaning)
                            + ". PushFlow sends " + DeviceTokens.abbreviate(p.hex()) + ", " + size + ".",
                    "Make the app report (and the backend store) the token as plain lower-case hex: a backend that"
                            + " sends it with spaces or <> gets BadDeviceToken."));
        }
        if (p.hex().length() != 64) {
            out.add(Finding.ok(Step.TOKEN_FORMAT, "The token is " + p.hex().length() / 2 + " bytes, not today's 32;"
                    + " APNs does not promise a length, so this alone is not an error."));
        }
        return p;
    }

    // ---- 2. credential -----------------------------------------------------------------------------------------

    private Subject resolve(DoctorRequest r, List<Finding> out, Instant now) {
        Long id = r.certificateId();
        Credential credential;
        RawTarget target;
        String bundle;
        if (id != null) {
            CertificateEntry entry = console == null ? null : console.find(id).orElse(null);
            if (entry == null) {
                String known = console == null ? "no console" : console.all().stream()
                        .map(e -> e.certificateId() + " (" + e.environment().appleName() + ")")
                        .collect(Collectors.joining(", "));
                out.add(Finding.fail(Step.CREDENTIAL, "Certificate ID " + id + " is not in the console (known: "
                                + (known.isEmpty() ? "none" : known) + "): the backend cannot push with it.",
                        "Upload the .p12 or .p8 in the console and use the certificate ID it shows in"
                                + " TUIOfflinePushCertificateIDForAPNS."));
                return null;
            }
            credential = entry.credential();
            target = RawTarget.of(entry);
            bundle = entry.bundleId();
        } else {
            credential = load(r.credential(), out);
            if (credential == null) {
                return null;
            }
            target = r.target();
            bundle = r.bundleId();
            if (target == null) {
                out.add(Finding.fail(Step.ENVIRONMENT, "The gateway the push goes to is not given.",
                        "Say which environment the backend pushes to: sandbox (development) or production."));
            }
        }
        if (r.bundleId() != null && !r.bundleId().isBlank()) {
            bundle = r.bundleId().strip();
        } else if ((bundle == null || bundle.isBlank()) && r.app() != null) {
            bundle = r.app().bundleId();
        }
        CertificateInfo info = null;
        try {
            if (credential instanceof P12Credential p12) {
                info = CertificateInspector.inspect(p12);
                certificate(id, info, out, now);
            } else if (credential instanceof P8Credential p8) {
                tokenKey(id, CertificateInspector.inspect(p8), out);
            }
        } catch (CredentialException e) {
            out.add(Finding.fail(Step.CREDENTIAL, e.getMessage(), "Upload a working credential for "
                    + (id == null ? "this app" : "certificate ID " + id) + "."));
            return null;
        }
        if ((bundle == null || bundle.isBlank()) && info != null) {
            bundle = info.bundleId();
        }
        return new Subject(id, credential, target, bundle, info);
    }

    /** Loads the user's file as the console would, turning each loader message into a finding. */
    private static Credential load(CredentialInput source, List<Finding> out) {
        if (source == null) {
            out.add(Finding.fail(Step.CREDENTIAL, "Neither a certificate ID nor a credential was given.",
                    "Give the certificate ID the app reports (e.g. 31287), or a .p12 / .p8 with its password or IDs."));
            return null;
        }
        try {
            return switch (source) {
                case CredentialInput.Ready ready -> ready.credential();
                case CredentialInput.P12File f -> {
                    var loaded = CredentialLoader.loadP12WithNotes(f.label(), f.bytes(), f.password());
                    loaded.notes().forEach(n -> out.add(Finding.warn(Step.CREDENTIAL, n, "")));
                    yield loaded.credential();
                }
                case CredentialInput.P8File f -> {
                    var loaded = CredentialLoader.loadP8WithNotes(f.label(), f.bytes(), f.keyId(), f.teamId(),
                            f.scope());
                    loaded.notes().forEach(n -> out.add(Finding.warn(Step.TOKEN_KEY, n, "")));
                    yield loaded.credential();
                }
            };
        } catch (CredentialException e) {
            String m = e.getMessage();
            boolean ids = source instanceof CredentialInput.P8File
                    && (m.startsWith("The Key ID") || m.startsWith("The Team ID"));
            out.add(Finding.fail(ids ? Step.TOKEN_KEY : Step.CREDENTIAL, m, ids
                    ? "A wrong Key ID or Team ID makes APNs answer 403 InvalidProviderToken."
                    : "Without a usable credential nothing can be pushed; fix the file first."));
            return null;
        }
    }

    private static void certificate(Long id, CertificateInfo info, List<Finding> out, Instant now) {
        String who = id == null ? "The certificate" : "Certificate ID " + id;
        out.add(Finding.ok(Step.CREDENTIAL, who + " is a " + kindWord(info.kind()) + " push certificate for "
                + (info.bundleId().isEmpty() ? info.commonName() : info.bundleId()) + " (" + info.commonName()
                + "), issued by " + info.issuer() + "."));
        if (info.kind() == CertificateKind.UNKNOWN) {
            out.add(Finding.fail(Step.CREDENTIAL, "This is not an APNs push certificate: it has neither Apple's"
                            + " development (1.2.840.113635.100.6.3.1) nor production (.3.2) extension.",
                    "Create an Apple Push Notification service SSL certificate for the app's bundle ID and export"
                            + " it with its key from Keychain Access as .p12."));
        }
        if (info.subject().equals(info.issuer())) {
            out.add(Finding.fail(Step.CREDENTIAL, "The certificate is self-signed, not issued by Apple: APNs"
                            + " refuses it at the TLS handshake.",
                    "Create the push certificate in the Apple Developer portal and export that one with its key."));
        }
        LocalDate end = LocalDate.ofInstant(info.notAfter(), ZoneOffset.UTC);
        switch (info.expiryStatus(now)) {
            case VALID -> out.add(Finding.ok(Step.CERTIFICATE_EXPIRY, "Valid until " + end + "."));
            case EXPIRES_SOON -> out.add(Finding.warn(Step.CERTIFICATE_EXPIRY, "The certificate expires on " + end
                            + ", within " + CertificateInspector.EXPIRES_SOON_DAYS + " days; pushes fail from then.",
                    "Renew it in the Apple Developer portal and upload the new .p12 before " + end + "."));
            case EXPIRED -> out.add(Finding.fail(Step.CERTIFICATE_EXPIRY, "The certificate expired on " + end
                            + ": APNs refuses it (TLS handshake or 403 BadCertificate).",
                    "Create a new push certificate, export it with its key as .p12 and upload it to the console."));
            case NOT_YET_VALID -> out.add(Finding.fail(Step.CERTIFICATE_EXPIRY, "The certificate is not valid before "
                            + LocalDate.ofInstant(info.notBefore(), ZoneOffset.UTC) + ".",
                    "Check this computer's date and time, or wait for the start date."));
        }
    }

    private static void tokenKey(Long id, P8Info key, List<Finding> out) {
        String who = id == null ? "The credential" : "Certificate ID " + id;
        out.add(Finding.ok(Step.CREDENTIAL, who + " is a .p8 token key (" + key.algorithm() + "): " + key.note()));
        out.add(Finding.ok(Step.TOKEN_KEY, "Key ID " + key.keyId() + " and Team ID " + key.teamId()
                + " are 10 characters of A-Z and 0-9 each. Pushy signs the JWT and renews it every 50 minutes, so an"
                + " ExpiredProviderToken (JWT older than an hour) cannot come from PushFlow; if your backend gets"
                + " one, check its clock and its token refresh."));
    }

    // ---- 3. environment ------------------------------------------------------------------------------------------

    private static void environment(Subject s, List<Finding> out) {
        if (s.target() == null) {
            return;
        }
        ApnsEnvironment env = s.target().environment();
        String where = envWord(env) + " (" + s.target().describe() + ")";
        if (s.certificate() == null) {
            KeyScope declared = s.key() == null ? null : s.key().scope();
            out.add(Finding.ok(Step.ENVIRONMENT, cap(s.name()) + " pushes to " + where
                    + (declared == null ? "; a token key may push to either environment unless it is scoped to one."
                    : "; the token key's declared environment is checked under " + Step.KEY_SCOPE.title() + ".")));
            return;
        }
        CertificateKind kind = s.certificate().kind();
        if (s.certificate().allows(env)) {
            out.add(Finding.ok(Step.ENVIRONMENT, cap(s.name()) + " pushes to " + where + " and its " + kindWord(kind)
                    + " certificate may connect there."));
        } else if (kind == CertificateKind.DEVELOPMENT) {
            out.add(Finding.fail(Step.ENVIRONMENT, cap(s.name()) + " pushes to " + where + " with a development"
                            + " certificate: APNs answers 403 BadCertificateEnvironment.",
                    "Upload the production (Apple Push Services) certificate and use its certificate ID for Release"
                            + " builds; keep the development certificate's ID for Debug builds."));
        } else if (kind != CertificateKind.UNKNOWN) {
            out.add(Finding.fail(Step.ENVIRONMENT, cap(s.name()) + " pushes to " + where + " with a production-only"
                            + " certificate: APNs answers 403 BadCertificateEnvironment.",
                    "Upload the development certificate, or a universal Apple Push Services certificate, and use"
                            + " its certificate ID for Debug builds."));
        }
    }

    // ---- 4. topics -----------------------------------------------------------------------------------------------

    private static void topic(DoctorRequest r, Subject s, List<Finding> out) {
        String bundle = s.bundleId();
        if (bundle == null || bundle.isBlank()) {
            out.add(Finding.warn(Step.TOPIC, "The app's bundle ID is not known, so the topic cannot be checked.",
                    "Give the bundle ID (e.g. com.example.chat)."));
            return;
        }
        PushType type = r.pushType();
        String topic = type.topicFor(bundle);
        if (r.app() != null && !r.app().bundleId().equals(bundle)) {
            out.add(Finding.fail(Step.TOPIC, cap(s.name()) + " is for bundle ID " + bundle + " but the app is "
                            + r.app().bundleId() + ": its tokens are for another topic, APNs answers 400"
                            + " DeviceTokenNotForTopic.",
                    "Use the certificate ID uploaded for " + r.app().bundleId() + "."));
        }
        CertificateInfo c = s.certificate();
        if (c == null) {
            KeyScope declared = s.key() == null ? null : s.key().scope();
            out.add(Finding.ok(Step.TOPIC, "apns-topic " + topic + " (" + type.headerValue() + " push): " + (declared
                    == null ? "a token key covers every app of its team unless it is topic-specific."
                    : declared.teamScoped() ? "the token key is declared team-scoped: it covers every app of its team."
                    : "the token key's declared topics are checked under " + Step.KEY_SCOPE.title() + ".")));
            return;
        }
        String topics = c.topics().isEmpty() ? c.bundleId() : String.join(", ", c.topics());
        if (!c.coversTopic(bundle)) {
            out.add(Finding.fail(Step.TOPIC, "The certificate is for " + (c.bundleId().isEmpty() ? "another app"
                            : c.bundleId()) + " (topics: " + topics + "), not " + bundle
                            + ": APNs answers 400 TopicDisallowed.",
                    "Upload the push certificate of " + bundle + ", or fix the bundle ID of this certificate ID."));
        } else if (!c.coversTopic(topic)) {
            out.add(Finding.fail(Step.TOPIC, "A " + type.headerValue() + " push needs the topic " + topic
                            + ", which the certificate does not list (topics: " + topics + "): APNs answers 400"
                            + " TopicDisallowed.",
                    "Enable the capability for the App ID and make a new push certificate, or use a .p8 token key."));
        } else {
            out.add(Finding.ok(Step.TOPIC, "apns-topic " + topic + " is among the certificate's topics (" + topics
                    + ")."));
        }
    }

    // ---- 4b. token key scope vs gateway and topic ----------------------------------------------------------------

    /** A .p8 key's declared scope (2025) against the gateway's environment and the app's bundle ID. */
    private static void keyScope(Subject s, List<Finding> out) {
        P8Credential key = s.key();
        if (key == null) {
            return;
        }
        String who = "The .p8 key " + key.keyId();
        KeyScope scope = key.scope();
        if (scope == null) {
            out.add(Finding.ok(Step.KEY_SCOPE, who + " has no declared scope, so PushFlow takes it as team-scoped for"
                    + " Sandbox & Production, as every key made before 2025 is. A key made since may be limited to one"
                    + " environment (APNs answers 403 BadEnvironmentKeyIdInToken in the other) or to some apps (403"
                    + " UnrelatedKeyIdInToken for the others): declare its scope to have it checked."));
            return;
        }
        boolean failed = false;
        if (s.target() != null && !scope.allows(s.target().environment())) {
            ApnsEnvironment env = s.target().environment();
            failed = true;
            out.add(Finding.fail(Step.KEY_SCOPE, who + " is declared a " + scope.environmentName() + " key, but "
                            + s.name() + " pushes to " + envWord(env) + ": APNs answers 403 BadEnvironmentKeyIdInToken"
                            + " to every push.",
                    "Push to " + envWord(env) + " with a key made for " + portalEnvironment(env) + ", or create a"
                            + " \"Sandbox & Production\" key in " + KeyScope.WHERE + " and use it for both"
                            + " environments; this " + scope.environmentName() + " key serves "
                            + buildFor(env.other()).displayName() + " builds' tokens only."));
        }
        String bundle = s.bundleId();
        if (!scope.teamScoped()) {
            String topics = String.join(", ", scope.bundleIds());
            if (bundle == null || bundle.isBlank()) {
                out.add(Finding.warn(Step.KEY_SCOPE, who + " is declared topic-specific (" + topics + "), and the app's"
                        + " bundle ID is not known, so the key's topics cannot be checked.",
                        "Give the bundle ID (e.g. com.example.chat)."));
                failed = true;
            } else if (!scope.coversBundle(bundle)) {
                failed = true;
                String hint = scope.bundleIds().stream().filter(id -> ApnsTopics.isSuffixedTopicOf(id, bundle)).findFirst()
                        .map(id -> " (" + id + " is a push-type topic of " + bundle + "; a topic-specific key lists"
                                + " bundle IDs)").orElse("");
                out.add(Finding.fail(Step.KEY_SCOPE, who + " is declared topic-specific for " + topics + ", not "
                                + bundle + hint + ": APNs answers 403 UnrelatedKeyIdInToken to every push for " + bundle
                                + ".",
                        "Use a key whose topics include " + bundle + ", or a team-scoped key (" + KeyScope.WHERE
                                + "); if the key does list " + bundle + ", declare it so."));
            }
        }
        if (!failed) {
            out.add(Finding.ok(Step.KEY_SCOPE, who + " is declared " + scope.describe() + ": it may push to "
                    + (s.target() == null ? "its environments" : envWord(s.target().environment()))
                    + (bundle == null || bundle.isBlank() ? "" : " for " + bundle) + "."));
        }
    }


    // ---- 5. build configuration vs certificate ID -------------------------------------------------------------

    private void build(DoctorRequest r, Subject s, List<Finding> out) {
        BuildConfiguration build = r.build();
        if (build == null) {
            return;
        }
        ApnsEnvironment tokenEnv = build.tokenEnvironment();
        if (r.app() != null) {
            long macro = r.app().certificateIdFor(build);
            if (macro == 0) {
                out.add(Finding.fail(Step.BUILD, "The app defines no TUIOfflinePushCertificateIDForAPNS for "
                                + build.displayName() + " builds: the component reports certificate ID 0 and the"
                                + " backend cannot push.",
                        "Add TUIOfflinePushCertificateIDForAPNS(<" + tokenEnv.appleName() + " certificate ID>) in the "
                                + (build == BuildConfiguration.DEBUG ? "#ifdef DEBUG" : "#else") + " branch inside"
                                + " @implementation AppDelegate."));
            } else if (r.certificateId() != null && macro != r.certificateId()) {
                out.add(Finding.warn(Step.BUILD, "The app's macro gives certificate ID " + macro + " for "
                                + build.displayName() + " builds, not " + r.certificateId() + " as diagnosed here.",
                        "Check which ID the app really reports as businessID (setAPNS)."));
            }
        }
        if (s == null || s.target() == null) {
            return;
        }
        ApnsEnvironment target = s.target().environment();
        String gets = "A " + build.displayName() + " build gets a " + tokenWord(tokenEnv) + " token";
        if (target == tokenEnv) {
            out.add(Finding.ok(Step.BUILD, gets + ", and " + s.name() + " pushes to " + envWord(target)
                    + ": they match."));
            return;
        }
        OptionalLong alt = alternativeId(r, tokenEnv, s.bundleId());
        String use = alt.isPresent() ? "certificate ID " + alt.getAsLong() : "a " + tokenEnv.appleName()
                + " certificate ID";
        out.add(Finding.fail(Step.BUILD, gets + ", but " + s.name() + " pushes to " + envWord(target)
                        + ": APNs answers 400 BadDeviceToken.",
                "In AppDelegate, TUIOfflinePushCertificateIDForAPNS under " + (build == BuildConfiguration.DEBUG
                        ? "#ifdef DEBUG" : "#else (Release)") + " must give " + use + " (" + tokenEnv.appleName()
                        + "); or build " + buildFor(target).displayName() + " to get a " + tokenWord(target)
                        + " token."));
    }

    /** The certificate ID of the token's environment: the app's macro for that build, else the console's entry. */
    private OptionalLong alternativeId(DoctorRequest r, ApnsEnvironment tokenEnv, String bundle) {
        if (r.app() != null) {
            long macro = r.app().certificateIdFor(buildFor(tokenEnv));
            boolean fits = macro > 0 && (console == null || console.find(macro)
                    .map(e -> e.environment() == tokenEnv).orElse(true));
            if (fits) {
                return OptionalLong.of(macro);
            }
        }
        if (console != null) {
            return console.all().stream().filter(e -> e.environment() == tokenEnv)
                    .filter(e -> bundle == null || e.bundleId().equals(bundle))
                    .mapToLong(CertificateEntry::certificateId).findFirst();
        }
        return OptionalLong.empty();
    }

    // ---- 6. probe ------------------------------------------------------------------------------------------------

    private ApnsEnvironment probe(DoctorRequest r, Subject s, DeviceTokens.Parsed token, List<Finding> out) {
        String skipped = !token.valid() ? "the token is not usable"
                : s == null ? "there is no usable credential"
                : s.target() == null ? "the gateway is not known"
                : s.bundleId() == null || s.bundleId().isBlank() ? "the bundle ID is not known"
                : sender == null ? "no sender is available" : null;
        if (skipped != null) {
            out.add(Finding.warn(Step.PROBE, "The probe was not sent: " + skipped + ".", "Fix the steps above first."));
            return null;
        }
        Map<ApnsEnvironment, RawResult> answers = new EnumMap<>(ApnsEnvironment.class);
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            RawPush push = RawPush.builder().credential(s.credential()).target(s.target().withEnvironment(env))
                    .bundleId(s.bundleId()).token(token.hex()).payload(PROBE_PAYLOAD).pushType(PushType.BACKGROUND)
                    .priority(5).build();
            RawResult result;
            try {
                result = sender.send(push, probeTimeout).get(0);
            } catch (RuntimeException e) {
                result = new RawResult(token.hex(), List.of(), 0, null, null, null, null, e.getMessage(), null,
                        env.wireName(), 0);
            }
            answers.put(env, result);
            out.add(probeLine(env, result));
        }
        ApnsEnvironment tokenEnvironment = conclude(r, s, answers, out);
        scopeEvidence(s, answers, out);
        return tokenEnvironment;
    }

    private static Finding probeLine(ApnsEnvironment env, RawResult result) {
        String text = "Silent push (background, priority 5) to " + envWord(env) + ": " + result.summary();
        if (result.accepted()) {
            return Finding.ok(Step.PROBE, text + (result.apnsUniqueId() == null ? "."
                    : " (apns-unique-id " + result.apnsUniqueId() + ")."));
        }
        String explanation = result.answered() ? " — " + ApnsReason.find(result.reason())
                .map(ApnsReason::explanation).orElse("not a reason Apple documents.") : ".";
        // Each answer is evidence, not a verdict (BadDeviceToken from the other environment is the expected
        // signal): the conclusion below carries the verdict.
        return Finding.ok(Step.PROBE, text + explanation);
    }

    private static boolean knows(RawResult r) {
        return r.accepted() || (r.answered() && KNOWS_TOKEN.contains(r.reason()));
    }

    private static boolean unknown(RawResult r) {
        return r.answered() && "BadDeviceToken".equals(r.reason());
    }

    /** The key is scoped to the other environment: this environment could not be asked about the token. */
    private static boolean keyEnvironmentRefused(RawResult r) {
        return r.answered() && r.reason() != null && KEY_ENVIRONMENT.contains(r.reason());
    }

    /** Whether the key may not push to {@code env}: as declared, or as APNs answered the probe. */
    private static boolean keyCannotPushTo(Subject s, ApnsEnvironment env, Map<ApnsEnvironment, RawResult> answers) {
        P8Credential key = s.key();
        return key != null && ((key.scope() != null && !key.scope().allows(env))
                || keyEnvironmentRefused(answers.get(env)));
    }

    /**
     * What the probe's answers say about a .p8 key's scope: explains an answer that shows the key is scoped (when the
     * scope was not declared, or was declared otherwise), with where to see the scope in the developer portal.
     */
    private static void scopeEvidence(Subject s, Map<ApnsEnvironment, RawResult> answers, List<Finding> out) {
        P8Credential key = s.key();
        if (key == null) {
            return;
        }
        KeyScope declared = key.scope();
        ApnsEnvironment target = s.target().environment();
        List<ApnsEnvironment> refused = answers.entrySet().stream().filter(e -> keyEnvironmentRefused(e.getValue()))
                .map(Map.Entry::getKey).toList();
        if (refused.size() == 1) {
            ApnsEnvironment no = refused.get(0);
            ApnsEnvironment yes = no.other();
            String seen = cap(envWord(no)) + " answered 403 " + answers.get(no).reason() + ": the .p8 key "
                    + key.keyId() + " is scoped to " + portalEnvironment(yes) + " (a key made since 2025 for one"
                    + " environment)";
            String fix = SEE_SCOPE + " For " + envWord(no) + " use a key made for " + portalEnvironment(no)
                    + ", or create a \"Sandbox & Production\" key.";
            if (declared == null) {
                out.add(no == target
                        ? Finding.fail(Step.KEY_SCOPE, seen + ", and " + s.name() + " pushes to " + envWord(target)
                        + ": every push fails with 403 BadEnvironmentKeyIdInToken.", fix)
                        : Finding.warn(Step.KEY_SCOPE, seen + ". Pushes to " + envWord(target) + " work; pushes to "
                        + envWord(no) + " (" + buildFor(no).displayName() + " builds' tokens) need another key.", fix));
            } else if (declared.allows(no)) {
                out.add(Finding.fail(Step.KEY_SCOPE, seen + ", but it was declared a " + declared.environmentName()
                        + " key: the declared scope is wrong.", SEE_SCOPE + " Declare the scope the portal shows."));
            }
        } else if (refused.size() == 2) {
            out.add(Finding.warn(Step.KEY_SCOPE, "Both environments answered that the key is scoped to the other one;"
                    + " Apple's never do, so the gateways here are not Apple's.", ""));
        }
        String bundle = s.bundleId();
        boolean unrelated = answers.values().stream().anyMatch(a -> a.answered() && KEY_TOPICS.equals(a.reason()));
        if (unrelated && (declared == null || declared.coversBundle(bundle))) {
            out.add(Finding.fail(Step.KEY_SCOPE, "APNs answered 403 UnrelatedKeyIdInToken: the .p8 key " + key.keyId()
                            + " is topic-specific and does not list " + bundle + (declared == null ? ""
                            : ", although it was declared " + declared.describe()) + "; every push for " + bundle
                            + " with this key fails.",
                    SEE_SCOPE + " Use a key whose topics include " + bundle + ", or a team-scoped key."));
        }
    }

    private ApnsEnvironment conclude(DoctorRequest r, Subject s, Map<ApnsEnvironment, RawResult> answers,
                                     List<Finding> out) {
        List<ApnsEnvironment> knowing = answers.entrySet().stream().filter(e -> knows(e.getValue()))
                .map(Map.Entry::getKey).toList();
        ApnsEnvironment target = s.target().environment();
        if (knowing.size() == 1) {
            ApnsEnvironment tokenEnv = knowing.get(0);
            RawResult there = answers.get(tokenEnv);
            String is = "This token is a " + tokenWord(tokenEnv) + " token: the app was built "
                    + (tokenEnv == ApnsEnvironment.SANDBOX ? "Debug" : "Release (or TestFlight / App Store)");
            if (r.build() != null && r.build().tokenEnvironment() != tokenEnv) {
                out.add(Finding.warn(Step.BUILD, "You said " + r.build().displayName() + ", but the token is a "
                                + tokenWord(tokenEnv) + " token: the app that reported it was built "
                                + buildFor(tokenEnv).displayName() + ".",
                        "Check the scheme's Run / Archive build configuration in Xcode."));
            }
            if (tokenEnv != target) {
                OptionalLong alt = alternativeId(r, tokenEnv, s.bundleId());
                String subject = s.certificateId() != null ? "certificate ID " + s.certificateId() + " is "
                        + target.appleName() : "the credential is sent to " + target.appleName();
                String use = (alt.isPresent() ? "use " + alt.getAsLong() : "use a " + tokenEnv.appleName()
                        + " certificate ID") + (keyCannotPushTo(s, target, answers) ? "; building "
                        + buildFor(target).displayName() + " does not help: this key cannot push to "
                        + target.appleName() + " at all (403 BadEnvironmentKeyIdInToken)"
                        : " or build " + buildFor(target).displayName());
                out.add(Finding.fail(Step.PROBE, is + "; " + subject + "; " + use + ".",
                        keyCannotPushTo(s, target, answers) ? "Push " + buildFor(tokenEnv).displayName()
                                + " builds' tokens to " + envWord(tokenEnv) + " with this key; for " + envWord(target)
                                + " use a key made for " + portalEnvironment(target) + ", or a \"Sandbox & Production\""
                                + " key."
                                : "Release build -> production token -> production certificate ID; Debug build ->"
                                + " development token -> development certificate ID."));
            } else if (there.accepted()) {
                out.add(Finding.ok(Step.PROBE, is + ", and " + s.name() + " pushes to " + envWord(target)
                        + ": the environments match and APNs accepted the probe."));
            } else {
                out.add(Finding.fail(Step.PROBE, is + " and the environments match, but APNs answered "
                                + there.summary() + ": " + ApnsReason.find(there.reason())
                                .map(ApnsReason::explanation).orElse(""),
                        ApnsReason.find(there.reason()).map(ApnsReason::fix).orElse("")));
            }
            return tokenEnv;
        }
        if (knowing.size() == 2) {
            out.add(Finding.warn(Step.PROBE, "Both environments accepted the token; Apple's never do, so the gateways"
                    + " here are not Apple's.", ""));
            return null;
        }
        RawResult sandbox = answers.get(ApnsEnvironment.SANDBOX);
        RawResult production = answers.get(ApnsEnvironment.PRODUCTION);
        if (unknown(sandbox) && unknown(production)) {
            out.add(Finding.fail(Step.PROBE, "Neither the sandbox nor production knows this token: it is mistyped or"
                            + " cut short, belongs to another team's app, or is a stale token"
                            + (s.target().gateway() == GatewayTarget.EMBEDDED ? " (the embedded gateways only know"
                            + " tokens their iPhones were issued in this run)" : "") + ".",
                    "Copy the token again from the app's log after a fresh launch, and make sure it comes from"
                            + " this app (bundle ID " + s.bundleId() + ")."));
            return null;
        }
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            RawResult here = answers.get(env);
            RawResult other = answers.get(env.other());
            if (unknown(here) && !other.answered() || unknown(here) && !knows(other) && !unknown(other)) {
                boolean scoped = keyEnvironmentRefused(other);
                out.add(Finding.warn(Step.PROBE, "The token is not a " + tokenWord(env) + " token, and "
                                + envWord(env.other()) + " could not be asked (" + other.summary()
                                + (scoped ? ": the key is scoped to " + portalEnvironment(env) + ", so this answer says"
                                + " nothing about the token" : "") + "); most likely it is a "
                                + tokenWord(env.other()) + " token from a " + buildFor(env.other()).displayName()
                                + " build.",
                        scoped ? "Probe with a key that may push to " + envWord(env.other()) + " (a "
                                + portalEnvironment(env.other()) + " or \"Sandbox & Production\" key) to be sure."
                                : "Probe with a credential that may reach both environments (a universal certificate"
                                + " or a .p8 key that is not scoped to one environment) to be sure."));
                return null;
            }
        }
        Finding refused = credentialRefused(s, sandbox, production);
        if (refused != null) {
            out.add(refused);
            return null;
        }
        boolean keyScope = answers.values().stream().anyMatch(a -> keyEnvironmentRefused(a)
                || a.answered() && KEY_TOPICS.equals(a.reason()));
        out.add(Finding.warn(Step.PROBE, "The probe could not tell the token's environment: sandbox "
                        + sandbox.summary() + "; production " + production.summary() + ".",
                keyScope ? "The key's scope stops the probe (see " + Step.KEY_SCOPE.title() + "): probe with a key"
                        + " whose scope covers " + s.bundleId() + " in both environments."
                        : "Fix the credential or connection problem named above, then probe again."));
        return null;
    }

    /**
     * Both environments refused the credential itself with the same answer: that is the cause to name (a Key ID that
     * does not match the key, a certificate the TLS handshake did not take), not "the probe could not tell".
     */
    private static Finding credentialRefused(Subject s, RawResult sandbox, RawResult production) {
        if (!sandbox.answered() || !production.answered() || sandbox.reason() == null
                || !sandbox.reason().equals(production.reason())) {
            return null;
        }
        String reason = sandbox.reason();
        P8Credential key = s.key();
        if (key != null && reason.equals("InvalidProviderToken")) {
            String fromName = CredentialLoader.keyIdFromFileName(key.label()).orElse(null);
            String which = fromName != null && !fromName.equals(key.keyId())
                    ? "the Key ID " + key.keyId() + " does not match the key (its file name says " + fromName + ")"
                    : "the Key ID " + key.keyId() + " or the Team ID " + key.teamId() + " does not match the key, or"
                    + " the key was revoked";
            return Finding.fail(Step.PROBE, "Both environments refused the token key with 403 InvalidProviderToken: "
                            + which + ".",
                    "Use the Key ID shown for this key in Certificates, Identifiers & Profiles > Keys (the file"
                            + " AuthKey_<KEYID>.p8 is named after it) and your Team ID (Membership details).");
        }
        if (key == null && s.certificate() != null && reason.equals("MissingProviderToken")) {
            CertificateInfo c = s.certificate();
            String why = c.notAfter() != null && c.notAfter().isBefore(java.time.Instant.now())
                    ? "it expired on " + LocalDate.ofInstant(c.notAfter(), ZoneOffset.UTC)
                    : "it is not issued by Apple (self-signed or another CA)";
            return Finding.fail(Step.PROBE, "Both environments answered 403 MissingProviderToken although a .p12 was "
                            + "loaded: the TLS handshake did not take the client certificate, because " + why
                            + ", so the request arrived without credentials.",
                    "Create the push certificate in the Apple Developer portal, export it with its key as .p12 and"
                            + " load that one.");
        }
        if (reason.equals("InvalidProviderToken") || reason.equals("BadCertificate")
                || reason.equals("ExpiredProviderToken") || reason.equals("MissingProviderToken")) {
            return Finding.fail(Step.PROBE, "Both environments refused the credential with 403 " + reason + ": "
                            + ApnsReason.find(reason).map(ApnsReason::explanation).orElse(""),
                    "Fix the credential named above, then probe again.");
        }
        return null;
    }

    // ---- wording -------------------------------------------------------------------------------------------------

    private static String conclusion(List<Finding> out) {
        for (Verdict v : List.of(Verdict.FAIL, Verdict.WARN)) {
            for (Step step : List.of(Step.PROBE, Step.TOKEN_FORMAT, Step.CREDENTIAL, Step.TOKEN_KEY,
                    Step.CERTIFICATE_EXPIRY, Step.ENVIRONMENT, Step.KEY_SCOPE, Step.BUILD, Step.TOPIC)) {
                for (Finding f : out) {
                    if (f.verdict() == v && f.step() == step) {
                        return f.text() + (f.fix().isEmpty() ? "" : " Fix: " + f.fix());
                    }
                }
            }
        }
        return "No problem found: the token, the credential and the environments agree.";
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static BuildConfiguration buildFor(ApnsEnvironment env) {
        return env == ApnsEnvironment.SANDBOX ? BuildConfiguration.DEBUG : BuildConfiguration.RELEASE;
    }

    private static String envWord(ApnsEnvironment env) {
        return env == ApnsEnvironment.SANDBOX ? "the sandbox (development)" : "production";
    }

    /** The developer portal's name of a key environment. */
    private static String portalEnvironment(ApnsEnvironment env) {
        return env == ApnsEnvironment.SANDBOX ? "Sandbox" : "Production";
    }

    private static String tokenWord(ApnsEnvironment env) {
        return env == ApnsEnvironment.SANDBOX ? "sandbox (development)" : "production";
    }

    private static String kindWord(CertificateKind kind) {
        return switch (kind) {
            case DEVELOPMENT -> "development (sandbox only)";
            case PRODUCTION -> "production-only";
            case UNIVERSAL -> "universal (sandbox and production)";
            case UNKNOWN -> "non-APNs";
        };
    }
}
