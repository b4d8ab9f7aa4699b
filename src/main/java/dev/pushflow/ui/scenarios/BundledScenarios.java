package dev.pushflow.ui.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example scenarios that ship with PushFlow (the repository's {@code scenarios/} folder, packed into the jar):
 * each with its name and its one-line purpose (the file's {@code description}), ready to play in the panel.
 */
public final class BundledScenarios {
    /** One example: its file name, its title, what it shows, and its text. */
    public record Example(String file, String name, String purpose, String json) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BundledScenarios() {
    }

    /** Every bundled example, sorted by title; an empty list when the build has none (never an error). */
    public static List<Example> list() {
        URL url = BundledScenarios.class.getResource("/scenarios/");
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return read(fs.getPath("/scenarios"));
            }
            return read(Path.of(uri));
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<Example> read(Path dir) throws IOException {
        List<Example> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                String json = Files.readString(f, StandardCharsets.UTF_8);
                try {
                    JsonNode root = MAPPER.readTree(json);
                    String file = f.getFileName().toString();
                    out.add(new Example(file, root.path("name").asText(file), root.path("description").asText(""),
                            json));
                } catch (IOException e) {
                    // an example that does not read is left out of the list
                }
            }
        }
        out.sort(Comparator.comparing(Example::name, String.CASE_INSENSITIVE_ORDER));
        return List.copyOf(out);
    }
}
