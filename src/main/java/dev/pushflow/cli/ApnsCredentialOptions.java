package dev.pushflow.cli;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialException;
import dev.pushflow.credentials.CredentialLoader;
import dev.pushflow.credentials.CredentialSource;
import dev.pushflow.credentials.KeyScope;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.doctor.CredentialInput;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The credential options `send` and `doctor` share. A .p12 password is read from an environment variable, never
 * from the command line, where it would end up in the shell history and the process list. A .p8 key's scope (2025:
 * one environment, or some bundle IDs) is not in the file: --key-environment and --key-topics declare it.
 */
public final class ApnsCredentialOptions {
    /** Where --password-env is looked up; tests replace it (they cannot set real environment variables). */
    static UnaryOperator<String> environment = System::getenv;

    @Option(names = "--p12", paramLabel = "FILE", description = "push certificate (.p12); password from --password-env")
    Path p12;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "environment variable holding the .p12 password (default: PUSHFLOW_P12_PASSWORD)")
    String passwordEnv;

    @Option(names = "--p8", paramLabel = "FILE", description = "token key AuthKey_<KEYID>.p8")
    Path p8;

    @Option(names = "--key-id", paramLabel = "KEYID", description = "10-character Key ID of the .p8")
    String keyId;

    @Option(names = "--team-id", paramLabel = "TEAMID", description = "10-character Team ID")
    String teamId;

    @Option(names = "--key-environment", paramLabel = "sandbox|production|both",
            description = "with --p8: the environment the key was created for in the developer portal (keys made"
                    + " since 2025 may be Sandbox or Production only; default both)")
    String keyEnvironment;

    @Option(names = "--key-topics", paramLabel = "BUNDLE[,BUNDLE...]",
            description = "with --p8: the bundle IDs of a topic-specific key (default: team-scoped, every app of the"
                    + " team)")
    String keyTopics;

    @Option(names = "--sample", arity = "0..1", fallbackValue = "p8", paramLabel = "KIND",
            description = "TEST-ONLY sample credential: p8 (default), development, universal, expired, untrusted,"
                    + " nokey; works only with the embedded gateways")
    String sample;

    /** Thrown for options that do not fit together; the commands print it and exit 2. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    boolean given() {
        return p12 != null || p8 != null || sample != null;
    }

    /** Whether --key-environment or --key-topics was given. */
    boolean scopeGiven() {
        return keyEnvironment != null || keyTopics != null;
    }

    /**
     * The scope declared with --key-environment / --key-topics; {@code null} when neither was given (undeclared).
     * Each bad value is named with its option.
     */
    KeyScope declaredScope() throws BadInput {
        if (!scopeGiven()) {
            return null;
        }
        Set<ApnsEnvironment> environments;
        try {
            environments = keyEnvironment == null ? EnumSet.allOf(ApnsEnvironment.class)
                    : KeyScope.parseEnvironments(keyEnvironment);
        } catch (IllegalArgumentException e) {
            throw new BadInput("--key-environment: " + e.getMessage());
        }
        if (keyTopics == null) {
            return KeyScope.team(environments);
        }
        try {
            return KeyScope.topics(environments, KeyScope.parseBundleIds(keyTopics));
        } catch (IllegalArgumentException e) {
            throw new BadInput("--key-topics: " + e.getMessage());
        }
    }

    String passwordVariable() {
        return passwordEnv == null || passwordEnv.isBlank() ? "PUSHFLOW_P12_PASSWORD" : passwordEnv.strip();
    }

    /** The one credential chosen, as a source the doctor can load (and explain when loading fails). */
    CredentialInput source() throws BadInput {
        int chosen = (p12 != null ? 1 : 0) + (p8 != null ? 1 : 0) + (sample != null ? 1 : 0);
        if (chosen != 1) {
            throw new BadInput(chosen == 0 ? "choose a credential: --p12 FILE --password-env VAR, --p8 FILE --key-id"
                    + " KEYID --team-id TEAMID, or --sample" : "choose only one of --p12, --p8 and --sample");
        }
        boolean p8Chosen = p8 != null || (sample != null && sample.strip().equalsIgnoreCase("p8"));
        if (scopeGiven() && !p8Chosen) {
            throw new BadInput("--key-environment and --key-topics declare the scope of a .p8 token key: use them"
                    + " with --p8 (or --sample p8); a certificate's environment and topics are read from the .p12");
        }
        KeyScope scope = declaredScope();
        if (sample != null) {
            String kind = sample.strip().toLowerCase(Locale.ROOT);
            if (kind.equals("p8")) {
                return new CredentialInput.Ready(SampleMaterial.tokenKey().withScope(scope));
            }
            if (!java.util.List.of("development", "universal", "expired", "untrusted", "nokey").contains(kind)) {
                throw new BadInput("unknown --sample " + sample + ": use p8, development, universal, expired,"
                        + " untrusted or nokey");
            }
            String file = "client-" + kind + ".p12";
            return new CredentialInput.P12File(file, SampleMaterial.bytes(file),
                    SampleMaterial.P12_PASSWORD.toCharArray());
        }
        if (p12 != null) {
            String password = environment.apply(passwordVariable());
            if (password == null) {
                throw new BadInput("the .p12 password is read from the environment variable " + passwordVariable()
                        + ", which is not set: export " + passwordVariable() + "=... (or name another with"
                        + " --password-env)");
            }
            try {
                byte[] bytes = readFile(p12, ".p12");
                return new CredentialInput.P12File(CredentialSource.p12(p12.toAbsolutePath().normalize(), passwordVariable())
                        .withLabel(p12.getFileName().toString()), bytes, password.toCharArray());
            } catch (CredentialException e) {
                throw new BadInput(e.getMessage());
            }
        }
        String kid = keyId;
        if (kid == null) {
            kid = CredentialLoader.keyIdFromFileName(p8).orElse(null);
        }
        try {
            return new CredentialInput.P8File(CredentialSource.p8(p8.toAbsolutePath().normalize(), kid, teamId, scope)
                    .withLabel(p8.getFileName().toString()), readFile(p8, ".p8"));
        } catch (CredentialException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** Loads the credential for sending; every loader message is bad input. */
    Credential load() throws BadInput {
        try {
            return switch (source()) {
                case CredentialInput.Ready r -> r.credential();
                case CredentialInput.P12File f -> CredentialLoader.loadP12(f.label(), f.bytes(), f.password());
                case CredentialInput.P8File f -> CredentialLoader.loadP8WithNotes(f.label(), f.bytes(), f.keyId(),
                        f.teamId(), f.scope()).credential();
            };
        } catch (CredentialException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** A .p12 or .p8 is a few KiB; 1 MiB bounds what a wrong path (a log, /dev/zero) can cost. */
    static final int CREDENTIAL_LIMIT = dev.pushflow.io.BoundedInput.MIB;

    private static byte[] readFile(Path file, String kind) throws CredentialException {
        try {
            return dev.pushflow.io.BoundedInput.bytes(file, "the " + kind + " file", CREDENTIAL_LIMIT);
        } catch (dev.pushflow.io.BoundedInput.InputException e) {
            throw new CredentialException(e.getMessage());
        }
    }
}
