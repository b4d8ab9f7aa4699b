package dev.pushflow.cli;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pushflow gateway}: prints parseable JSON, and a token registered through its HTTP endpoint (or its
 * flag) gets accepted pushes from a real Pushy client, while an unknown token does not.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class GatewayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "5a".repeat(32);

    private Thread command;
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private ApnsClient client;

    /** Starts {@code pushflow gateway ARGS --exit-after 60} in the background and returns its JSON line. */
    private JsonNode startGateway(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "gateway";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--exit-after";
        all[args.length + 2] = "60";
        command = new Thread(() -> exitCode.set(PushFlowCli.run(all, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true))), "gateway-command");
        command.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("\n") || exitCode.get() >= 0);
        assertTrue(exitCode.get() < 0, () -> "the gateway stopped early: " + err);
        String firstLine = out.toString().lines().findFirst().orElseThrow();
        return JSON.readTree(firstLine);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close().get(10, TimeUnit.SECONDS);
        }
        if (command != null) {
            command.interrupt();
            command.join(15_000);
            assertFalse(command.isAlive(), "the gateway command stops when interrupted");
            assertEquals(0, exitCode.get(), () -> "stderr: " + err);
        }
    }

    private ApnsClient pushyClient(JsonNode info, String environment) throws Exception {
        JsonNode key = info.at("/sample/tokenKey");
        return new ApnsClientBuilder()
                .setApnsServer(info.at("/" + environment + "/host").asText(), info.at("/" + environment + "/port").asInt())
                .setTrustedServerCertificateChain(new File(info.get("caFile").asText()))
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(key.get("p8File").asText()),
                        key.get("teamId").asText(), key.get("keyId").asText()))
                .build();
    }

    private PushNotificationResponse<SimpleApnsPushNotification> push(String token) throws Exception {
        return client.sendNotification(new SimpleApnsPushNotification(token, "com.example.chat",
                "{\"aps\":{\"alert\":\"hi from outside\"}}")).get(20, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> http(HttpRequest request) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void printsWhereTheGatewaysListenAndWhatToTrust() throws Exception {
        JsonNode info = startGateway();
        assertEquals("127.0.0.1", info.get("host").asText());
        assertTrue(info.at("/sandbox/port").asInt() > 0);
        assertTrue(info.at("/production/port").asInt() > 0);
        assertTrue(Files.readString(Path.of(info.get("caFile").asText())).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.isRegularFile(Path.of(info.at("/sample/tokenKey/p8File").asText())));
        assertEquals("PFKEY00001", info.at("/sample/tokenKey/keyId").asText());
        assertTrue(info.get("tokensEndpoint").asText().startsWith("http://127.0.0.1:"));
    }

    @Test
    void tokenRegisteredOverHttpGetsAcceptedPushesFromPushy() throws Exception {
        JsonNode info = startGateway();
        client = pushyClient(info, "sandbox");
        assertEquals("BadDeviceToken", push(TOKEN).getRejectionReason().orElse("accepted"),
                "before registration the gateway does not know the token");

        HttpResponse<String> registered = http(HttpRequest.newBuilder(URI.create(info.get("tokensEndpoint").asText()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TOKEN + "\",\"environment\":\"sandbox\","
                        + "\"bundleId\":\"com.example.chat\"}")).build());
        assertEquals(201, registered.statusCode(), registered.body());

        assertTrue(push(TOKEN).isAccepted(), "a registered token gets accepted pushes");

        HttpResponse<String> deleted = http(HttpRequest.newBuilder(
                URI.create(info.get("tokensEndpoint").asText() + "/" + TOKEN + "?environment=sandbox")).DELETE().build());
        assertEquals(200, deleted.statusCode(), deleted.body());
        PushNotificationResponse<SimpleApnsPushNotification> gone = push(TOKEN);
        assertEquals(410, gone.getStatusCode(), "an unregistered token is 410, as after an uninstall");
        assertEquals("Unregistered", gone.getRejectionReason().orElseThrow());
    }

    @Test
    void tokenRegisteredByFlagIsValidInItsEnvironmentOnly() throws Exception {
        JsonNode info = startGateway("--register-token", TOKEN + ":com.example.chat@production");
        assertEquals("production", info.at("/registeredTokens/0/environment").asText());
        client = pushyClient(info, "production");
        assertTrue(push(TOKEN).isAccepted());
        client.close().get(10, TimeUnit.SECONDS);
        client = pushyClient(info, "sandbox");
        assertEquals("BadDeviceToken", push(TOKEN).getRejectionReason().orElse("accepted"),
                "a production token on the sandbox gateway");
    }

    @Test
    void tokenMarkedExpiredByFlagOrEndpointIs410ExpiredToken() throws Exception {
        String other = "ab".repeat(32);
        JsonNode info = startGateway("--expired-token", TOKEN, "--register-token", other, "--idle-timeout", "3600");
        client = pushyClient(info, "sandbox");
        PushNotificationResponse<SimpleApnsPushNotification> expired = push(TOKEN);
        assertEquals(410, expired.getStatusCode());
        assertEquals("ExpiredToken", expired.getRejectionReason().orElseThrow());
        assertTrue(expired.getTokenInvalidationTimestamp().isPresent(), "a 410 carries its timestamp");
        assertTrue(push(other).isAccepted());
        HttpResponse<String> marked = http(HttpRequest.newBuilder(URI.create(info.get("tokensEndpoint").asText()
                + "/" + other + "?environment=sandbox&reason=expired")).DELETE().build());
        assertEquals(200, marked.statusCode(), marked.body());
        assertTrue(marked.body().contains("\"expired\""), marked.body());
        assertEquals("ExpiredToken", push(other).getRejectionReason().orElse("accepted"));
    }

    @Test
    void endpointRefusesBadRequestsWithAReason() throws Exception {
        JsonNode info = startGateway();
        URI tokens = URI.create(info.get("tokensEndpoint").asText());
        HttpResponse<String> notHex = http(HttpRequest.newBuilder(tokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"xyz\"}")).build());
        assertEquals(400, notHex.statusCode());
        assertTrue(notHex.body().contains("hexadecimal"), notHex.body());
        HttpResponse<String> form = http(HttpRequest.newBuilder(tokens)
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build());
        assertEquals(415, form.statusCode(), "JSON only: a web page cannot post here without a CORS preflight");
        HttpResponse<String> unknownEnv = http(HttpRequest.newBuilder(tokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TOKEN + "\",\"environment\":\"staging\"}"))
                .build());
        assertEquals(400, unknownEnv.statusCode());
        assertTrue(unknownEnv.body().contains("unknown APNs environment 'staging'"), unknownEnv.body());
    }

    @Test
    void faultsMakeApnsWeatherAndABadSpecIsAUsageErrorNamingThePart() throws Exception {
        JsonNode info = startGateway("--register-token", TOKEN, "--faults", "500=100%", "--seed", "7");
        assertEquals("500=100%", info.at("/weather/faults").asText());
        client = pushyClient(info, "sandbox");
        PushNotificationResponse<SimpleApnsPushNotification> r = push(TOKEN);
        assertEquals(500, r.getStatusCode());
        assertEquals("InternalServerError", r.getRejectionReason().orElseThrow());
        CliRun bad = CliRun.of("gateway", "--faults", "429=5%,drizzle=1%", "--exit-after", "1");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("drizzle=1%"), bad.err());
    }

    @Test
    void badTokenFlagIsAUsageError() {
        CliRun run = CliRun.of("gateway", "--register-token", "not-a-token", "--exit-after", "1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--register-token not-a-token: the device token has 'n' at position 1"), run.err());
    }
}
