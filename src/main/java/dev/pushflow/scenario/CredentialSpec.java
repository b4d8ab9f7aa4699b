package dev.pushflow.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushflow.apns.AppleIds;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialException;
import dev.pushflow.credentials.CredentialLoader;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.credentials.SecretStore;
import dev.pushflow.credentials.WrongPasswordException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a workspace file names a console credential: the sample token key, a .p12 whose password comes
 * from an environment variable, or a .p8 with its Key ID and Team ID. Files are named, never embedded,
 * and passwords are never written: a workspace file can be committed.
 */
public sealed interface CredentialSpec {

    /** The variable a .p12 loaded in the window names for its password (the CLI's default too). */
    String DEFAULT_PASSWORD_ENV = "PUSHFLOW_P12_PASSWORD";

    /** Loads the credential, passwords from {@code env} only; the message says what is wrong with the file or the password. */
    default Credential resolve(UnaryOperator<String> env) throws ScenarioException {
        return resolve(env, null);
    }

    /**
     * Loads the credential. A .p12 password the user chose to remember in {@code stored} (may be null) comes first,
     * then the variable the spec names. Failures are {@link Unavailable}, which says why.
     */
    Credential resolve(UnaryOperator<String> env, SecretStore stored) throws Unavailable;

    /** Why a credential cannot be loaded now: each has its own fix. */
    enum Reason {
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
    final class Unavailable extends ScenarioException {
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
    JsonNode toJson(Path baseDir);

    /** The TEST-ONLY sample token key (.p8) that the embedded gateways trust. */
    record Sample() implements CredentialSpec {
        @Override
        public Credential resolve(UnaryOperator<String> env, SecretStore stored) {
            return SampleMaterial.tokenKey();
        }

        @Override
        public JsonNode toJson(Path baseDir) {
            return JsonNodeFactory.instance.textNode("sample");
        }
    }

    /**
     * A TEST-ONLY sample .p12 push certificate: "development" (sandbox only, as Apple's development
     * certificates) or "universal" (both environments). Its password is public and needs no variable.
     */
    record SampleCertificate(String kind) implements CredentialSpec {
        public SampleCertificate {
            if (!kind.equals("development") && !kind.equals("universal")) {
                throw new IllegalArgumentException("sample certificate kind is development or universal, not " + kind);
            }
        }

        @Override
        public Credential resolve(UnaryOperator<String> env, SecretStore stored) {
            return SampleMaterial.p12("client-" + kind + ".p12");
        }

        @Override
        public JsonNode toJson(Path baseDir) {
            return JsonNodeFactory.instance.textNode("sample-p12-" + kind);
        }
    }

    /**
     * A .p12 push certificate; the password is read from the environment variable {@code passwordEnv} (none: an
     * empty password), unless the user chose to remember it in the GUI's {@link SecretStore}.
     */
    record P12File(Path path, String passwordEnv) implements CredentialSpec {
        @Override
        public Credential resolve(UnaryOperator<String> env, SecretStore stored) throws Unavailable {
            byte[] bytes = read(path);
            Optional<char[]> remembered = stored == null ? Optional.empty() : stored.p12Password(path);
            char[] password = new char[0];
            String source = passwordEnv == null ? "no passwordEnv: the password is empty" : "password from " + passwordEnv;
            if (remembered.isPresent()) {
                password = remembered.get();
                source = "the password remembered in " + SecretStore.FILE_NAME;
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
            P12Credential credential;
            try {
                // The label is the full path, so a saved workspace can name the file again.
                credential = CredentialLoader.loadP12(path.toString(), bytes, password);
            } catch (WrongPasswordException e) {
                throw new Unavailable(Reason.WRONG_PASSWORD, e.getMessage() + " (" + source + ")", e);
            } catch (CredentialException e) {
                throw new Unavailable(Reason.UNUSABLE, e.getMessage() + " (" + source + ")", e);
            }
            remember(credential, this);
            return credential;
        }

        @Override
        public JsonNode toJson(Path baseDir) {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("p12", relative(baseDir, path));
            if (passwordEnv != null) {
                o.put("passwordEnv", passwordEnv);
            }
            return o;
        }
    }

    /** A .p8 token-auth key with its 10-character Key ID and Team ID. */
    record P8File(Path path, String keyId, String teamId) implements CredentialSpec {
        @Override
        public Credential resolve(UnaryOperator<String> env, SecretStore stored) throws Unavailable {
            P8Credential credential;
            try {
                credential = CredentialLoader.loadP8(path.toString(), read(path), keyId, teamId);
            } catch (CredentialException e) {
                throw new Unavailable(Reason.UNUSABLE, e.getMessage(), e);
            }
            remember(credential, this);
            return credential;
        }

        @Override
        public JsonNode toJson(Path baseDir) {
            return JsonNodeFactory.instance.objectNode().put("p8", relative(baseDir, path))
                    .put("keyId", keyId).put("teamId", teamId);
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads {@code "sample"}, {@code {"p12":..., "passwordEnv":...}} or {@code {"p8":..., "keyId":..., "teamId":...}}.
     * {@code filesMustExist} false: a missing file is reported when the credential is loaded, not here (the GUI's own
     * workspace keeps the rest when a file moved).
     */
    static CredentialSpec read(Fields parent, String key, Path baseDir, boolean filesMustExist) throws ScenarioException {
        JsonNode v = parent.raw(key);
        if (v == null || v.isNull()) {
            throw parent.error("'" + key + "' is required: \"sample\", {\"p12\": FILE, \"passwordEnv\": VAR} or "
                    + "{\"p8\": FILE, \"keyId\": ..., \"teamId\": ...}");
        }
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "sample":
                    return new Sample();
                case "sample-p12-development":
                    return new SampleCertificate("development");
                case "sample-p12-universal":
                    return new SampleCertificate("universal");
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
            return new P12File(existing(f, "p12", baseDir, filesMustExist), env);
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
            return new P8File(existing(f, "p8", baseDir, filesMustExist), keyId, teamId);
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

    // ------------------------------------------------------------------ capture

    /**
     * Credentials hold bytes, not paths; this remembers which spec produced which credential so a
     * workspace can be saved again. The GUI calls it for credentials it loads from files.
     */
    static void remember(Credential credential, CredentialSpec spec) {
        CredentialOrigins.MAP.put(credential, spec);
    }

    /**
     * For a credential the window loaded from {@code file}: how a saved workspace names it again (the absolute path;
     * a .p12 with a password names {@value #DEFAULT_PASSWORD_ENV}, and the window may also have remembered it).
     */
    static CredentialSpec rememberFile(Credential credential, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        CredentialSpec spec = switch (credential) {
            case P12Credential p12 -> new P12File(abs, p12.password() == null || p12.password().length == 0
                    ? null : DEFAULT_PASSWORD_ENV);
            case P8Credential p8 -> new P8File(abs, p8.keyId(), p8.teamId());
        };
        remember(credential, spec);
        return spec;
    }

    /**
     * The spec behind a credential of the console: a remembered one, the sample key, or, for
     * credentials loaded elsewhere, their label taken as the file path (a .p12's password variable
     * defaults to PUSHFLOW_P12_PASSWORD).
     */
    static CredentialSpec of(Credential credential) {
        CredentialSpec known = CredentialOrigins.MAP.get(credential);
        if (known != null) {
            return known;
        }
        if (credential instanceof P8Credential p8 && p8.keyId().equals(SampleMaterial.KEY_ID)
                && Arrays.equals(p8.pkcs8(), SampleMaterial.tokenKey().pkcs8())) {
            return new Sample();
        }
        if (credential instanceof P12Credential p12) {
            for (String kind : List.of("development", "universal")) {
                if (Arrays.equals(p12.p12(), SampleMaterial.bytes("client-" + kind + ".p12"))) {
                    return new SampleCertificate(kind);
                }
            }
        }
        return switch (credential) {
            case P12Credential p12 -> new P12File(Path.of(p12.label()), DEFAULT_PASSWORD_ENV);
            case P8Credential p8 -> new P8File(Path.of(p8.label()), p8.keyId(), p8.teamId());
        };
    }
}
