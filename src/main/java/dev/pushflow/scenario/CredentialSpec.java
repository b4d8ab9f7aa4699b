package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushflow.apns.AppleIds;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialException;
import dev.pushflow.credentials.CredentialLoader;
import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.credentials.SecretStore;
import dev.pushflow.credentials.WrongPasswordException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a workspace file names a console credential, read into and written from the one {@link CredentialSource}:
 * the sample token key, a .p12 whose password comes from an environment variable, or a .p8 with its Key ID and Team
 * ID. Files are named, never embedded, and passwords are never written: a workspace file can be committed.
 */
public final class CredentialSpec {

    /** The variable a .p12 loaded in the window names for its password (the CLI's default too). */
    public static final String DEFAULT_PASSWORD_ENV = CredentialSource.DEFAULT_PASSWORD_ENV;

    private CredentialSpec() {
    }

    /** Loads the credential, passwords from {@code env} only; the message says what is wrong with the file or the password. */
    public static Credential resolve(CredentialSource source, UnaryOperator<String> env) throws ScenarioException {
        return resolve(source, env, null);
    }

    /**
     * Loads the credential. A .p12 password the user chose to remember in {@code stored} (may be null) comes first,
     * then the variable the source names. Failures are {@link Unavailable}, which says why.
     */
    public static Credential resolve(CredentialSource source, UnaryOperator<String> env, SecretStore stored)
            throws Unavailable {
        return switch (source.kind()) {
            case SAMPLE_P8 -> SampleMaterial.tokenKey();
            case SAMPLE_P12_DEVELOPMENT -> SampleMaterial.p12("client-development.p12");
            case SAMPLE_P12_UNIVERSAL -> SampleMaterial.p12("client-universal.p12");
            case P12 -> resolveP12(source.path(), source.passwordEnv(), env, stored);
            case P8 -> resolveP8(source);
            case IN_MEMORY -> throw new Unavailable(Reason.UNUSABLE, source.label()
                    + " was not loaded from a file, so it cannot be loaded again: load it from its file", null);
        };
    }

    /** Why a credential cannot be loaded now: each has its own fix. */
    public enum Reason {
        /** A .p12 whose password is neither remembered nor in its environment variable. */
        PASSWORD_NOT_AVAILABLE,
        /** The remembered or given password does not open the .p12 (exported again?). */
        WRONG_PASSWORD,
        /** The file is not there any more (moved, renamed, deleted). */
        FILE_MISSING,
        /** Anything else: unreadable, damaged, the wrong kind of file. */
        UNUSABLE
    }

    /** A credential that cannot be loaded now; the message never holds a password. */
    public static final class Unavailable extends ScenarioException {
        private final Reason reason;

        public Unavailable(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** The JSON form, with paths written relative to {@code baseDir} when they lie under it. */
    public static JsonNode toJson(CredentialSource source, Path baseDir) {
        return switch (source.kind()) {
            case SAMPLE_P8 -> JsonNodeFactory.instance.textNode("sample");
            case SAMPLE_P12_DEVELOPMENT -> JsonNodeFactory.instance.textNode("sample-p12-development");
            case SAMPLE_P12_UNIVERSAL -> JsonNodeFactory.instance.textNode("sample-p12-universal");
            case P12 -> {
                ObjectNode o = JsonNodeFactory.instance.objectNode().put("p12", relative(baseDir, source.path()));
                if (source.passwordEnv() != null) {
                    o.put("passwordEnv", source.passwordEnv());
                }
                yield o;
            }
            case P8 -> JsonNodeFactory.instance.objectNode().put("p8", relative(baseDir, source.path()))
                    .put("keyId", source.keyId()).put("teamId", source.teamId());
            // nothing names it again; the label at least says what it was
            case IN_MEMORY -> JsonNodeFactory.instance.objectNode().put("p12", source.label())
                    .put("passwordEnv", DEFAULT_PASSWORD_ENV);
        };
    }

    /**
     * A .p12; the password is read from the environment variable {@code passwordEnv} (none: an empty password),
     * unless the user chose to remember it in the GUI's {@link SecretStore}.
     */
    private static Credential resolveP12(Path path, String passwordEnv, UnaryOperator<String> env, SecretStore stored)
            throws Unavailable {
        byte[] bytes = read(path);
        Optional<char[]> remembered = stored == null ? Optional.empty() : stored.p12Password(path);
        char[] password = new char[0];
        String from = passwordEnv == null ? "no passwordEnv: the password is empty" : "password from " + passwordEnv;
        if (remembered.isPresent()) {
            password = remembered.get();
            from = "the password remembered in " + SecretStore.FILE_NAME;
        } else if (passwordEnv != null) {
            String value = env.apply(passwordEnv);
            if (value == null) {
                throw new Unavailable(Reason.PASSWORD_NOT_AVAILABLE, "the password of " + path
                        + " comes from the environment variable " + passwordEnv + ", which is not set"
                        + (stored == null ? "" : stored.readProblem() != null ? ", and " + stored.readProblem()
                        : ", and it is not remembered on this computer"), null);
            }
            password = value.toCharArray();
        }
        try {
            // The label is the full path, as the window's list showed it before.
            return CredentialLoader.loadP12(path.toString(), bytes, password);
        } catch (WrongPasswordException e) {
            throw new Unavailable(Reason.WRONG_PASSWORD, e.getMessage() + " (" + from + ")", e);
        } catch (CredentialException e) {
            throw new Unavailable(Reason.UNUSABLE, e.getMessage() + " (" + from + ")", e);
        }
    }

    /** A .p8 token-auth key with its 10-character Key ID and Team ID. */
    private static Credential resolveP8(CredentialSource source) throws Unavailable {
        try {
            P8Credential key = CredentialLoader.loadP8(source.path().toString(), read(source.path()), source.keyId(),
                    source.teamId());
            return source.declaredScope() == null ? key : key.withScope(source.declaredScope());
        } catch (CredentialException e) {
            throw new Unavailable(Reason.UNUSABLE, e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads {@code "sample"}, {@code {"p12":..., "passwordEnv":...}} or {@code {"p8":..., "keyId":..., "teamId":...}}.
     * {@code filesMustExist} false: a missing file is reported when the credential is loaded, not here (the GUI's own
     * workspace keeps the rest when a file moved).
     */
    static CredentialSource read(Fields parent, String key, Path baseDir, boolean filesMustExist) throws ScenarioException {
        JsonNode v = parent.raw(key);
        if (v == null || v.isNull()) {
            throw parent.error("'" + key + "' is required: \"sample\", {\"p12\": FILE, \"passwordEnv\": VAR} or "
                    + "{\"p8\": FILE, \"keyId\": ..., \"teamId\": ...}");
        }
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "sample":
                    return CredentialSource.sampleKey();
                case "sample-p12-development":
                    return CredentialSource.sampleCertificate("development");
                case "sample-p12-universal":
                    return CredentialSource.sampleCertificate("universal");
                default:
                    break;
            }
            throw parent.error(key, "'" + v.textValue() + "' is not a credential: use \"sample\", "
                    + "\"sample-p12-development\", \"sample-p12-universal\", "
                    + "{\"p12\": FILE, \"passwordEnv\": VAR} or {\"p8\": FILE, \"keyId\": ..., \"teamId\": ...}");
        }
        Fields f = parent.child(key, v);
        if (f.has("p12")) {
            f.allowOnly(List.of("p12", "passwordEnv"));
            String env = f.optString("passwordEnv");
            if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw f.error("passwordEnv", "'" + env + "' is not an environment variable name (the password itself"
                        + " never goes into the file)");
            }
            return CredentialSource.p12(existing(f, "p12", baseDir, filesMustExist), env);
        }
        if (f.has("p8")) {
            f.allowOnly(List.of("p8", "keyId", "teamId"));
            String keyId = f.string("keyId");
            String teamId = f.string("teamId");
            if (!AppleIds.isAppleId(keyId)) {
                throw f.error("keyId", "'" + keyId + "' is not a Key ID: Apple's are 10 characters, A-Z and 0-9");
            }
            if (!AppleIds.isAppleId(teamId)) {
                throw f.error("teamId", "'" + teamId + "' is not a Team ID: Apple's are 10 characters, A-Z and 0-9");
            }
            return CredentialSource.p8(existing(f, "p8", baseDir, filesMustExist), keyId, teamId, null);
        }
        throw f.error("a credential object needs 'p12' (with 'passwordEnv') or 'p8' (with 'keyId' and 'teamId')");
    }

    /** Relative paths are resolved against the folder of the file that names them. */
    private static Path existing(Fields f, String key, Path baseDir, boolean mustExist) throws ScenarioException {
        String name = f.string(key);
        Path p = baseDir == null ? Path.of(name) : baseDir.resolve(name);
        p = p.normalize();
        if (mustExist && !Files.isRegularFile(p)) {
            throw f.error(key, "no such file: " + p + (Path.of(name).isAbsolute() ? ""
                    : " (relative paths start at the folder of this file)"));
        }
        return p;
    }

    private static byte[] read(Path path) throws Unavailable {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new Unavailable(Reason.FILE_MISSING, "no such file: " + path, e);
        } catch (IOException e) {
            throw new Unavailable(Reason.UNUSABLE, "cannot read " + path + ": " + plain(e), e);
        }
    }

    private static String relative(Path baseDir, Path path) {
        if (baseDir != null) {
            Path base = baseDir.toAbsolutePath().normalize();
            Path abs = path.toAbsolutePath().normalize();
            if (abs.startsWith(base)) {
                return base.relativize(abs).toString();
            }
        }
        return path.toString();
    }

    private static String plain(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
