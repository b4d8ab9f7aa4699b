package dev.pushflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pushflow.apns.AppleIds;
import dev.pushflow.afterapns.AfterApns;
import dev.pushflow.afterapns.DeliveryState;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.DeviceTokens;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.gateway.EmbeddedGateway;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.gateway.GatewayNotification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code pushflow gateway}: the embedded sandbox and production gateways on their own, for curl, other
 * APNs clients and real test rigs. Prints where they listen and what to trust as one JSON line, then
 * serves until interrupted (or for {@code --exit-after} seconds).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Starts the embedded APNs sandbox and production gateways on 127.0.0.1 and prints, as one JSON "
                + "line, their host and ports, the CA file to trust, the tokens endpoint and the TEST-ONLY sample "
                + "credentials; then serves until interrupted.",
                "Outside tokens become valid with --register-token or with "
                        + "POST /tokens {\"token\":HEX,\"environment\":\"sandbox\",\"bundleId\":\"com.example.chat\"}; "
                        + "DELETE /tokens/HEX?environment=sandbox makes pushes to it 410 Unregistered, "
                        + "&reason=expired 410 ExpiredToken.",
                "POST /tokens/HEX/network {\"state\":\"offline\"} takes that token's phone offline: APNs answers 200 and"
                        + " stores one notification per app until it is back online (GET shows what it did).",
                "GET /accepted counts the pushes the gateways accepted and their open connections; --accepted-log FILE "
                        + "also writes each one as a line before its 200."})
final class GatewayCommand implements java.util.concurrent.Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--register-token", paramLabel = "HEX[:BUNDLE][@sandbox|production]",
            description = "make a device token valid (default bundle com.example.chat, environment sandbox); repeatable")
    List<String> registerTokens = new ArrayList<>();

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = "port of the tokens endpoint on 127.0.0.1 (default: any free port)")
    int httpPort;

    @Option(names = "--expired-token", paramLabel = "HEX[:BUNDLE][@sandbox|production]",
            description = "make a device token known but expired: pushes to it get 410 ExpiredToken; repeatable")
    List<String> expiredTokens = new ArrayList<>();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "send GOAWAY {\"reason\":\"IdleTimeout\"} to a connection after this many seconds "
                    + "without a request (default 0: never)")
    long idleTimeoutSeconds;

    @Option(names = "--faults", paramLabel = "SPEC",
            description = "APNs weather on both gateways: comma-separated KIND=RATE with KIND 429, 500, 503, shutdown, "
                    + "goaway, reset, stall (e.g. 429=5%%,500=2%%), plus latency=MS[~JITTER] and per-token=N "
                    + "(more than N pushes per token per second: 429 TooManyRequests)")
    String faults;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the --faults plan: the same seed gives the same faults in the same order (default 1)")
    long seed;

    @Option(names = "--exit-after", paramLabel = "SECONDS",
            description = "stop by itself after this many seconds (for tests and bounded CI jobs)")
    Integer exitAfter;

    @Option(names = "--accepted-log", paramLabel = "FILE",
            description = "write one JSON line per accepted push (apnsId, token, environment, status) to FILE before "
                    + "its 200 is written; the file is created or emptied (GET /accepted counts them either way)")
    Path acceptedLogFile;

    /** A token to register: hex, bundle ID and environment. */
    record TokenRegistration(String token, String bundleId, ApnsEnvironment environment) {
        ObjectNode toJson() {
            return JSON.createObjectNode().put("token", token).put("environment", environment.wireName())
                    .put("bundleId", bundleId);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (httpPort < 0 || httpPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--http-port must be 0 (any free port) or "
                    + "1024-65535, not " + httpPort);
        }
        if (exitAfter != null && (exitAfter < 1 || exitAfter > 7 * 24 * 3600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--exit-after must be 1 to 604800 seconds "
                    + "(a week), not " + exitAfter + ": or leave it out to serve until Ctrl-C");
        }
        if (idleTimeoutSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--idle-timeout must be 0 (never) or more seconds");
        }
        if (faults != null) {
            try {
                dev.pushflow.gateway.Weather.parse(faults);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--faults: " + e.getMessage());
            }
        }
        List<TokenRegistration> initial = new ArrayList<>();
        for (String flag : registerTokens) {
            try {
                initial.add(parseFlag(flag));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--register-token " + flag + ": " + e.getMessage());
            }
        }
        List<TokenRegistration> expired = new ArrayList<>();
        for (String flag : expiredTokens) {
            try {
                expired.add(parseFlag(flag));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--expired-token " + flag + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Serving serving = new Serving();
        Thread hook = new Thread(serving::close, "pushflow-gateway-shutdown");
        try {
            serving.start(initial, expired);
            Runtime.getRuntime().addShutdownHook(hook);
            out.println(serving.info());
            out.flush();
            err.println("Gateways serving on 127.0.0.1 (sandbox " + serving.gateways.sandbox().port() + ", production "
                    + serving.gateways.production().port() + "); "
                    + (exitAfter == null ? "Ctrl-C to stop." : "stopping after " + exitAfter + " s."));
            err.flush();
            try {
                if (exitAfter == null) {
                    serving.stopped.await();
                } else {
                    serving.stopped.await(exitAfter, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                // Interrupted is a request to stop, like Ctrl-C: a clean end, not an error.
                Thread.currentThread().interrupt();
            }
            return PushFlowCli.OK;
        } finally {
            serving.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running or ran
            }
        }
    }

    /** {@code HEX[:bundle][@sandbox|production]}. */
    static TokenRegistration parseFlag(String flag) {
        String rest = flag;
        ApnsEnvironment env = ApnsEnvironment.SANDBOX;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            env = ApnsEnvironment.parse(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String bundle = SampleMaterial.BUNDLE_ID;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            bundle = checkBundle(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        return new TokenRegistration(checkToken(rest), bundle, env);
    }

    private static String checkToken(String raw) {
        DeviceTokens.Parsed parsed = DeviceTokens.parse(raw);
        if (!parsed.valid()) {
            throw new IllegalArgumentException(parsed.problem() + ": give the hex token the app logged "
                    + "(64 hex digits today)");
        }
        return parsed.hex();
    }

    private static String checkBundle(String bundle) {
        return AppleIds.requireBundleId(bundle);
    }

    /**
     * Only a loopback name in {@code Host}: a web page that got its own name resolved to 127.0.0.1 (DNS rebinding)
     * sends its own host name and is refused.
     */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0 || !h.substring(1, end).equals("::1")) {
                return false;
            }
            h = h.substring(end + 1);
            return h.isEmpty() || h.matches(":[0-9]{1,5}");
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        String port = colon < 0 ? "" : h.substring(colon);
        return (name.equals("localhost") || name.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}"))
                && (port.isEmpty() || port.matches(":[0-9]{1,5}"));
    }

    /** Each connection is served by its own thread, up to this many at once; more wait in the queue. */
    static final int HTTP_THREADS = 8;

    static {
        // The JDK's HTTP server closes a connection whose request is not in within this time (an idle client, a
        // body that never comes) and one whose answer is not taken; without them one client could hold a thread
        // forever. Seconds; set only if the user did not set them.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "10");
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", "10");
        }
    }

    /** The running gateways, the tokens endpoint and the files written for outside clients. */
    private final class Serving {
        final CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedGateways gateways;
        HttpServer http;
        ExecutorService httpThreads;
        Path dir;
        final List<TokenRegistration> registered = new ArrayList<>();
        private boolean closed;
        /** Every accepted push counted, and written to --accepted-log before its 200. */
        AcceptedLog acceptedLog;
        /** What APNs does after the 200, per token: offline phones (POST /tokens/HEX/network) store one per app. */
        AfterApns afterApns;
        /** token -> its newest delivery states, newest last (bounded), for GET /tokens/HEX/network. */
        private final java.util.Map<String, java.util.ArrayDeque<ObjectNode>> deliveries = new java.util.HashMap<>();

        void start(List<TokenRegistration> initial, List<TokenRegistration> expired) throws IOException {
            try {
                gateways = EmbeddedGateways.startDefault();
            } catch (RuntimeException e) {
                throw new PushFlowCli.CliException(PushFlowCli.INTERNAL_ERROR, "cannot start the gateways: " + e.getMessage());
            }
            if (idleTimeoutSeconds > 0) {
                gateways.setIdleTimeout(java.time.Duration.ofSeconds(idleTimeoutSeconds));
            }
            if (faults != null) {
                gateways.sandbox().setWeather(faults, seed);
                gateways.production().setWeather(faults, seed);
            }
            // Outside clients need files: the CA to trust and the sample credentials live inside the jar.
            removeStaleFolders();
            dir = Files.createTempDirectory("pushflow-gateway-");
            Files.writeString(dir.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
            Files.write(dir.resolve("ca.pem"), gateways.trustedServerCaPem());
            Files.write(dir.resolve(p8Name()), SampleMaterial.bytes(p8Name()));
            Files.write(dir.resolve("client-development.p12"), SampleMaterial.bytes("client-development.p12"));
            Files.write(dir.resolve("client-universal.p12"), SampleMaterial.bytes("client-universal.p12"));
            initial.forEach(this::register);
            Instant now = Instant.now();
            for (TokenRegistration t : expired) {
                register(t);
                gateways.get(t.environment()).expireToken(t.token(), now);
            }
            try {
                acceptedLog = new AcceptedLog(acceptedLogFile);
            } catch (IOException e) {
                String why = e instanceof java.nio.file.NoSuchFileException
                        ? "the accepted log " + acceptedLogFile.toAbsolutePath() + " cannot be created: its folder "
                        + "does not exist; create the folder or give a file in one that exists"
                        : dev.pushflow.delivery.PrivateFiles.describe("the accepted log", acceptedLogFile, e);
                throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, "--accepted-log: " + why);
            }
            // First, so a push is on file before the second stage (or anything else) hears of it.
            gateways.sandbox().addListener(acceptedLog);
            gateways.production().addListener(acceptedLog);
            afterApns = new AfterApns(java.time.Clock.systemUTC(), (n, state) -> { }, this::deliveryState);
            gateways.sandbox().addListener(afterApns);
            gateways.production().addListener(afterApns);
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                        httpPort), 0);
            } catch (IOException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, "--http-port " + httpPort
                        + ": cannot listen on 127.0.0.1:" + httpPort + " (" + why + "): "
                        + (httpPort > 0 && httpPort < 1024 ? "ports below 1024 need privileges; use 0 (any free port)"
                        + " or 1024-65535" : why.contains("in use") ? "another program holds it; use 0 (any free "
                        + "port) or another port" : "use 0 (any free port) or 1024-65535"));
            }
            http.createContext("/tokens", this::tokens);
            http.createContext("/accepted", this::accepted);
            http.createContext("/", this::root);
            httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
                Thread t = new Thread(r, "pushflow-gateway-http");
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(httpThreads);
            http.start();
        }

        synchronized void register(TokenRegistration t) {
            // Registering again also undoes an earlier DELETE: the token is valid from now on.
            gateways.get(t.environment()).registerToken(t.token(), t.bundleId());
            registered.removeIf(r -> r.token().equals(t.token()) && r.environment() == t.environment());
            registered.add(t);
        }

        synchronized String info() throws IOException {
            ObjectNode o = JSON.createObjectNode();
            o.put("host", gateways.sandbox().host());
            o.putObject("sandbox").put("host", gateways.sandbox().host()).put("port", gateways.sandbox().port());
            o.putObject("production").put("host", gateways.production().host()).put("port", gateways.production().port());
            o.put("caFile", dir.resolve("ca.pem").toString());
            o.put("tokensEndpoint", "http://127.0.0.1:" + http.getAddress().getPort() + "/tokens");
            if (acceptedLog.file() != null) {
                o.put("acceptedLog", acceptedLog.file().toAbsolutePath().toString());
            }
            if (faults != null) {
                o.putObject("weather").put("faults", gateways.sandbox().weather().toString()).put("seed", seed);
            }
            ArrayNode tokens = o.putArray("registeredTokens");
            registered.forEach(t -> tokens.add(t.toJson()));
            ObjectNode sample = o.putObject("sample");
            sample.put("note", "TEST-ONLY material from scripts/gen-sample-certs: nothing here works with Apple");
            sample.put("bundleId", SampleMaterial.BUNDLE_ID);
            sample.putObject("tokenKey").put("p8File", dir.resolve(p8Name()).toString())
                    .put("keyId", SampleMaterial.KEY_ID).put("teamId", SampleMaterial.TEAM_ID);
            sample.putObject("developmentCertificate").put("p12File", dir.resolve("client-development.p12").toString())
                    .put("password", SampleMaterial.P12_PASSWORD).put("environments", "sandbox");
            sample.putObject("universalCertificate").put("p12File", dir.resolve("client-universal.p12").toString())
                    .put("password", SampleMaterial.P12_PASSWORD).put("environments", "sandbox, production");
            return JSON.writeValueAsString(o);
        }

        private void root(HttpExchange x) throws IOException {
            try (x) {
                if (!loopbackHost(x.getRequestHeaders().getFirst("Host"))) {
                    respond(x, 421, error("Host must be 127.0.0.1, localhost or [::1] (with the port): this endpoint "
                            + "serves this machine only"));
                } else if (!x.getRequestURI().getPath().equals("/")) {
                    respond(x, 404, error("no such endpoint: use POST /tokens or DELETE /tokens/HEX"));
                } else if (!x.getRequestMethod().equals("GET")) {
                    respond(x, 405, error("only GET is served here: use GET / for the gateways, POST /tokens to "
                            + "register a token"));
                } else {
                    respond(x, 200, info());
                }
            }
        }

        /**
         * GET /accepted: how many pushes the gateways accepted (200) and how many client connections are open; a test
         * that killed its sender waits for 0 connections before it counts, so no request still in the socket is missed.
         */
        private void accepted(HttpExchange x) throws IOException {
            try (x) {
                if (!loopbackHost(x.getRequestHeaders().getFirst("Host"))) {
                    respond(x, 421, error("Host must be 127.0.0.1, localhost or [::1] (with the port): this endpoint "
                            + "serves this machine only"));
                } else if (!x.getRequestMethod().equals("GET") || !x.getRequestURI().getPath().equals("/accepted")) {
                    respond(x, 405, error("use GET /accepted"));
                } else {
                    ObjectNode o = JSON.createObjectNode().put("accepted", acceptedLog.accepted())
                            .put("openConnections", gateways.sandbox().openConnections()
                                    + gateways.production().openConnections());
                    if (acceptedLog.file() != null) {
                        o.put("acceptedLog", acceptedLog.file().toAbsolutePath().toString())
                                .put("unwritten", acceptedLog.unwritten());
                        if (acceptedLog.writeProblem() != null) {
                            o.put("problem", acceptedLog.writeProblem());
                        }
                    }
                    respond(x, 200, JSON.writeValueAsString(o));
                }
            }
        }

        /** POST /tokens registers a token; DELETE /tokens/HEX?environment=... makes APNs answer 410 for it. */
        private void tokens(HttpExchange x) throws IOException {
            try (x) {
                if (!loopbackHost(x.getRequestHeaders().getFirst("Host"))) {
                    respond(x, 421, error("Host must be 127.0.0.1, localhost or [::1] (with the port): this endpoint "
                            + "serves this machine only"));
                    return;
                }
                try {
                    String path = x.getRequestURI().getPath();
                    String method = x.getRequestMethod();
                    if (path.startsWith("/tokens/") && path.endsWith("/network")) {
                        network(x, path.substring("/tokens/".length(), path.length() - "/network".length()));
                    } else if (method.equals("POST") && (path.equals("/tokens") || path.equals("/tokens/"))) {
                        post(x);
                    } else if (method.equals("DELETE") && path.startsWith("/tokens/")) {
                        delete(x, path.substring("/tokens/".length()));
                    } else if (method.equals("GET") && path.equals("/tokens")) {
                        ArrayNode list = JSON.createArrayNode();
                        synchronized (this) {
                            registered.forEach(t -> list.add(t.toJson()));
                        }
                        respond(x, 200, JSON.writeValueAsString(list));
                    } else {
                        respond(x, 405, error("use POST /tokens, GET /tokens or DELETE /tokens/HEX?environment=sandbox"));
                    }
                } catch (IllegalArgumentException e) {
                    // A bad token, environment or bundle ID: the message says which.
                    respond(x, 400, error(e.getMessage()));
                }
            }
        }

        private void post(HttpExchange x) throws IOException {
            String type = x.getRequestHeaders().getFirst("Content-Type");
            // Requiring JSON keeps browsers from posting here from a web page without a CORS preflight.
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                respond(x, 415, error("send Content-Type: application/json"));
                return;
            }
            JsonNode body;
            try (InputStream in = x.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    respond(x, 413, error("body over " + MAX_BODY + " bytes: send one small JSON object (a token, its "
                            + "environment and bundle ID)"));
                    return;
                }
                body = JSON.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                respond(x, 400, error("body is not JSON: " + e.getOriginalMessage() + ": send one JSON object like "
                        + "{\"token\":HEX,\"environment\":\"sandbox\",\"bundleId\":\"com.example.chat\"}"));
                return;
            }
            if (body == null || !body.isObject()) {
                respond(x, 400, error("body must be a JSON object: {\"token\":HEX,\"environment\":\"sandbox\","
                        + "\"bundleId\":\"com.example.chat\"}"));
                return;
            }
            var names = body.fieldNames();
            while (names.hasNext()) {
                String k = names.next();
                if (!List.of("token", "environment", "bundleId").contains(k)) {
                    respond(x, 400, error("unknown key '" + k + "': use token, environment, bundleId"));
                    return;
                }
            }
            if (!body.path("token").isTextual()) {
                respond(x, 400, error("'token' (a hex string) is required: send {\"token\":\"<hex the app logged>\"}"));
                return;
            }
            for (String k : List.of("environment", "bundleId")) {
                if (body.has(k) && !body.get(k).isTextual()) {
                    respond(x, 400, error("'" + k + "' must be a string, not " + body.get(k).getNodeType()
                            .name().toLowerCase(Locale.ROOT) + (k.equals("bundleId") ? ": like \"com.example.chat\""
                            : ": \"sandbox\" or \"production\"")));
                    return;
                }
            }
            ApnsEnvironment env = body.has("environment") ? ApnsEnvironment.parse(body.get("environment").textValue())
                    : ApnsEnvironment.SANDBOX;
            String bundle = body.has("bundleId") ? checkBundle(body.get("bundleId").textValue()) : SampleMaterial.BUNDLE_ID;
            TokenRegistration t = new TokenRegistration(checkToken(body.get("token").textValue()), bundle, env);
            register(t);
            spec.commandLine().getErr().println("registered " + t.environment().wireName() + " token "
                    + DeviceTokens.abbreviate(t.token()) + " for " + t.bundleId());
            respond(x, 201, JSON.writeValueAsString(t.toJson()));
        }

        private void delete(HttpExchange x, String rawToken) throws IOException {
            String query = x.getRequestURI().getQuery();
            ApnsEnvironment env = ApnsEnvironment.SANDBOX;
            boolean expire = false;
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("environment=")) {
                        env = ApnsEnvironment.parse(pair.substring("environment=".length()));
                    } else if (pair.equals("reason=expired")) {
                        expire = true; // 410 ExpiredToken instead of 410 Unregistered
                    } else if (pair.startsWith("reason=") && !pair.equals("reason=unregistered")) {
                        throw new IllegalArgumentException("reason must be unregistered (the default) or expired, not '"
                                + pair.substring("reason=".length()) + "'");
                    }
                }
            }
            String token = checkToken(rawToken);
            EmbeddedGateway g = gateways.get(env);
            if (!g.knows(token)) {
                respond(x, 404, error("the " + env.wireName() + " gateway does not know token " + token
                        + ": register it first (POST /tokens), or name its environment with ?environment="));
                return;
            }
            Instant now = Instant.now();
            if (expire) {
                g.expireToken(token, now);
            } else {
                g.unregisterToken(token, now);
            }
            respond(x, 200, JSON.writeValueAsString(JSON.createObjectNode().put("token", token)
                    .put("environment", env.wireName()).put(expire ? "expired" : "unregistered", now.toString())));
        }

        /**
         * POST /tokens/HEX/network {"state":"offline"|"online","environment"?}: the phone with that token goes offline
         * (APNs answers 200 and stores one notification per app) or back online (the stored one is delivered);
         * GET shows its state and what APNs did with its latest notifications.
         */
        private void network(HttpExchange x, String rawToken) throws IOException {
            String token = checkToken(rawToken);
            ApnsEnvironment env = ApnsEnvironment.SANDBOX;
            String method = x.getRequestMethod();
            if (method.equals("POST")) {
                JsonNode body = jsonBody(x, "{\"state\":\"offline\",\"environment\":\"sandbox\"}");
                if (body == null) {
                    return;
                }
                var names = body.fieldNames();
                while (names.hasNext()) {
                    String k = names.next();
                    if (!List.of("state", "environment").contains(k)) {
                        respond(x, 400, error("unknown key '" + k + "': use state, environment"));
                        return;
                    }
                }
                String state = body.path("state").asText("");
                if (!state.equals("online") && !state.equals("offline")) {
                    respond(x, 400, error("'state' is \"online\" or \"offline\", not '" + state + "'"));
                    return;
                }
                env = body.has("environment") ? ApnsEnvironment.parse(body.get("environment").asText()) : env;
                afterApns.setOnline(new AfterApns.DeviceKey(env, token), state.equals("online"));
                spec.commandLine().getErr().println(env.wireName() + " token " + DeviceTokens.abbreviate(token)
                        + " is now " + state);
            } else if (method.equals("GET")) {
                String query = x.getRequestURI().getQuery();
                if (query != null && query.startsWith("environment=")) {
                    env = ApnsEnvironment.parse(query.substring("environment=".length()));
                }
            } else {
                respond(x, 405, error("use POST /tokens/HEX/network {\"state\":\"offline\"} or GET /tokens/HEX/network"));
                return;
            }
            AfterApns.DeviceView view = afterApns.view(new AfterApns.DeviceKey(env, token));
            ObjectNode o = JSON.createObjectNode().put("token", token).put("environment", env.wireName())
                    .put("state", view.online() ? "online" : "offline").put("storedAtApns", view.stored());
            ArrayNode list = o.putArray("deliveries");
            synchronized (deliveries) {
                deliveries.getOrDefault(env.wireName() + "/" + token, new java.util.ArrayDeque<>()).forEach(list::add);
            }
            respond(x, 200, JSON.writeValueAsString(o));
        }

        /** Each state APNs gives a notification (called on gateway threads and the HTTP thread: quick). */
        private void deliveryState(GatewayNotification n, DeliveryState state) {
            ObjectNode line = JSON.createObjectNode().put("apnsId", n.apnsId()).put("deliveryState", state.code())
                    .put("time", Instant.now().toString());
            synchronized (deliveries) {
                var list = deliveries.computeIfAbsent(n.environment().wireName() + "/" + n.token(),
                        k -> new java.util.ArrayDeque<>());
                if (n.apnsId() != null) { // without an apns-id header a push cannot be followed: each state is a line
                    list.removeIf(old -> n.apnsId().equals(old.path("apnsId").asText(null)));
                }
                list.addLast(line);
                while (list.size() > 20) {
                    list.removeFirst();
                }
            }
        }

        /** The request's JSON object body, or null after answering what is wrong with it. */
        private JsonNode jsonBody(HttpExchange x, String example) throws IOException {
            String type = x.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                respond(x, 415, error("send Content-Type: application/json"));
                return null;
            }
            JsonNode body;
            try (InputStream in = x.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    respond(x, 413, error("body over " + MAX_BODY + " bytes"));
                    return null;
                }
                body = JSON.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                respond(x, 400, error("body is not JSON: " + e.getOriginalMessage()));
                return null;
            }
            if (body == null || !body.isObject()) {
                respond(x, 400, error("body must be a JSON object: " + example));
                return null;
            }
            return body;
        }

        private static String error(String message) {
            return JSON.createObjectNode().put("error", message).toString();
        }

        private static void respond(HttpExchange x, int status, String body) throws IOException {
            byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            x.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = x.getResponseBody()) {
                os.write(bytes);
            }
        }

        /** Idempotent: Ctrl-C (shutdown hook) and the normal end both get here. */
        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            stopped.countDown();
            if (http != null) {
                http.stop(0);
                httpThreads.shutdownNow();
            }
            if (gateways != null) {
                gateways.close();
            }
            if (acceptedLog != null) {
                acceptedLog.close();
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }
        }
    }

    /**
     * Folders of earlier runs that could not clean up (kill -9, power loss): removed when the process that made them
     * (its pid file) is gone. Folders of running gateways and folders without a pid file are left alone.
     */
    private static void removeStaleFolders() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("pushflow-gateway-") && Files.isDirectory(d))
                    .forEach(d -> {
                        try {
                            long pid = Long.parseLong(Files.readString(d.resolve("pid")).trim());
                            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                                return;
                            }
                            try (Stream<Path> files = Files.walk(d)) {
                                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                            }
                        } catch (IOException | RuntimeException e) {
                            // no pid file or unreadable: not ours to remove
                        }
                    });
        } catch (IOException | RuntimeException e) {
            // the temp folder cannot be listed: nothing to clean
        }
    }

    private static String p8Name() {
        return "AuthKey_" + SampleMaterial.KEY_ID + ".p8";
    }
}
