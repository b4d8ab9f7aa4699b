package dev.pushflow.ui.rawpush;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Raw push form as remembered between runs (raw-push.json in the config folder). It has no field for a
 * password or key material on purpose: only where the credential is (a certificate ID or a file path) and the
 * .p8's Key ID and Team ID, which every JWT carries in clear anyway, and the scope declared for the .p8 (not a secret:
 * the developer portal shows it to the whole team).
 *
 * @param keyEnvironment the .p8's declared environment: "both", "sandbox" or "production"
 * @param keyTopics      the bundle IDs of a topic-specific .p8 as typed; null = team-scoped
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RawPushForm(String source, Long certificateId, String credentialFile, String keyId, String teamId,
                          String gateway, Integer applePort, String bundleId, String topic, List<String> tokens,
                          String payload, String pushType, String priority, String expiration, String collapseId,
                          String apnsId, String keyEnvironment, String keyTopics) {
    static final String FILE_NAME = "raw-push.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Path file(Path configDir) {
        return configDir.resolve(FILE_NAME);
    }

    /** The remembered form, or empty when there is none or it does not read (a stale file is ignored). */
    public static Optional<RawPushForm> load(Path configDir) {
        Path f = file(configDir);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(f.toFile(), RawPushForm.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Atomic and owner-only (0600, the folder 0700), like every config file. */
    public void save(Path configDir) throws IOException {
        dev.pushflow.delivery.PrivateFiles.write(file(configDir), JSON.writeValueAsBytes(this));
    }
}
