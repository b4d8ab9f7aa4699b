package dev.pushflow.credentials;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a credential comes from: the one description of a credential's origin that the console, the workspace
 * file, scenarios, the doctor and Raw push share. A loaded {@link Credential} holds bytes, not a path; this is what
 * is carried alongside it (in a {@code CertificateEntry}, a doctor request, a Raw push form) so a workspace can name
 * the file again and a panel can say which file it was, without looking anything up in a shared map.
 *
 * <p>Immutable and secret-free: it never holds a password, only the name of the environment variable a .p12's
 * password is read from ({@code passwordEnv}), so {@link #toString()} is safe to log.</p>
 *
 * @param kind          what sort of credential
 * @param path          the file ({@link Kind#P12} and {@link Kind#P8}); null for samples and in-memory credentials
 * @param passwordEnv   a .p12's password variable; null = an empty password (or typed in the window)
 * @param keyId         a .p8's 10-character Key ID (the doctor also carries wrong ones, to explain them); null otherwise
 * @param teamId        a .p8's 10-character Team ID; null otherwise
 * @param declaredScope the scope the user declared for a .p8 in the developer portal; null = not declared
 * @param label         what lists and logs call it (a file name, "sample token key ..."); never a secret
 */
public record CredentialSource(Kind kind, Path path, String passwordEnv, String keyId, String teamId,
                               KeyScope declaredScope, String label) {

    /** The variable a .p12 loaded in the window names for its password (the CLI's default too). */
    public static final String DEFAULT_PASSWORD_ENV = "PUSHFLOW_P12_PASSWORD";

    public enum Kind {
        /** A .p12 push certificate file. */
        P12,
        /** A .p8 token-auth key file with its Key ID and Team ID. */
        P8,
        /** The TEST-ONLY sample token key that the embedded gateways trust. */
        SAMPLE_P8,
        /** The TEST-ONLY sample development certificate (sandbox only). */
        SAMPLE_P12_DEVELOPMENT,
        /** The TEST-ONLY sample universal certificate (both environments). */
        SAMPLE_P12_UNIVERSAL,
        /** Bytes handed over without a file (a test, a drop): only its label is known. */
        IN_MEMORY
    }

    public CredentialSource {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.P12 || kind == Kind.P8) && path == null) {
            throw new IllegalArgumentException("a " + kind + " credential source needs its file");
        }
        if (label == null || label.isBlank()) {
            label = path != null ? String.valueOf(path.getFileName()) : kind.name().toLowerCase();
        }
    }

    /** A .p12 file whose password is read from {@code passwordEnv} (null: an empty or typed password). */
    public static CredentialSource p12(Path path, String passwordEnv) {
        return new CredentialSource(Kind.P12, path, passwordEnv, null, null, null, null);
    }

    /** A .p8 file with its IDs and declared scope (null: not declared). */
    public static CredentialSource p8(Path path, String keyId, String teamId, KeyScope declaredScope) {
        return new CredentialSource(Kind.P8, path, null, keyId, teamId, declaredScope, null);
    }

    /** The sample token key. */
    public static CredentialSource sampleKey() {
        return new CredentialSource(Kind.SAMPLE_P8, null, null, SampleMaterial.KEY_ID, SampleMaterial.TEAM_ID, null,
                SampleMaterial.tokenKey().label());
    }

    /** A sample .p12: "development" or "universal". */
    public static CredentialSource sampleCertificate(String which) {
        return switch (which) {
            case "development" -> new CredentialSource(Kind.SAMPLE_P12_DEVELOPMENT, null, null, null, null, null,
                    "sample client-development.p12");
            case "universal" -> new CredentialSource(Kind.SAMPLE_P12_UNIVERSAL, null, null, null, null, null,
                    "sample client-universal.p12");
            default -> throw new IllegalArgumentException("sample certificate kind is development or universal, not "
                    + which);
        };
    }

    /** Bytes without a file: only the label is known. */
    public static CredentialSource inMemory(String label) {
        return new CredentialSource(Kind.IN_MEMORY, null, null, null, null, null, label);
    }

    /**
     * The best description of a credential that arrived without one (code and tests that build a
     * {@code CertificateEntry} from a credential): the samples are recognised by their bytes; any other credential
     * takes its label as its file path, the way the window's labels were written before sources were carried.
     */
    public static CredentialSource describing(Credential credential) {
        if (credential instanceof P8Credential p8 && p8.keyId().equals(SampleMaterial.KEY_ID)
                && Arrays.equals(p8.pkcs8(), SampleMaterial.tokenKey().pkcs8())) {
            return sampleKey().withDeclaredScope(p8.scope());
        }
        if (credential instanceof P12Credential p12) {
            for (String which : List.of("development", "universal")) {
                if (Arrays.equals(p12.p12(), SampleMaterial.bytes("client-" + which + ".p12"))) {
                    return sampleCertificate(which);
                }
            }
        }
        return switch (credential) {
            case P12Credential p12 -> new CredentialSource(Kind.P12, Path.of(p12.label()), DEFAULT_PASSWORD_ENV,
                    null, null, null, p12.label());
            case P8Credential p8 -> new CredentialSource(Kind.P8, Path.of(p8.label()), null, p8.keyId(),
                    p8.teamId(), p8.scope(), p8.label());
        };
    }

    /** The file, for the kinds that have one. */
    public Optional<Path> file() {
        return Optional.ofNullable(path);
    }

    public boolean isSample() {
        return kind == Kind.SAMPLE_P8 || kind == Kind.SAMPLE_P12_DEVELOPMENT || kind == Kind.SAMPLE_P12_UNIVERSAL;
    }

    /** The same source with another declared scope (a .p8 whose scope the user changed). */
    public CredentialSource withDeclaredScope(KeyScope scope) {
        return new CredentialSource(kind, path, passwordEnv, keyId, teamId, scope, label);
    }

    /** The same source under another label (the window lists a file by its name). */
    public CredentialSource withLabel(String newLabel) {
        return new CredentialSource(kind, path, passwordEnv, keyId, teamId, declaredScope, newLabel);
    }

    /** One line for lists and logs. */
    public String describe() {
        return switch (kind) {
            case P12 -> ".p12 " + path + (passwordEnv == null ? "" : " (password from " + passwordEnv + ")");
            case P8 -> ".p8 " + path + " (Key ID " + keyId + ", Team ID " + teamId
                    + (declaredScope == null ? "" : ", " + declaredScope.describe()) + ")";
            case SAMPLE_P8 -> "the sample token key " + keyId;
            case SAMPLE_P12_DEVELOPMENT -> "the sample development certificate";
            case SAMPLE_P12_UNIVERSAL -> "the sample universal certificate";
            case IN_MEMORY -> label;
        };
    }

    @Override
    public String toString() {
        return "CredentialSource[" + describe() + "]";
    }
}
