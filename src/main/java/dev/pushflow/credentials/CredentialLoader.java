package dev.pushflow.credentials;

import dev.pushflow.apns.AppleIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a user's .p12 certificate or .p8 token key and returns it only when Pushy can use it. Every failure is
 * a {@link CredentialException} whose message says what is wrong and how to fix it; no message contains a
 * password or key material.
 */
public final class CredentialLoader {
    /** Credential files are a few kilobytes; anything above this is the wrong file. */
    static final int MAX_FILE_BYTES = 1 << 20;
    static final String WHERE_TEAM_ID = "Copy it from Membership details in your Apple Developer account"
            + " (developer.apple.com/account); it is also the OU of your push certificates";
    static final String WHERE_KEY_ID = "Copy it from " + P8Reader.WHERE_KEYS
            + "; Apple also puts it in the file name AuthKey_<KEYID>.p8";

    private static final Pattern AUTH_KEY_FILE =
            Pattern.compile("(?i:AuthKey_)([A-Z0-9]{10})(?:\\s*\\(\\d+\\)|-\\d+)?(?i:\\.p8)");

    private CredentialLoader() {
    }

    /** A loaded credential and what the user should know about it (e.g. which of several certificates is used). */
    public record Loaded<C extends Credential>(C credential, List<String> notes) {
        public Loaded {
            notes = List.copyOf(notes);
        }
    }

    // ---- .p12 ----

    /** Opens a .p12 file; the label of the credential is the file name. */
    public static P12Credential loadP12(Path file, char[] password) throws CredentialException {
        return loadP12WithNotes(file, password).credential();
    }

    /** Opens .p12 bytes; {@code label} names them in messages (use the file name). */
    public static P12Credential loadP12(String label, byte[] bytes, char[] password) throws CredentialException {
        return loadP12WithNotes(label, bytes, password).credential();
    }

    public static Loaded<P12Credential> loadP12WithNotes(Path file, char[] password) throws CredentialException {
        return loadP12WithNotes(fileName(file), read(file, ".p12"), password);
    }

    /**
     * Opens .p12 bytes as Pushy will. When the file holds several certificates with keys, the credential keeps
     * only the first push certificate (so Pushy cannot pick another one) and a note says so.
     */
    public static Loaded<P12Credential> loadP12WithNotes(String label, byte[] bytes, char[] password)
            throws CredentialException {
        String name = label == null || label.isBlank() ? "the .p12 file" : label.strip();
        char[] pw = password == null ? new char[0] : password.clone();
        P12Reader.KeyEntry entry = P12Reader.open(name, bytes, pw);
        byte[] p12 = entry.keyEntries() > 1 ? P12Reader.repack(entry, pw) : bytes.clone();
        return new Loaded<>(new P12Credential(name, p12, pw), entry.notes());
    }

    // ---- .p8 ----

    /** Reads a .p8 token key file; the label of the credential is the file name. */
    public static P8Credential loadP8(Path file, String keyId, String teamId) throws CredentialException {
        return loadP8WithNotes(file, keyId, teamId).credential();
    }

    /** Reads .p8 bytes; {@code label} names them in messages and may be the file name AuthKey_<KEYID>.p8. */
    public static P8Credential loadP8(String label, byte[] bytes, String keyId, String teamId)
            throws CredentialException {
        return loadP8WithNotes(label, bytes, keyId, teamId).credential();
    }

    public static Loaded<P8Credential> loadP8WithNotes(Path file, String keyId, String teamId)
            throws CredentialException {
        String name = fileName(file);
        // check the IDs before touching the file: a missing Key ID can be suggested from the name alone
        checkIds(name, keyId, teamId);
        return loadP8WithNotes(name, read(file, ".p8"), keyId, teamId);
    }

    /**
     * Checks the Key ID and Team ID (trimmed; exactly 10 characters of A-Z and 0-9 each), then the key (a PKCS#8
     * PEM "PRIVATE KEY" on EC P-256). The credential holds the key re-encoded as canonical PEM.
     */
    public static Loaded<P8Credential> loadP8WithNotes(String label, byte[] bytes, String keyId, String teamId)
            throws CredentialException {
        return loadP8WithNotes(label, bytes, keyId, teamId, null);
    }

    /**
     * Like {@link #loadP8WithNotes(String, byte[], String, String)}, for a key whose scope the user declared from
     * the developer portal (the .p8 does not say); {@code scope} null = not declared.
     */
    public static Loaded<P8Credential> loadP8WithNotes(String label, byte[] bytes, String keyId, String teamId,
                                                       KeyScope scope) throws CredentialException {
        String name = label == null || label.isBlank() ? "the .p8 file" : label.strip();
        String[] ids = checkIds(name, keyId, teamId);
        P8Reader.Key key = P8Reader.parse(name, bytes);
        List<String> notes = new ArrayList<>();
        keyIdFromFileName(name).filter(fromName -> !fromName.equals(ids[0])).ifPresent(fromName -> notes.add(
                "The file name " + name + " suggests the Key ID " + fromName + ", but " + ids[0] + " was entered."
                        + " If the Key ID is wrong, APNs answers 403 InvalidProviderToken: check it in "
                        + P8Reader.WHERE_KEYS + "."));
        P8Credential credential = new P8Credential(name, key.canonicalPem(), ids[0], ids[1], scope);
        credential.signingKey(); // the way Pushy will read it
        return new Loaded<>(credential, notes);
    }

    /**
     * Reads the scope the user declares for a .p8 key: {@code environment} sandbox, production or both (null =
     * both), {@code bundleIds} comma-separated bundle IDs of a topic-specific key (null = team-scoped).
     *
     * @throws CredentialException naming the bad value and what is accepted
     */
    public static KeyScope keyScope(String environment, String bundleIds) throws CredentialException {
        try {
            return KeyScope.parse(environment, bundleIds);
        } catch (IllegalArgumentException e) {
            throw new CredentialException("The key's scope: " + e.getMessage() + ". Copy it from the key in "
                    + KeyScope.WHERE + ".");
        }
    }

    /**
     * The Key ID in Apple's file name AuthKey_&lt;KEYID&gt;.p8 (also "AuthKey_&lt;KEYID&gt; (1).p8" as browsers
     * rename repeated downloads), to suggest it when the user has not typed one.
     */
    public static Optional<String> keyIdFromFileName(Path file) {
        return file == null || file.getFileName() == null ? Optional.empty()
                : keyIdFromFileName(file.getFileName().toString());
    }

    /** Like {@link #keyIdFromFileName(Path)} for a bare file name or label. */
    public static Optional<String> keyIdFromFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher m = AUTH_KEY_FILE.matcher(fileName.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Returns {keyId, teamId} trimmed, or throws naming the first one that is wrong. */
    private static String[] checkIds(String label, String keyId, String teamId) throws CredentialException {
        Optional<String> fromName = keyIdFromFileName(label);
        String suggestion = fromName.map(k -> " The file name " + label + " suggests the Key ID " + k + ".")
                .orElse("");
        String k = checkId("Key ID", keyId, WHERE_KEY_ID, suggestion);
        String t = checkId("Team ID", teamId, WHERE_TEAM_ID, "");
        if (fromName.isPresent() && t.equals(fromName.get()) && !k.equals(fromName.get())) {
            throw new CredentialException("The Key ID and the Team ID look swapped: the file name " + label
                    + " says the Key ID is " + fromName.get() + ". Enter " + fromName.get() + " as the Key ID and "
                    + k + " as the Team ID if that is your team.");
        }
        if (k.equals(t)) {
            throw new CredentialException("The Key ID and the Team ID are both " + k + ", but they are different"
                    + " IDs. " + WHERE_KEY_ID + ". " + WHERE_TEAM_ID + ".");
        }
        return new String[] {k, t};
    }

    static String checkId(String what, String value, String where, String suggestion) throws CredentialException {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new CredentialException("The " + what + " is missing: it is a 10-character ID of A-Z and 0-9. "
                    + where + "." + suggestion);
        }
        if (AppleIds.isAppleId(v)) {
            return v;
        }
        String shown = v.length() <= 40 && v.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? " \"" + v + "\"" : "";
        int length = v.codePointCount(0, v.length());
        if (length != 10) {
            throw new CredentialException("The " + what + shown + " has " + length + " characters; it must be"
                    + " exactly 10 characters of A-Z and 0-9. " + where + "." + suggestion);
        }
        if (v.chars().anyMatch(Character::isLowerCase) && AppleIds.isAppleId(v.toUpperCase(Locale.ROOT))) {
            throw new CredentialException("The " + what + shown + " has lower-case letters; it must be exactly 10"
                    + " characters of A-Z (upper-case) and 0-9. " + where + "." + suggestion);
        }
        List<String> bad = new ArrayList<>();
        if (v.chars().anyMatch(Character::isLowerCase)) {
            bad.add("lower-case letters");
        }
        if (v.chars().anyMatch(Character::isWhitespace)) {
            bad.add("spaces");
        }
        v.codePoints().filter(c -> !Character.isLowerCase(c) && !Character.isWhitespace(c)
                        && !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                .distinct().limit(5).forEach(c -> bad.add(c < 0x20 || c == 0x7F ? "control characters"
                        : "'" + Character.toString(c) + "'"));
        throw new CredentialException("The " + what + shown + " contains characters that cannot be in it ("
                + String.join(", ", bad.stream().distinct().toList()) + "); it must be exactly 10 characters of A-Z"
                + " and 0-9. " + where + "." + suggestion);
    }

    // ---- files ----

    private static String fileName(Path file) {
        if (file == null) {
            return "the file";
        }
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Reads at most {@link #MAX_FILE_BYTES}, with a message for each way a file can be out of reach. */
    static byte[] read(Path file, String expected) throws CredentialException {
        if (file == null) {
            throw new CredentialException("No " + expected + " file was chosen: choose the " + expected + " file.");
        }
        String shown = file.toAbsolutePath().normalize().toString();
        if (Files.isDirectory(file)) {
            throw new CredentialException(shown + " is a folder, not a " + expected + " file: choose the file inside it.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new CredentialException(shown + " is larger than 1 MB; a " + expected + " credential is a few"
                        + " kilobytes. Choose the " + expected + " file itself.");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new CredentialException("The file " + shown + " does not exist: check the path and the file"
                    + " name.", e);
        } catch (AccessDeniedException e) {
            throw new CredentialException("The file " + shown + " cannot be read (permission denied): allow your"
                    + " user to read it (e.g. chmod u+r) or copy it to a folder of yours.", e);
        } catch (IOException e) {
            throw new CredentialException("The file " + shown + " cannot be read (" + CredentialException.plain(e)
                    + "): check that it exists and that you may read it.", e);
        }
    }
}
