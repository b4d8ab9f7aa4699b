package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushflow.apns.AppleIds;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.SecretStore;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.DeviceSnapshot;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.TokenRegistration;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImUser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The world a scenario starts from, and what the GUI saves as a workspace: the app's build settings,
 * the console's certificate IDs, users, groups and devices. A part left out (null) comes from the
 * default workspace; groups left out are the demo group only when users are left out too (its
 * members are the default users).
 */
public record WorkspaceSpec(AppSettings app, List<CertificateSpec> certificates, List<ImUser> users,
                            List<ImGroup> groups, List<DeviceSpec> devices) {

    /** The keys of a file that belong to the workspace part. */
    public static final List<String> KEYS = List.of("app", "console", "users", "groups", "devices");

    /** One console certificate ID. {@code bundleId} null = the app's; {@code applePort} is used with the apple gateway. */
    public record CertificateSpec(long id, ApnsEnvironment environment, String bundleId, CredentialSource credential,
                                  GatewayTarget gateway, int applePort) {
    }

    /**
     * One iPhone: a simulated one (token from the embedded gateway of its build's environment), or a real
     * one when {@code token} is set. {@code customParse}: the app's processTUIOfflinePushNotification
     * (null = not implemented, true = takes over, false = lets the component go on). {@code tokenRegistration}:
     * what the simulated iPhone's first token request gets (null = ok).
     */
    public record DeviceSpec(String id, String name, BuildConfiguration build, String token, Boolean customParse,
                             TokenRegistration tokenRegistration, String issuedToken) {
        /** A device without a kept simulator token (scenario files, a new iPhone). */
        public DeviceSpec(String id, String name, BuildConfiguration build, String token, Boolean customParse) {
            this(id, name, build, token, customParse, null, null);
        }

        public DeviceSpec(String id, String name, BuildConfiguration build, String token, Boolean customParse,
                          TokenRegistration tokenRegistration) {
            this(id, name, build, token, customParse, tokenRegistration, null);
        }
    }

    /**
     * A certificate ID of a saved workspace whose credential cannot be loaded now: its definition (kept, so saving
     * again does not drop it), why, and the message (never a password).
     */
    public record UnrestoredCertificate(CertificateSpec certificate, CredentialSpec.Reason reason, String message) {
        public long id() {
            return certificate.id();
        }
    }

    public WorkspaceSpec {
        certificates = certificates == null ? null : List.copyOf(certificates);
        users = users == null ? null : List.copyOf(users);
        groups = groups == null ? null : List.copyOf(groups);
        devices = devices == null ? null : List.copyOf(devices);
    }

    /** Everything from the default workspace. */
    public static WorkspaceSpec defaults() {
        return new WorkspaceSpec(null, null, null, null, null);
    }

    // ------------------------------------------------------------------ effective parts

    public AppSettings effectiveApp() {
        return app != null ? app : Defaults.SPEC.app;
    }

    public List<CertificateSpec> effectiveCertificates() {
        return certificates != null ? certificates : Defaults.SPEC.certificates;
    }

    public List<ImUser> effectiveUsers() {
        return users != null ? users : Defaults.SPEC.users;
    }

    public List<ImGroup> effectiveGroups() {
        if (groups != null) {
            return groups;
        }
        return users == null ? Defaults.SPEC.groups : List.of();
    }

    public List<DeviceSpec> effectiveDevices() {
        return devices != null ? devices : Defaults.SPEC.devices;
    }

    // ------------------------------------------------------------------ apply and capture

    /** {@link #apply(PushFlowEngine, UnaryOperator)} with passwords from the process environment. */
    public void apply(PushFlowEngine engine) throws ScenarioException {
        apply(engine, System::getenv);
    }

    /**
     * Replaces the engine's world with this workspace: clears devices, users and groups, then sets the
     * console, the app settings, users, groups and devices. Credentials are loaded first, so a bad file
     * leaves the engine as it was.
     */
    public void apply(PushFlowEngine engine, UnaryOperator<String> env) throws ScenarioException {
        replaceWorld(engine, entries(env, null, null));
    }

    /**
     * Like {@link #apply(PushFlowEngine, UnaryOperator)}, but a certificate ID whose credential cannot be loaded now
     * (password not available, file moved, wrong password) is left out of the console instead of failing the whole
     * workspace; everything else is applied. .p12 passwords the user chose to remember come from {@code stored}.
     * The window opens its saved workspace this way; scenarios stay strict.
     *
     * @return the certificate IDs left out, in the order of the file
     */
    public List<UnrestoredCertificate> applyKeeping(PushFlowEngine engine, UnaryOperator<String> env,
                                                    SecretStore stored) throws ScenarioException {
        List<UnrestoredCertificate> unrestored = new ArrayList<>();
        List<CertificateEntry> entries = entries(env, stored, unrestored);
        replaceWorld(engine, entries);
        return List.copyOf(unrestored);
    }

    /**
     * Loads every credential first, so a strict apply that fails leaves the engine as it was. {@code unrestored}
     * null: strict, the first failure is thrown; else failures are collected there.
     */
    private List<CertificateEntry> entries(UnaryOperator<String> env, SecretStore stored,
                                           List<UnrestoredCertificate> unrestored) throws ScenarioException {
        AppSettings appSettings = effectiveApp();
        List<CertificateEntry> entries = new ArrayList<>();
        for (CertificateSpec c : effectiveCertificates()) {
            try {
                Credential credential = CredentialSpec.resolve(c.credential(), env, stored);
                entries.add(new CertificateEntry(c.id(), c.environment(),
                        c.bundleId() == null ? appSettings.bundleId() : c.bundleId(), credential, c.gateway(),
                        c.applePort(), c.credential()));
            } catch (CredentialSpec.Unavailable e) {
                if (unrestored == null) {
                    throw e;
                }
                unrestored.add(new UnrestoredCertificate(c, e.reason(), e.getMessage()));
            } catch (IllegalArgumentException e) {
                String message = "certificate ID " + c.id() + ": " + e.getMessage();
                if (unrestored == null) {
                    throw new ScenarioException(message, e);
                }
                unrestored.add(new UnrestoredCertificate(c, CredentialSpec.Reason.UNUSABLE, message));
            }
        }
        return entries;
    }

    private void replaceWorld(PushFlowEngine engine, List<CertificateEntry> entries) throws ScenarioException {
        AppSettings appSettings = effectiveApp();
        try {
            engine.clearWorld();
            engine.console().clear();
            entries.forEach(engine.console()::put);
            engine.setAppSettings(appSettings);
            engine.consoleChanged();
            effectiveUsers().forEach(engine::putUser);
            effectiveGroups().forEach(engine::putGroup);
            for (DeviceSpec d : effectiveDevices()) {
                if (d.token() != null) {
                    engine.addRealDevice(d.id(), d.name(), d.build(), d.token());
                } else {
                    engine.addDevice(d.id(), d.name(), d.build(), d.tokenRegistration(), d.issuedToken());
                }
                if (d.customParse() != null) {
                    engine.setOfflinePushHook(d.id(), d.customParse());
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ScenarioException("cannot set up the workspace: " + e.getMessage(), e);
        }
    }

    /** The engine's current workspace, every part filled in (devices as defined, not their state). */
    public static WorkspaceSpec capture(PushFlowEngine engine) {
        List<CertificateSpec> certificates = engine.console().all().stream()
                .map(e -> new CertificateSpec(e.certificateId(), e.environment(), e.bundleId(),
                        e.source(), e.gateway(), e.applePort()))
                .toList();
        List<DeviceSpec> devices = new ArrayList<>();
        for (DeviceSnapshot d : engine.devices()) {
            TokenRegistration first = d.real() ? null : d.tokenStatus().firstRequest();
            devices.add(new DeviceSpec(d.deviceId(), d.name(), d.build(), d.real() ? d.token() : null,
                    d.hookTakesOver(), first == TokenRegistration.OK ? null : first, d.real() ? null : d.token()));
        }
        return new WorkspaceSpec(engine.appSettings(), certificates, engine.users(), engine.groups(), devices);
    }

    /**
     * This workspace with certificate IDs it does not define added from {@code kept}, ordered by ID: how a saved
     * workspace keeps the definition of a certificate ID that could not be restored until the user replaces it.
     */
    public WorkspaceSpec keeping(List<CertificateSpec> kept) {
        if (kept.isEmpty()) {
            return this;
        }
        List<CertificateSpec> all = new ArrayList<>(effectiveCertificates());
        Set<Long> ids = new HashSet<>();
        all.forEach(c -> ids.add(c.id()));
        kept.stream().filter(c -> ids.add(c.id())).forEach(all::add);
        all.sort(java.util.Comparator.comparingLong(CertificateSpec::id));
        return new WorkspaceSpec(app, all, users, groups, devices);
    }

    // ------------------------------------------------------------------ JSON

    private static final Map<String, BuildConfiguration> BUILDS = orderedMap(
            "debug", BuildConfiguration.DEBUG, "release", BuildConfiguration.RELEASE);
    private static final Map<String, ApnsEnvironment> ENVIRONMENTS = orderedMap(
            "sandbox", ApnsEnvironment.SANDBOX, "development", ApnsEnvironment.SANDBOX,
            "production", ApnsEnvironment.PRODUCTION);
    private static final Map<String, TokenRegistration> TOKEN_REGISTRATIONS = orderedMap(
            "ok", TokenRegistration.OK, "fails", TokenRegistration.FAILS, "no-answer", TokenRegistration.NO_ANSWER);
    private static final Map<String, GatewayTarget> GATEWAYS = orderedMap(
            "embedded", GatewayTarget.EMBEDDED, "apple", GatewayTarget.APPLE);

    /** Reads the workspace keys of a scenario or workspace file; the caller checks for unknown keys. */
    static WorkspaceSpec read(Fields root, Path baseDir) throws ScenarioException {
        return read(root, baseDir, true);
    }

    /** {@code filesMustExist} false: a credential file that is gone is reported when applied, not while reading. */
    static WorkspaceSpec read(Fields root, Path baseDir, boolean filesMustExist) throws ScenarioException {
        AppSettings app = readApp(root.optObject("app"));
        List<CertificateSpec> certificates = readConsole(root.optObject("console"), baseDir, filesMustExist);
        List<ImUser> users = readUsers(root);
        Set<String> userIds = new HashSet<>();
        (users != null ? users : Defaults.SPEC.users).forEach(u -> userIds.add(u.userID()));
        List<ImGroup> groups = readGroups(root, userIds, users != null);
        List<DeviceSpec> devices = readDevices(root);
        return new WorkspaceSpec(app, certificates, users, groups, devices);
    }

    private static AppSettings readApp(Fields f) throws ScenarioException {
        if (f == null) {
            return null;
        }
        f.allowOnly(List.of("bundleId", "name", "certificateIds"));
        String bundleId = f.optString("bundleId");
        if (bundleId == null) {
            bundleId = AppSettings.defaults().bundleId();
        } else if (!AppleIds.isBundleId(bundleId)) {
            throw f.error("bundleId", AppleIds.bundleIdProblem(bundleId));
        }
        Map<BuildConfiguration, Long> ids = new EnumMap<>(BuildConfiguration.class);
        Fields c = f.optObject("certificateIds");
        if (c == null) {
            ids.putAll(AppSettings.defaults().certificateIds());
        } else {
            // A build left out has no TUIOfflinePushCertificateIDForAPNS macro: the component reports 0.
            c.allowOnly(List.of("debug", "release"));
            for (var e : BUILDS.entrySet()) {
                Long id = c.optLong(e.getKey());
                if (id != null && id < 0) {
                    throw c.error(e.getKey(), "a certificate ID is 0 (macro absent) or positive, not " + id);
                }
                ids.put(e.getValue(), id == null ? 0L : id);
            }
        }
        return new AppSettings(bundleId, f.optString("name"), ids);
    }

    private static List<CertificateSpec> readConsole(Fields f, Path baseDir, boolean filesMustExist)
            throws ScenarioException {
        if (f == null) {
            return null;
        }
        f.allowOnly(List.of("certificates"));
        List<JsonNode> list = f.optArray("certificates");
        if (list == null) {
            throw f.error("'certificates' is required (an empty list means a console with no certificate IDs)");
        }
        List<CertificateSpec> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Fields c = f.element("certificates", i, list.get(i));
            c.allowOnly(List.of("id", "environment", "credential", "bundleId", "gateway", "port"));
            Long id = c.optLong("id");
            if (id == null) {
                throw c.error("'id' is required: the certificate ID the console allocated, like 31287");
            }
            if (id <= 0) {
                throw c.error("id", "a certificate ID is a positive number, like 31287; got " + id);
            }
            if (!seen.add(id)) {
                throw c.error("id", "certificate ID " + id + " appears twice");
            }
            ApnsEnvironment env = c.word("environment", ENVIRONMENTS, true);
            CredentialSource credential = CredentialSpec.read(c, "credential", baseDir, filesMustExist);
            String bundleId = c.optString("bundleId");
            GatewayTarget gateway = c.word("gateway", GATEWAYS, false);
            gateway = gateway == null ? GatewayTarget.EMBEDDED : gateway;
            Integer port = c.optInt("port");
            if (port != null && gateway != GatewayTarget.APPLE) {
                throw c.error("port", "only a certificate with \"gateway\": \"apple\" takes a port (443 or 2197)");
            }
            if (port != null && port != 443 && port != 2197) {
                throw c.error("port", "Apple's gateways listen on 443 or 2197, not " + port);
            }
            out.add(new CertificateSpec(id, env, bundleId, credential, gateway, port == null ? 443 : port));
        }
        return out;
    }

    private static List<ImUser> readUsers(Fields root) throws ScenarioException {
        List<JsonNode> list = root.optArray("users");
        if (list == null) {
            return null;
        }
        List<ImUser> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            ImUser user;
            if (n.isTextual()) {
                if (n.textValue().isBlank()) {
                    throw root.error("users[" + i + "]", "a userID must not be empty");
                }
                user = ImUser.of(n.textValue());
            } else {
                Fields u = root.element("users", i, n);
                u.allowOnly(List.of("userID", "nickname", "faceUrl"));
                user = new ImUser(u.string("userID"), u.optString("nickname"), u.optString("faceUrl"));
            }
            if (!seen.add(user.userID())) {
                throw root.error("users[" + i + "]", "user '" + user.userID() + "' appears twice");
            }
            out.add(user);
        }
        return out;
    }

    private static List<ImGroup> readGroups(Fields root, Set<String> userIds, boolean usersGiven)
            throws ScenarioException {
        List<JsonNode> list = root.optArray("groups");
        if (list == null) {
            return null;
        }
        List<ImGroup> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Fields g = root.element("groups", i, list.get(i));
            g.allowOnly(List.of("groupID", "name", "members", "nameCards"));
            String groupID = g.string("groupID");
            if (!seen.add(groupID)) {
                throw g.error("groupID", "group '" + groupID + "' appears twice");
            }
            List<JsonNode> members = g.optArray("members");
            if (members == null) {
                throw g.error("'members' is required: the userIDs in the group");
            }
            List<String> memberIds = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                JsonNode member = members.get(m);
                if (!member.isTextual() || !userIds.contains(member.textValue())) {
                    throw g.error("members[" + m + "]", (member.isTextual() ? "'" + member.textValue() + "'"
                            : Fields.typeOf(member)) + " is not a user of this " + (usersGiven ? "file" : "workspace")
                            + "; users: " + String.join(", ", userIds));
                }
                memberIds.add(member.textValue());
            }
            Map<String, String> cards = new LinkedHashMap<>();
            Fields nc = g.optObject("nameCards");
            if (nc != null) {
                var names = nc.node().fieldNames();
                while (names.hasNext()) {
                    String user = names.next();
                    if (!memberIds.contains(user)) {
                        throw nc.error(user, "'" + user + "' is not a member of " + groupID);
                    }
                    cards.put(user, nc.string(user));
                }
            }
            out.add(new ImGroup(groupID, g.optString("name"), memberIds, cards));
        }
        return out;
    }

    private static List<DeviceSpec> readDevices(Fields root) throws ScenarioException {
        List<JsonNode> list = root.optArray("devices");
        if (list == null) {
            return null;
        }
        List<DeviceSpec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Fields d = root.element("devices", i, list.get(i));
            d.allowOnly(List.of("id", "name", "build", "token", "customParse", "tokenRegistration", "issuedToken"));
            String id = d.string("id");
            if (!seen.add(id)) {
                throw d.error("id", "device '" + id + "' appears twice");
            }
            BuildConfiguration build = d.word("build", BUILDS, true);
            String token = d.optString("token");
            if (token != null) {
                DeviceTokens.Parsed parsed = DeviceTokens.parse(token);
                if (!parsed.valid()) {
                    throw d.error("token", parsed.problem());
                }
                token = parsed.hex();
            }
            TokenRegistration registration = d.word("tokenRegistration", TOKEN_REGISTRATIONS, false);
            if (registration != null && token != null) {
                throw d.error("tokenRegistration", "only a simulated iPhone requests a token; a real device (with"
                        + " 'token') already has one");
            }
            String issued = d.optString("issuedToken");
            if (issued != null) {
                DeviceTokens.Parsed parsed = DeviceTokens.parse(issued);
                if (!parsed.valid()) {
                    throw d.error("issuedToken", parsed.problem());
                }
                issued = parsed.hex();
            }
            out.add(new DeviceSpec(id, d.optString("name"), build, token, d.optBoolean("customParse"), registration,
                    issued));
        }
        return out;
    }

    /** The JSON form; parts left out stay out. Paths are written relative to {@code baseDir} when under it. */
    public ObjectNode toJson(Path baseDir) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode();
        if (app != null) {
            ObjectNode a = root.putObject("app").put("bundleId", app.bundleId()).put("name", app.appName());
            ObjectNode ids = a.putObject("certificateIds");
            for (BuildConfiguration b : BuildConfiguration.values()) {
                ids.put(b.wireName(), app.certificateIdFor(b));
            }
        }
        if (certificates != null) {
            ArrayNode list = root.putObject("console").putArray("certificates");
            for (CertificateSpec c : certificates) {
                ObjectNode o = list.addObject().put("id", c.id()).put("environment", c.environment().wireName());
                o.set("credential", CredentialSpec.toJson(c.credential(), baseDir));
                if (c.bundleId() != null && (app == null || !c.bundleId().equals(app.bundleId()))) {
                    o.put("bundleId", c.bundleId());
                }
                if (c.gateway() == GatewayTarget.APPLE) {
                    o.put("gateway", "apple");
                    if (c.applePort() != 443) {
                        o.put("port", c.applePort());
                    }
                }
            }
        }
        if (users != null) {
            ArrayNode list = root.putArray("users");
            for (ImUser u : users) {
                list.addObject().put("userID", u.userID()).put("nickname", u.nickname()).put("faceUrl", u.faceUrl());
            }
        }
        if (groups != null) {
            ArrayNode list = root.putArray("groups");
            for (ImGroup g : groups) {
                ObjectNode o = list.addObject().put("groupID", g.groupID()).put("name", g.name());
                ArrayNode members = o.putArray("members");
                g.members().forEach(members::add);
                if (!g.nameCards().isEmpty()) {
                    ObjectNode cards = o.putObject("nameCards");
                    g.nameCards().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .forEach(e -> cards.put(e.getKey(), e.getValue()));
                }
            }
        }
        if (devices != null) {
            ArrayNode list = root.putArray("devices");
            for (DeviceSpec d : devices) {
                ObjectNode o = list.addObject().put("id", d.id());
                if (d.name() != null && !d.name().equals(d.id())) {
                    o.put("name", d.name());
                }
                o.put("build", d.build().wireName());
                if (d.token() != null) {
                    o.put("token", d.token());
                }
                if (d.customParse() != null) {
                    o.put("customParse", d.customParse());
                }
                if (d.tokenRegistration() != null && d.tokenRegistration() != TokenRegistration.OK) {
                    o.put("tokenRegistration", d.tokenRegistration().wireName());
                }
                if (d.issuedToken() != null) {
                    o.put("issuedToken", d.issuedToken());
                }
            }
        }
        return root;
    }

    private static <V> Map<String, V> orderedMap(Object... pairs) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            V v = (V) pairs[i + 1];
            m.put((String) pairs[i], v);
        }
        return m;
    }

    /** The default workspace, captured once from a detached engine so it has one source: DefaultWorkspace. */
    private static final class Defaults {
        static final WorkspaceSpec SPEC = build();

        private static WorkspaceSpec build() {
            // No delivery service and no gateways: nothing is sent; tokens are made up and not kept.
            PushFlowEngine detached = new PushFlowEngine(null, DeliveryLog.inMemory(), null, null);
            DefaultWorkspace.apply(detached);
            WorkspaceSpec captured = capture(detached);
            // The detached engine's made-up tokens are not the default's: each engine issues its own.
            List<DeviceSpec> devices = captured.devices.stream()
                    .map(d -> new DeviceSpec(d.id(), d.name(), d.build(), d.token(), d.customParse())).toList();
            return new WorkspaceSpec(captured.app, captured.certificates, captured.users, captured.groups, devices);
        }
    }
}
