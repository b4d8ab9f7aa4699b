package dev.pushflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushflow.io.BoundedInput;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.ApnsReason;
import dev.pushflow.apns.PushType;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.Credential;
import dev.pushflow.credentials.CredentialException;
import dev.pushflow.rawsend.ApnsFileExport;
import dev.pushflow.rawsend.CurlExport;
import dev.pushflow.rawsend.RawPush;
import dev.pushflow.rawsend.RawResult;
import dev.pushflow.rawsend.RawTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * `pushflow send`: one raw push with every APNs header to one or more tokens; prints one JSON line per token with
 * APNs' answer. Exit 0 when every token was accepted, 1 when any was rejected or unanswered, 2 on bad input.
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send a raw APNs push (like Apple's push console) and print APNs' answer per token.",
                "Example: pushflow send --sample --issue-token sandbox --bundle com.example.chat"
                        + " --payload-json '{\"aps\":{\"alert\":\"Hi\"}}'"})
public final class SendCommand implements Callable<Integer> {
    static final String DEFAULT_PAYLOAD = "{\"aps\":{\"alert\":\"Hello from PushFlow\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ApnsCredentialOptions credentials;

    @Option(names = "--gateway", defaultValue = "embedded", paramLabel = "embedded|apple",
            description = "embedded gateways on 127.0.0.1 (default) or Apple's hosts")
    String gateway;

    @Option(names = "--env", defaultValue = "sandbox", paramLabel = "sandbox|production")
    String env;

    @Option(names = "--port", defaultValue = "443", paramLabel = "443|2197", description = "port of Apple's hosts")
    int port;

    @Option(names = "--proxy", paramLabel = "URL", description = "none, system, http://[user[:password]@]host:port"
            + " or socks5://[user[:password]@]host:port, for Apple's hosts; a user without a password reads"
            + " PUSHFLOW_PROXY_PASSWORD")
    String proxy;

    @Option(names = "--bundle", paramLabel = "BUNDLE_ID", description = "app bundle ID; the topic is derived from it")
    String bundle;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "explicit apns-topic")
    String topic;

    @Option(names = "--token", paramLabel = "HEX", description = "device token (repeatable; spaces and <> are cleaned)")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--issue-token", paramLabel = "sandbox|production",
            description = "embedded only: issue a valid token of that environment for --bundle and send to it")
    String issueToken;

    @Option(names = "--payload", paramLabel = "FILE|-", description = "payload file, or - for stdin")
    String payloadFile;

    @Option(names = "--payload-json", paramLabel = "JSON", description = "payload text")
    String payloadJson;

    @Option(names = "--push-type", defaultValue = "alert", paramLabel = "TYPE",
            description = "alert, background, voip, complication, fileprovider, mdm, location, liveactivity,"
                    + " pushtotalk, widgets, controls")
    String pushType;

    @Option(names = "--priority", paramLabel = "10|5|1")
    Integer priority;

    @Option(names = "--expiration", paramLabel = "EPOCH_SECONDS", description = "0 = try once, don't store")
    Long expiration;

    @Option(names = "--collapse-id", paramLabel = "ID", description = "at most 64 bytes")
    String collapseId;

    @Option(names = "--apns-id", paramLabel = "UUID")
    String apnsId;

    @Option(names = "--curl", description = "print Apple's curl command for each token instead of sending")
    boolean curl;

    @Option(names = "--reveal", description = "with --curl: print the JWT itself instead of masking it")
    boolean reveal;

    @Option(names = "--apns-file", paramLabel = "OUT", description = "also write an .apns file for the Xcode Simulator")
    Path apnsFile;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "wait for APNs' answers")
    int timeoutSeconds;

    public SendCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            GatewayTarget target = CliGateways.gateway(gateway);
            ApnsEnvironment environment = CliGateways.environment(env);
            PushType type = pushType(pushType);
            CliChecks.timeout("--timeout", timeoutSeconds);
            for (String t : tokens) {
                CliChecks.noControlCharacters("--token", t);
            }
            CliChecks.portOnlyForApple(spec, target);
            if (bundle != null) {
                CliChecks.bundleId("--bundle", bundle);
            }
            Credential credential = credentials.load();
            String payload = payload();
            RawTarget rawTarget = target == GatewayTarget.EMBEDDED ? RawTarget.embedded(environment)
                    : RawTarget.apple(environment, checkedPort());
            try (CliGateways gw = new CliGateways(target, CliGateways.proxy(proxy))) {
                gw.applyDeclaredScope(credential);
                List<String> all = new ArrayList<>(tokens);
                if (issueToken != null) {
                    if (bundle == null) {
                        throw new ApnsCredentialOptions.BadInput("--issue-token needs --bundle");
                    }
                    all.add(gw.issueToken(CliGateways.environment(issueToken), bundle));
                }
                RawPush push = new RawPush(credential, rawTarget, bundle, topic, all, payload, type, priority,
                        expiration == null ? null : Instant.ofEpochSecond(expiration), collapseId, uuid(apnsId));
                RawPush.Checked checked = push.check();
                if (!checked.ok()) {
                    checked.problems().forEach(p -> err.println("error: " + p));
                    return 2;
                }
                checked.warnings().forEach(w -> err.println("warning: " + w));
                if (apnsFile != null) {
                    ApnsFileExport.write(push, apnsFile);
                    err.println("wrote " + apnsFile.toAbsolutePath() + " (drag it onto a booted Simulator, or: xcrun"
                            + " simctl push booted " + apnsFile + ")");
                }
                if (curl) {
                    return printCurl(push, gw, out, err);
                }
                List<RawResult> results = gw.sender.send(push, Duration.ofSeconds(timeoutSeconds));
                for (RawResult r : results) {
                    out.println(json(r));
                }
                out.flush();
                return results.stream().allMatch(RawResult::accepted) ? 0 : 1;
            }
        } catch (ApnsCredentialOptions.BadInput | CredentialException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // the gateways could not start, or similar: a sentence, not a stack trace
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 2;
        }
    }

    private int printCurl(RawPush push, CliGateways gw, PrintWriter out, PrintWriter err)
            throws IOException, CredentialException {
        var endpoint = gw.sender.endpoint(push.target());
        CurlExport.Options options = CurlExport.Options.masked().withReveal(reveal);
        if (credentials.p12 != null) {
            options = options.withCertificateFile(credentials.p12.toAbsolutePath(), credentials.passwordVariable());
        }
        if (endpoint.trustedCaPem() != null) {
            Path ca = Files.createTempFile("pushflow-embedded-ca", ".pem");
            Files.write(ca, endpoint.trustedCaPem());
            options = options.withCaFile(ca);
            err.println("note: the embedded gateways stop when this command ends; the curl command below is for"
                    + " gateways started by `pushflow gateway` or a test");
        }
        for (String c : CurlExport.commands(push, endpoint, options)) {
            out.println(c);
            out.println();
        }
        if (!reveal && push.credential() instanceof dev.pushflow.credentials.P8Credential) {
            err.println("note: the JWT is masked; add --reveal to print it (it lets anyone push to your apps for an"
                    + " hour)");
        }
        out.flush();
        return 0;
    }

    private int checkedPort() throws ApnsCredentialOptions.BadInput {
        if (port != 443 && port != 2197) {
            throw new ApnsCredentialOptions.BadInput("Apple's gateways listen on port 443 or 2197, not " + port);
        }
        return port;
    }

    private String payload() throws ApnsCredentialOptions.BadInput, IOException {
        if (payloadFile != null && payloadJson != null) {
            throw new ApnsCredentialOptions.BadInput("give --payload or --payload-json, not both");
        }
        if (payloadJson != null) {
            return payloadJson;
        }
        if (payloadFile == null) {
            return DEFAULT_PAYLOAD;
        }
        try {
            if (payloadFile.equals("-")) {
                return BoundedInput.text(System.in, "the payload on standard input", PAYLOAD_LIMIT);
            }
            return BoundedInput.text(Path.of(payloadFile), "the payload file", PAYLOAD_LIMIT);
        } catch (BoundedInput.InputException e) {
            throw new ApnsCredentialOptions.BadInput("--payload: " + e.getMessage());
        }
    }

    /** APNs takes 4 KiB (5 KiB for VoIP); a larger file is read up to 1 MiB so the check can say by how much. */
    static final int PAYLOAD_LIMIT = BoundedInput.MIB;

    static PushType pushType(String text) throws ApnsCredentialOptions.BadInput {
        try {
            return PushType.fromHeader(text);
        } catch (IllegalArgumentException e) {
            throw new ApnsCredentialOptions.BadInput(e.getMessage() + ": use alert, background, voip, complication,"
                    + " fileprovider, mdm, location, liveactivity, pushtotalk, widgets or controls");
        }
    }

    private static UUID uuid(String text) throws ApnsCredentialOptions.BadInput {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ApnsCredentialOptions.BadInput("--apns-id must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
        }
    }

    /** One line per token, with APNs' names for the fields. */
    static String json(RawResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("token", r.token());
        n.put("status", r.status());
        n.put("apns-id", r.apnsId());
        n.put("apns-unique-id", r.apnsUniqueId());
        n.put("reason", r.reason());
        n.put("timestamp", r.timestamp() == null ? null : r.timestamp().toString());
        n.put("gateway", r.gateway());
        n.put("connection", r.connection() == null ? null : r.connection().describe());
        if (r.failure() != null) {
            n.put("failure", r.failure());
        }
        if (r.rejected()) {
            n.put("explanation", ApnsReason.explain(r.reason()));
        }
        if (!r.notes().isEmpty()) {
            n.putPOJO("notes", r.notes());
        }
        return n.toString();
    }
}
