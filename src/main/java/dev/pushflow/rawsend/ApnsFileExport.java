package dev.pushflow.rawsend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The push as an {@code .apns} file: drag it onto a booted Xcode Simulator, or run
 * {@code xcrun simctl push booted file.apns}. The "Simulator Target Bundle" key says which app receives it.
 */
public final class ApnsFileExport {
    public static final String TARGET_BUNDLE_KEY = "Simulator Target Bundle";

    private ApnsFileExport() {
    }

    /** The file's text: the payload's object with "Simulator Target Bundle" added, pretty-printed. */
    public static String toJson(String payload, String bundleId) {
        List<String> problems = Payloads.problems(payload, null);
        if (!problems.isEmpty()) {
            throw new InvalidRawPushException(problems);
        }
        if (bundleId == null || bundleId.isBlank()) {
            throw new InvalidRawPushException(List.of("The .apns file needs the app's bundle ID for"
                    + " \"Simulator Target Bundle\"."));
        }
        try {
            JsonNode node = Payloads.JSON.readTree(payload);
            ((ObjectNode) node).put(TARGET_BUNDLE_KEY, bundleId.strip());
            return Payloads.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new InvalidRawPushException(List.of("The payload is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    public static String toJson(RawPush push) {
        return toJson(push.payload(), push.effectiveBundleId());
    }

    /** Writes the file (UTF-8) and returns its path. */
    public static Path write(RawPush push, Path file) throws IOException {
        Files.writeString(file, toJson(push), StandardCharsets.UTF_8);
        return file;
    }
}
