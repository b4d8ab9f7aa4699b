package dev.pushflow.rawsend;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.gateway.EmbeddedGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported curl command, run as-is with the system's curl, gets the same answer as PushFlow. */
class CurlExportTest {
    static final Path CURL = Path.of("/usr/bin/curl");
    static final String BUNDLE = SampleMaterial.BUNDLE_ID;
    static final P8Credential KEY = SampleMaterial.tokenKey();
    static final P12Credential DEV_CERT = SampleMaterial.developmentCertificate();
    static EmbeddedGateways gateways;
    static DeliveryService delivery;
    static RawSender sender;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        gateways = EmbeddedGateways.startDefault();
        delivery = new DeliveryService(RawSender.directory(gateways), 100);
        sender = new RawSender(delivery, RawSender.directory(gateways));
        dir = Files.createTempDirectory("pushflow-curl");
    }

    @AfterAll
    static void stop() throws Exception {
        delivery.close();
        gateways.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    record Answer(int status, String reason) {
    }

    private static CurlExport.Options options() throws Exception {
        Path ca = dir.resolve("embedded-ca.pem");
        Files.write(ca, gateways.trustedServerCaPem());
        return CurlExport.Options.masked().withCaFile(ca).withReveal(true);
    }

    private static Answer viaPushFlow(RawPush push) {
        RawResult r = sender.send(push, Duration.ofSeconds(20)).get(0);
        return new Answer(r.status(), r.reason());
    }

    /** Runs the command with sh, as a user pasting it into a terminal would. */
    private static Answer viaCurl(String command, Map<String, String> env) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CURL), "curl is not installed (apt-get install curl): skipping");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command);
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl did not finish within 30 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        // Not anchored at a line start: curl's progress meter shares stderr and may end just before "< HTTP/2 200".
        Matcher status = Pattern.compile("< HTTP/2 (\\d{3})").matcher(stderr);
        assertTrue(status.find(), () -> "no HTTP/2 status in curl's output:\n" + stderr);
        Matcher reason = Pattern.compile("\"reason\"\\s*:\\s*\"([A-Za-z]+)\"").matcher(stdout);
        return new Answer(Integer.parseInt(status.group(1)), reason.find() ? reason.group(1) : null);
    }

    private static RawPush push(String token) {
        return RawPush.builder().credential(KEY).target(RawTarget.embedded(ApnsEnvironment.SANDBOX)).bundleId(BUNDLE)
                .token(token).payload("{\"aps\":{\"alert\":\"It's curl\"}}").priority(10).build();
    }

    private static Endpoint sandbox() {
        return sender.endpoint(RawTarget.embedded(ApnsEnvironment.SANDBOX));
    }

    @Test
    void curlExportOfAnAcceptedTokenAuthPushGetsTheSameAnswerAsPushFlow() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        String command = CurlExport.commands(push(token), sandbox(), options()).get(0);
        Answer curl = viaCurl(command, Map.of());
        assertEquals(new Answer(200, null), curl, command);
        assertEquals(viaPushFlow(push(token)), curl);
    }

    @Test
    void curlExportOfABadDeviceTokenGetsTheSameRejectionAsPushFlow() throws Exception {
        String production = gateways.production().issueToken(BUNDLE); // unknown to the sandbox
        String command = CurlExport.commands(push(production), sandbox(), options()).get(0);
        Answer curl = viaCurl(command, Map.of());
        assertEquals(new Answer(400, "BadDeviceToken"), curl, command);
        assertEquals(viaPushFlow(push(production)), curl);
    }

    @Test
    void curlExportOfACertificatePushTakesThePasswordFromTheEnvironment() throws Exception {
        String token = gateways.sandbox().issueToken(BUNDLE);
        Path p12 = dir.resolve("client-development.p12");
        Files.write(p12, SampleMaterial.bytes("client-development.p12"));
        RawPush push = push(token);
        push = new RawPush(DEV_CERT, push.target(), BUNDLE, null, push.tokens(), push.payload(), null, null, null,
                null, null);
        String command = CurlExport.commands(push, sandbox(), options().withCertificateFile(p12, "P12_PW")).get(0);
        assertFalse(command.contains(SampleMaterial.P12_PASSWORD), "never the password itself");
        assertTrue(command.contains("${P12_PW}"), command);
        Answer curl = viaCurl(command, Map.of("P12_PW", SampleMaterial.P12_PASSWORD));
        assertEquals(new Answer(200, null), curl, command);
        assertEquals(viaPushFlow(push), curl);
    }

    @Test
    void jwtIsMaskedUnlessRevealedAndHasApplesShape() throws Exception {
        Instant now = Instant.now();
        String jwt = JwtSigner.sign(KEY, now);
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"ES256\",\"kid\":\"PFKEY00001\"}", header);
        assertEquals("{\"iss\":\"PFTEAM0001\",\"iat\":" + now.getEpochSecond() + "}", claims);
        assertEquals(64, java.util.Base64.getUrlDecoder().decode(parts[2]).length, "ES256 in JOSE form is r||s");

        String masked = CurlExport.commands(push("ab".repeat(32)), sandbox(),
                options().withReveal(false)).get(0);
        assertTrue(masked.contains("authorization: bearer " + parts[0] + ".***masked***"), masked);
        assertTrue(masked.startsWith("curl -v --http2"), masked);
        assertTrue(masked.contains("--header \"apns-topic: com.example.chat\""), masked);
        assertTrue(masked.contains("--header \"apns-push-type: alert\""), masked);
        assertTrue(masked.contains("--data '{\"aps\":{\"alert\":\"It'\\''s curl\"}}'"), masked);
        assertTrue(masked.endsWith("/3/device/" + "ab".repeat(32)), masked);
    }
}
