package dev.pushflow.credentials;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.ApnsTopics;
import dev.pushflow.apns.AppleIds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an APNs token key (.p8) may push to. Since 2025 a new key is created in {@value #WHERE} either team-scoped
 * (every topic of the team) or topic-specific (a chosen set of bundle IDs), and for the Sandbox, Production or
 * "Sandbox &amp; Production" environment. The .p8 file does not say which: the user declares it.
 *
 * <p>APNs refuses a key used outside its scope: another environment with 403 {@code BadEnvironmentKeyIdInToken}, a
 * topic whose bundle ID the key does not list with 403 {@code UnrelatedKeyIdInToken}. A topic with a push-type
 * suffix ({@code .voip}, {@code .complication}, {@code .push-type.liveactivity}, ...) belongs to its bundle ID.</p>
 *
 * @param environments the environments the key may push to; never empty
 * @param bundleIds    the bundle IDs of a topic-specific key, sorted; empty = team-scoped (every topic of the team)
 */
public record KeyScope(Set<ApnsEnvironment> environments, Set<String> bundleIds) {

    /** Where the user sees a key's scope. */
    public static final String WHERE = "Certificates, Identifiers & Profiles > Keys";

    /** Keys made before 2025, and the default of a new key: team-scoped, Sandbox &amp; Production. */
    public static final KeyScope TEAM_ALL_ENVIRONMENTS = new KeyScope(EnumSet.allOf(ApnsEnvironment.class), Set.of());


    public KeyScope {
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(bundleIds, "bundleIds");
        if (environments.isEmpty()) {
            throw new IllegalArgumentException("a key scope needs at least one environment");
        }
        environments = Collections.unmodifiableSet(EnumSet.copyOf(environments));
        TreeSet<String> ids = new TreeSet<>();
        for (String id : bundleIds) {
            ids.add(checkBundleId(id));
        }
        bundleIds = Collections.unmodifiableSet(ids);
    }

    /** A team-scoped key (every topic of the team) for the given environments. */
    public static KeyScope team(Set<ApnsEnvironment> environments) {
        return new KeyScope(environments, Set.of());
    }

    /** A topic-specific key: only the given bundle IDs (each checked), in the given environments. */
    public static KeyScope topics(Set<ApnsEnvironment> environments, Collection<String> bundleIds) {
        if (bundleIds.isEmpty()) {
            throw new IllegalArgumentException("a topic-specific key lists at least one bundle ID");
        }
        return new KeyScope(environments, Set.copyOf(bundleIds));
    }

    /**
     * Reads the user's declaration as the developer portal words it.
     *
     * @param environment "sandbox" (also development), "production" or "both" (also "sandbox & production",
     *                    "all"); null or blank = both
     * @param bundleIds   comma-separated bundle IDs of a topic-specific key; null or blank = team-scoped
     * @throws IllegalArgumentException with a sentence naming the bad value and the accepted ones
     */
    public static KeyScope parse(String environment, String bundleIds) {
        Set<ApnsEnvironment> envs = environment == null || environment.isBlank()
                ? EnumSet.allOf(ApnsEnvironment.class) : parseEnvironments(environment);
        if (bundleIds == null || bundleIds.isBlank()) {
            return team(envs);
        }
        return topics(envs, parseBundleIds(bundleIds));
    }

    /** "sandbox" / "development" / "dev", "production" / "prod", or "both" / "all" / "sandbox & production". */
    public static Set<ApnsEnvironment> parseEnvironments(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (t) {
            case "both", "all", "sandbox & production", "sandbox&production", "sandbox+production",
                 "sandbox,production", "production,sandbox" -> EnumSet.allOf(ApnsEnvironment.class);
            case "sandbox", "development", "dev" -> EnumSet.of(ApnsEnvironment.SANDBOX);
            case "production", "prod" -> EnumSet.of(ApnsEnvironment.PRODUCTION);
            default -> throw new IllegalArgumentException("unknown key environment '" + text + "': use sandbox,"
                    + " production or both (a \"Sandbox & Production\" key)");
        };
    }

    /** Comma-separated bundle IDs, each checked; blanks between commas are not allowed. */
    public static List<String> parseBundleIds(String csv) {
        List<String> out = new ArrayList<>();
        String[] parts = (csv == null ? "" : csv).split(",", -1);
        for (String p : parts) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("the key's topics are a comma-separated list of bundle IDs"
                        + " (like com.example.chat,com.example.chat.watchkitapp) with no empty entry; got '"
                        + csv + "'");
            }
            out.add(checkBundleId(p));
        }
        return out;
    }

    /**
     * Checks a bundle ID as a topic-specific key lists it: Apple's characters (A-Z, a-z, 0-9, hyphen, period) and no
     * empty part between periods.
     *
     * @return the bundle ID without surrounding spaces
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static String checkBundleId(String bundleId) {
        return AppleIds.requireBundleId(bundleId);
    }

    public boolean teamScoped() {
        return bundleIds.isEmpty();
    }

    public boolean allEnvironments() {
        return environments.size() == ApnsEnvironment.values().length;
    }

    /** Whether JWTs of this key are accepted by the gateway of {@code environment}. */
    public boolean allows(ApnsEnvironment environment) {
        return environments.contains(environment);
    }

    /** Whether pushes for {@code bundleId} (whatever their push type) are covered. */
    public boolean coversBundle(String bundleId) {
        return teamScoped() || bundleIds.contains(bundleId);
    }

    /**
     * Whether an apns-topic is covered: the topic, or the bundle ID it names once a push-type suffix
     * ({@code .voip}, {@code .complication}, {@code .push-type.liveactivity}, ...) is stripped.
     */
    public boolean coversTopic(String topic) {
        if (teamScoped()) {
            return true;
        }
        if (topic == null) {
            return false;
        }
        return bundleIds.contains(topic) || bundleIds.contains(ApnsTopics.bundleOf(topic));
    }

    /** The environment as the developer portal names it: "Sandbox", "Production" or "Sandbox & Production". */
    public String environmentName() {
        if (allEnvironments()) {
            return "Sandbox & Production";
        }
        return allows(ApnsEnvironment.SANDBOX) ? "Sandbox" : "Production";
    }

    /** "Sandbox, topic-specific (com.example.chat)" or "Sandbox & Production, team-scoped (every topic of the team)". */
    public String describe() {
        return environmentName() + ", " + (teamScoped() ? "team-scoped (every topic of the team)"
                : "topic-specific (" + String.join(", ", bundleIds) + ")");
    }

    @Override
    public String toString() {
        return "KeyScope[" + describe() + "]";
    }
}
