package dev.pushflow.rawsend;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.ApnsHeaders;
import dev.pushflow.apns.ApnsTopics;
import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.P8Credential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One raw push as a developer types it: credential, gateway, topic, several pasted tokens, the payload text and
 * every APNs header. Nothing is checked on construction, so a form can hold half-typed values; {@link #check()}
 * says what is wrong before anything is sent (and before anything is remembered).
 *
 * @param bundleId   the app's bundle ID; the topic is derived from it and the push type unless {@code topic} is set
 * @param topic      an explicit apns-topic, or null/blank to derive it
 * @param tokens     device tokens as pasted (spaces, angle brackets and upper case are cleaned, with a note)
 * @param priority   10, 5 or 1; null = APNs' default (10; background pushes are treated as 5)
 * @param expiration apns-expiration; null = absent (APNs stores up to 30 days); {@link Instant#EPOCH} = try once
 * @param collapseId apns-collapse-id, at most 64 bytes; null = absent
 * @param apnsId     apns-id; null = let APNs make one
 */
public record RawPush(Credential credential, RawTarget target, String bundleId, String topic, List<String> tokens,
                      String payload, PushType pushType, Integer priority, Instant expiration, String collapseId,
                      UUID apnsId) {

    public static final int MAX_COLLAPSE_ID_BYTES = ApnsHeaders.MAX_COLLAPSE_ID_BYTES;

    public RawPush {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        pushType = pushType == null ? PushType.ALERT : pushType;
    }

    /** A token ready to send: the hex, and what was cleaned from the pasted text. */
    public record CleanToken(String pasted, String hex, List<String> notes) {
    }

    /** The outcome of {@link #check()}: cleaned tokens, blocking problems, and warnings that do not block. */
    public record Checked(List<CleanToken> tokens, String topic, List<String> problems, List<String> warnings) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The apns-topic sent: the explicit topic, else the bundle ID plus the push type's suffix. */
    public String effectiveTopic() {
        if (topic != null && !topic.isBlank()) {
            return topic.strip();
        }
        return bundleId == null || bundleId.isBlank() ? null : pushType.topicFor(bundleId.strip());
    }

    /** The bundle ID for the Simulator and the doctor: given, or the topic without the push type's suffix. */
    public String effectiveBundleId() {
        if (bundleId != null && !bundleId.isBlank()) {
            return bundleId.strip();
        }
        String t = effectiveTopic();
        if (t == null) {
            return null;
        }
        String bundle = ApnsTopics.bundleOf(t, pushType);
        return bundle == null ? t : bundle;
    }

    /** The apns-* headers this push sends to {@code topic} (the checked topic); the one model every export renders. */
    public ApnsHeaders headers(String topic) {
        return new ApnsHeaders(topic, pushType, priority, expiration, collapseId, apnsId);
    }

    /** Everything APNs would refuse, and what it would accept but is probably a mistake. Never throws. */
    public Checked check() {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (credential == null) {
            problems.add("No credential: choose a .p12 certificate (with its password) or a .p8 token key (with Key ID"
                    + " and Team ID).");
        }
        if (target == null) {
            problems.add("No gateway: choose the embedded sandbox/production gateway or Apple's sandbox/production host.");
        }
        String t = effectiveTopic();
        if (t == null) {
            problems.add("No topic: give the app's bundle ID (the topic is derived from it) or an explicit apns-topic.");
        }
        // an explicit topic can be of another push type; a derived one always fits
        ApnsHeaders headers = headers(topic != null && !topic.isBlank() ? t : null);
        List<CleanToken> clean = new ArrayList<>();
        if (tokens.isEmpty()) {
            problems.add("No device token: paste the hex token the app logged in"
                    + " didRegisterForRemoteNotificationsWithDeviceToken.");
        }
        for (int i = 0; i < tokens.size(); i++) {
            DeviceTokens.Parsed p = DeviceTokens.parse(tokens.get(i));
            String which = tokens.size() == 1 ? "Device token" : "Device token " + (i + 1);
            if (p.valid()) {
                clean.add(new CleanToken(tokens.get(i), p.hex(), p.notes()));
            } else {
                problems.add(which + ": " + p.problem() + ".");
            }
        }
        problems.addAll(Payloads.problems(payload, pushType));
        warnings.addAll(Payloads.warnings(payload, pushType));
        problems.addAll(headers.problems());
        warnings.addAll(headers.warnings());
        warnings.addAll(keyScopeWarnings());
        return new Checked(List.copyOf(clean), t, List.copyOf(problems), List.copyOf(warnings));
    }

    /**
     * What the declared scope of a .p8 key (2025: one environment, or some bundle IDs) says about this push: APNs
     * refuses it with 403 BadEnvironmentKeyIdInToken on the other environment's gateway, and with 403
     * UnrelatedKeyIdInToken for a bundle ID a topic-specific key does not list. Empty for certificates and for keys
     * whose scope was not declared (the .p8 file does not say). Part of {@link #check()}'s warnings.
     */
    public List<String> keyScopeWarnings() {
        if (!(credential instanceof P8Credential key) || key.scope() == null) {
            return List.of();
        }
        KeyScope scope = key.scope();
        List<String> out = new ArrayList<>();
        if (target != null && !scope.allows(target.environment())) {
            ApnsEnvironment env = target.environment();
            String where = env == ApnsEnvironment.SANDBOX ? "the sandbox" : "production";
            String portal = env == ApnsEnvironment.SANDBOX ? "Sandbox" : "Production";
            out.add("The .p8 key " + key.keyId() + " is declared a " + scope.environmentName() + " key, but this push"
                    + " goes to " + where + ": APNs answers 403 BadEnvironmentKeyIdInToken. Use a key made for "
                    + portal + ", or a \"Sandbox & Production\" key (" + KeyScope.WHERE + ").");
        }
        String t = effectiveTopic();
        if (t != null && !scope.coversTopic(t)) {
            String bundle = effectiveBundleId();
            out.add("The .p8 key " + key.keyId() + " is declared topic-specific (" + String.join(", ", scope.bundleIds())
                    + ") and does not list " + bundle + ": APNs answers 403 UnrelatedKeyIdInToken. Add " + bundle
                    + " to the key's topics, or use a team-scoped key (" + KeyScope.WHERE + ").");
        }
        return List.copyOf(out);
    }

    /** {@link #check()}, throwing when anything blocks the send. */
    public Checked prepare() {
        Checked c = check();
        if (!c.ok()) {
            throw new InvalidRawPushException(c.problems());
        }
        return c;
    }

    public RawPush withTarget(RawTarget newTarget) {
        return new RawPush(credential, newTarget, bundleId, topic, tokens, payload, pushType, priority, expiration,
                collapseId, apnsId);
    }

    public RawPush withTokens(List<String> newTokens) {
        return new RawPush(credential, target, bundleId, topic, newTokens, payload, pushType, priority, expiration,
                collapseId, apnsId);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction for code and tests; the CLI and the panel fill the same fields. */
    public static final class Builder {
        private Credential credential;
        private RawTarget target;
        private String bundleId;
        private String topic;
        private final List<String> tokens = new ArrayList<>();
        private String payload;
        private PushType pushType = PushType.ALERT;
        private Integer priority;
        private Instant expiration;
        private String collapseId;
        private UUID apnsId;

        public Builder credential(Credential c) {
            this.credential = c;
            return this;
        }

        public Builder target(RawTarget t) {
            this.target = t;
            return this;
        }

        public Builder bundleId(String b) {
            this.bundleId = b;
            return this;
        }

        public Builder topic(String t) {
            this.topic = t;
            return this;
        }

        public Builder token(String t) {
            this.tokens.add(Objects.requireNonNull(t, "token"));
            return this;
        }

        public Builder tokens(List<String> t) {
            this.tokens.addAll(t);
            return this;
        }

        public Builder payload(String p) {
            this.payload = p;
            return this;
        }

        public Builder pushType(PushType p) {
            this.pushType = p;
            return this;
        }

        public Builder priority(Integer p) {
            this.priority = p;
            return this;
        }

        public Builder expiration(Instant e) {
            this.expiration = e;
            return this;
        }

        public Builder collapseId(String c) {
            this.collapseId = c;
            return this;
        }

        public Builder apnsId(UUID id) {
            this.apnsId = id;
            return this;
        }

        public RawPush build() {
            return new RawPush(credential, target, bundleId, topic, tokens, payload, pushType, priority, expiration,
                    collapseId, apnsId);
        }
    }
}
