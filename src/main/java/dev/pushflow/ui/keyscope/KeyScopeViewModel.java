package dev.pushflow.ui.keyscope;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.KeyScope;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scope of a .p8 token key as the user declares it from the developer portal: the .p8 file does not say. Since
 * 2025 a key is made for the Sandbox, Production or "Sandbox &amp; Production" environment, and either team-scoped
 * (every topic of the team) or topic-specific (some bundle IDs). The defaults are what a key made before 2025 is, and
 * what the portal proposes: Sandbox &amp; Production, team-scoped.
 *
 * <p>{@link #scopeProperty()} is the declared scope, or null while the bundle-ID list does not read; then
 * {@link #errorProperty()} says why, in a sentence for an inline message.</p>
 */
public final class KeyScopeViewModel {
    /** Where the user reads a key's scope, for the hint under the fields. */
    public static final String HINT = "As shown for the key in Certificates, Identifiers & Profiles → Keys";

    /** The portal's Environment choice. */
    public enum Environments {
        BOTH("Sandbox & Production", "both", EnumSet.allOf(ApnsEnvironment.class)),
        SANDBOX("Sandbox only", "sandbox", EnumSet.of(ApnsEnvironment.SANDBOX)),
        PRODUCTION("Production only", "production", EnumSet.of(ApnsEnvironment.PRODUCTION));

        private final String label;
        private final String word;
        private final Set<ApnsEnvironment> environments;

        Environments(String label, String word, Set<ApnsEnvironment> environments) {
            this.label = label;
            this.word = word;
            this.environments = environments;
        }

        /** "both", "sandbox" or "production", as the CLI's --key-environment and the remembered form spell it. */
        public String word() {
            return word;
        }

        public Set<ApnsEnvironment> environments() {
            return EnumSet.copyOf(environments);
        }

        static Environments of(Set<ApnsEnvironment> envs) {
            return envs.size() == ApnsEnvironment.values().length ? BOTH
                    : envs.contains(ApnsEnvironment.SANDBOX) ? SANDBOX : PRODUCTION;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The portal's key restriction: every topic of the team, or a list of bundle IDs. */
    public enum Topics {
        TEAM("Team-scoped"), SPECIFIC("Topic-specific");

        private final String label;

        Topics(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ObjectProperty<Environments> environment = new SimpleObjectProperty<>(Environments.BOTH);
    private final ObjectProperty<Topics> topics = new SimpleObjectProperty<>(Topics.TEAM);
    private final StringProperty bundleIds = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<KeyScope> scope = new ReadOnlyObjectWrapper<>(KeyScope.TEAM_ALL_ENVIRONMENTS);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public KeyScopeViewModel() {
        for (Observable o : new Observable[]{environment, topics, bundleIds}) {
            o.addListener(x -> update());
        }
        update();
    }

    private void update() {
        Environments env = environment.get() == null ? Environments.BOTH : environment.get();
        if (topics.get() != Topics.SPECIFIC) {
            set(KeyScope.team(env.environments()), "");
            return;
        }
        try {
            List<String> ids = bundleIdList(bundleIds.get());
            if (ids.isEmpty()) {
                set(null, "A topic-specific key lists its bundle IDs: give them, separated by commas (like"
                        + " com.example.chat, com.example.chat.watchkitapp), or choose Team-scoped.");
                return;
            }
            set(KeyScope.topics(env.environments(), ids), "");
        } catch (IllegalArgumentException e) {
            set(null, "Key topics: " + e.getMessage() + ".");
        }
    }

    /** Commas or line breaks separate bundle IDs; empty entries (a trailing comma) are dropped, each ID is checked. */
    static List<String> bundleIdList(String text) {
        List<String> out = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,;\\n]")) {
            if (!part.isBlank()) {
                String id = KeyScope.checkBundleId(part);
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private void set(KeyScope s, String message) {
        error.set(message);
        scope.set(s);
    }

    /** Fills the fields from a scope (a remembered form); null = the defaults. */
    public void show(KeyScope s) {
        KeyScope shown = s == null ? KeyScope.TEAM_ALL_ENVIRONMENTS : s;
        environment.set(Environments.of(shown.environments()));
        if (!shown.teamScoped()) {
            bundleIds.set(String.join(", ", shown.bundleIds()));
        }
        topics.set(shown.teamScoped() ? Topics.TEAM : Topics.SPECIFIC);
    }

    /**
     * Fills the fields from remembered words: {@code environment} "both", "sandbox" or "production" (anything else:
     * both), {@code bundleIds} the topic-specific list as typed (null or blank: team-scoped). A list that no longer
     * reads is shown as it was, with its message.
     */
    public void restore(String environmentWord, String bundleIdText) {
        Environments env = Environments.BOTH;
        for (Environments e : Environments.values()) {
            if (e.word.equals(environmentWord == null ? "" : environmentWord.strip().toLowerCase(Locale.ROOT))) {
                env = e;
            }
        }
        environment.set(env);
        boolean specific = bundleIdText != null && !bundleIdText.isBlank();
        bundleIds.set(specific ? bundleIdText.strip() : "");
        topics.set(specific ? Topics.SPECIFIC : Topics.TEAM);
    }

    /** The bundle-ID list to remember: the text as typed for a topic-specific key, null for a team-scoped one. */
    public String rememberedBundleIds() {
        return topics.get() == Topics.SPECIFIC && !bundleIds.get().isBlank() ? bundleIds.get().strip() : null;
    }

    /** The portal's Environment. */
    public ObjectProperty<Environments> environmentProperty() {
        return environment;
    }

    /** Team-scoped or topic-specific. */
    public ObjectProperty<Topics> topicsProperty() {
        return topics;
    }

    /** The bundle IDs of a topic-specific key, as typed: separated by commas or line breaks. */
    public StringProperty bundleIdsProperty() {
        return bundleIds;
    }

    /** The declared scope; null while the bundle-ID list does not read (see {@link #errorProperty()}). */
    public ReadOnlyObjectProperty<KeyScope> scopeProperty() {
        return scope.getReadOnlyProperty();
    }

    /** What is wrong with the bundle-ID list, for an inline message; "" when the scope reads. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
