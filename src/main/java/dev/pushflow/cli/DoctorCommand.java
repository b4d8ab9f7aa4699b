package dev.pushflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.doctor.BadDeviceTokenDoctor;
import dev.pushflow.doctor.CredentialInput;
import dev.pushflow.doctor.Diagnosis;
import dev.pushflow.doctor.DoctorRequest;
import dev.pushflow.doctor.Finding;
import dev.pushflow.doctor.Verdict;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.rawsend.RawSender;
import dev.pushflow.rawsend.RawTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * `pushflow doctor`: explains a "bad devicetoken" step by step. With --certificate-id it uses the default workspace
 * console (31287 development, 31288 production) on the embedded gateways; with credential options it diagnoses that
 * credential. Exit 0 when nothing failed, 1 when a step failed, 2 on bad input.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explain why a push to a device token fails (BadDeviceToken and friends).",
                "Example: pushflow doctor --issue-token sandbox --certificate-id 31288 --probe"})
public final class DoctorCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ApnsCredentialOptions credentials;

    @Option(names = "--token", paramLabel = "TOKEN", description = "the device token as the app logged it")
    String token;

    @Option(names = "--issue-token", paramLabel = "sandbox|production",
            description = "embedded only: diagnose a fresh token of that environment (to try the doctor out)")
    String issueToken;

    @Option(names = "--certificate-id", paramLabel = "ID",
            description = "certificate ID of the default workspace console (31287 development, 31288 production)")
    Long certificateId;

    @Option(names = "--gateway", defaultValue = "embedded", paramLabel = "embedded|apple",
            description = "with credential options: where the credential pushes")
    String gateway;

    @Option(names = "--env", defaultValue = "production", paramLabel = "sandbox|production",
            description = "with credential options: the environment the backend pushes to (default production)")
    String env;

    @Option(names = "--port", defaultValue = "443", paramLabel = "443|2197")
    int port;

    @Option(names = "--proxy", paramLabel = "URL", description = "none, system, http://[user[:password]@]host:port"
            + " or socks5://[user[:password]@]host:port, for Apple's hosts; a user without a password reads"
            + " PUSHFLOW_PROXY_PASSWORD")
    String proxy;

    @Option(names = "--bundle", paramLabel = "BUNDLE_ID", description = "the app's bundle ID")
    String bundle;

    @Option(names = "--build", paramLabel = "debug|release", description = "how the app that logged the token was built")
    String build;

    @Option(names = "--debug-certificate-id", paramLabel = "ID",
            description = "the app's TUIOfflinePushCertificateIDForAPNS under #ifdef DEBUG (0 = none)")
    Long debugId;

    @Option(names = "--release-certificate-id", paramLabel = "ID",
            description = "the app's TUIOfflinePushCertificateIDForAPNS for Release (0 = none)")
    Long releaseId;

    @Option(names = "--push-type", defaultValue = "alert", paramLabel = "TYPE")
    String pushType;

    @Option(names = "--probe", description = "send one silent push (background, priority 5, content-available) to"
            + " EACH environment to learn which one the token belongs to")
    boolean probe;

    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    public DoctorCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (certificateId != null && credentials.given()) {
                throw new ApnsCredentialOptions.BadInput("give --certificate-id or a credential, not both");
            }
            if (certificateId != null && credentials.scopeGiven()) {
                throw new ApnsCredentialOptions.BadInput("--key-environment and --key-topics declare the scope of a"
                        + " --p8 key; --certificate-id uses the console's credential as uploaded");
            }
            if ((token == null) == (issueToken == null)) {
                throw new ApnsCredentialOptions.BadInput("give the device token with --token (or, to try the doctor"
                        + " on the embedded gateways, --issue-token sandbox|production)");
            }
            CliChecks.portOnlyForApple(spec, CliGateways.gateway(gateway));
            CliGateways.environment(env);
            if (token != null) {
                CliChecks.noControlCharacters("--token", token);
            }
            if (bundle != null) {
                CliChecks.bundleId("--bundle", bundle);
            }
            BuildConfiguration buildConfiguration = build == null ? null : parseBuild(build);
            Diagnosis d = certificateId != null ? viaConsole(buildConfiguration) : viaCredential(buildConfiguration);
            if (json) {
                out.println(json(d));
            } else {
                out.print(d.toText());
            }
            out.flush();
            return d.verdict() == Verdict.FAIL ? 1 : 0;
        } catch (ApnsCredentialOptions.BadInput e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 2;
        }
    }

    /** The default workspace: its console, its app settings (macros Debug 31287 / Release 31288), its gateways. */
    private Diagnosis viaConsole(BuildConfiguration b) throws ApnsCredentialOptions.BadInput {
        try (PushFlowEngine engine = Engines.startDefault()) {
            var gateways = engine.embeddedGateways().orElseThrow();
            String bundleId = bundle != null ? bundle : engine.appSettings().bundleId();
            String t = token != null ? token : gateways.get(CliGateways.environment(issueToken)).issueToken(bundleId);
            AppSettings app = macros(engine.appSettings());
            var doctor = new BadDeviceTokenDoctor(engine.console(),
                    new RawSender(engine.delivery(), RawSender.directory(gateways)));
            return doctor.diagnose(new DoctorRequest(t, certificateId, null, null, b, app, bundle,
                    SendCommand.pushType(pushType), probe));
        }
    }

    private Diagnosis viaCredential(BuildConfiguration b) throws ApnsCredentialOptions.BadInput {
        CredentialInput source = credentials.source();
        GatewayTarget g = CliGateways.gateway(gateway);
        ApnsEnvironment e = CliGateways.environment(env);
        if (g == GatewayTarget.APPLE && port != 443 && port != 2197) {
            throw new ApnsCredentialOptions.BadInput("Apple's gateways listen on port 443 or 2197, not " + port);
        }
        RawTarget target = g == GatewayTarget.EMBEDDED ? RawTarget.embedded(e) : RawTarget.apple(e, port);
        try (CliGateways gw = new CliGateways(g, CliGateways.proxy(proxy))) {
            if (source instanceof CredentialInput.Ready ready) {
                gw.applyDeclaredScope(ready.credential());
            }
            String t = token;
            if (issueToken != null) {
                if (bundle == null) {
                    throw new ApnsCredentialOptions.BadInput("--issue-token needs --bundle");
                }
                t = gw.issueToken(CliGateways.environment(issueToken), bundle);
            }
            AppSettings app = bundle == null || (debugId == null && releaseId == null) ? null
                    : macros(new AppSettings(bundle, null, java.util.Map.of()));
            var doctor = new BadDeviceTokenDoctor(null, gw.sender);
            return doctor.diagnose(new DoctorRequest(t, null, source, target, b, app, bundle,
                    SendCommand.pushType(pushType), probe));
        }
    }

    private AppSettings macros(AppSettings base) {
        AppSettings a = base;
        if (debugId != null) {
            a = a.withCertificateId(BuildConfiguration.DEBUG, debugId);
        }
        if (releaseId != null) {
            a = a.withCertificateId(BuildConfiguration.RELEASE, releaseId);
        }
        if (bundle != null && !bundle.equals(a.bundleId())) {
            a = new AppSettings(bundle, a.appName(), a.certificateIds());
        }
        return a;
    }

    private static BuildConfiguration parseBuild(String text) throws ApnsCredentialOptions.BadInput {
        try {
            return BuildConfiguration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApnsCredentialOptions.BadInput(e.getMessage());
        }
    }

    static String json(Diagnosis d) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", d.verdict().name());
        root.put("tokenEnvironment", d.tokenEnvironment() == null ? null : d.tokenEnvironment().wireName());
        root.put("conclusion", d.conclusion());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
            ObjectNode n = findings.addObject();
            n.put("step", f.step().name().toLowerCase(java.util.Locale.ROOT));
            n.put("verdict", f.verdict().name());
            n.put("text", f.text());
            n.put("fix", f.fix());
        }
        return root.toString();
    }
}
