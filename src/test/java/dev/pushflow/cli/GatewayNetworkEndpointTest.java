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
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pushflow gateway}'s POST /tokens/HEX/network: an outside backend takes a token's phone offline, gets 200s
 * from a real Pushy client, and sees APNs store one notification and deliver it when the phone is back.
 */
@Timeout(90)
class GatewayNetworkEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "6b".repeat(32);

    private Thread command;
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private ApnsClient client;

    private JsonNode startGateway() {
        String[] args = {"gateway", "--register-token", TOKEN, "--exit-after", "60"};
        command = new Thread(() -> exitCode.set(PushFlowCli.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true))), "gateway-command");
        command.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("\n") || exitCode.get() >= 0);
        assertTrue(exitCode.get() < 0, () -> "the gateway stopped early: " + err);
        try {
            return JSON.readTree(out.toString().lines().findFirst().orElseThrow());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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
        }
    }

    private static HttpResponse<String> http(HttpRequest request) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> network(JsonNode info, String body) throws Exception {
        return http(HttpRequest.newBuilder(URI.create(info.get("tokensEndpoint").asText() + "/" + TOKEN + "/network"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private PushNotificationResponse<SimpleApnsPushNotification> push(String text) throws Exception {
        // with an apns-id of our own, so the push can be followed through the second stage
        return client.sendNotification(new SimpleApnsPushNotification(TOKEN, "com.example.chat",
                "{\"aps\":{\"alert\":\"" + text + "\"}}", java.time.Instant.now().plusSeconds(3600),
                com.eatthepath.pushy.apns.DeliveryPriority.IMMEDIATE, com.eatthepath.pushy.apns.PushType.ALERT, null,
                java.util.UUID.randomUUID())).get(20, TimeUnit.SECONDS);
    }

    @Test
    void anOfflineTokenGets200sWhileApnsStoresTheNewestAndDeliversItWhenBackOnline() throws Exception {
        JsonNode info = startGateway();
        JsonNode key = info.at("/sample/tokenKey");
        client = new ApnsClientBuilder()
                .setApnsServer(info.at("/sandbox/host").asText(), info.at("/sandbox/port").asInt())
                .setTrustedServerCertificateChain(new File(info.get("caFile").asText()))
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(key.get("p8File").asText()),
                        key.get("teamId").asText(), key.get("keyId").asText()))
                .build();

        HttpResponse<String> offline = network(info, "{\"state\":\"offline\"}");
        assertEquals(200, offline.statusCode(), offline.body());
        assertEquals("offline", JSON.readTree(offline.body()).get("state").asText());

        PushNotificationResponse<SimpleApnsPushNotification> first = push("one");
        PushNotificationResponse<SimpleApnsPushNotification> second = push("two");
        assertTrue(first.isAccepted() && second.isAccepted(), "APNs answers 200 to an offline phone");
        JsonNode stored = JSON.readTree(http(HttpRequest.newBuilder(URI.create(info.get("tokensEndpoint").asText()
                + "/" + TOKEN + "/network")).GET().build()).body());
        assertEquals(1, stored.get("storedAtApns").asInt(), stored.toString());
        assertEquals("discarded-replaced", stateOf(stored, first.getApnsId().toString()));
        assertEquals("stored-offline", stateOf(stored, second.getApnsId().toString()));

        JsonNode online = JSON.readTree(network(info, "{\"state\":\"online\",\"environment\":\"sandbox\"}").body());
        assertEquals(0, online.get("storedAtApns").asInt());
        assertEquals("delivered-from-storage", stateOf(online, second.getApnsId().toString()));
    }

    @Test
    void badNetworkRequestsSayWhatIsWrong() throws Exception {
        JsonNode info = startGateway();
        HttpResponse<String> bad = network(info, "{\"state\":\"airplane\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("'state' is \\\"online\\\" or \\\"offline\\\""), bad.body());
        HttpResponse<String> unknown = network(info, "{\"state\":\"offline\",\"signal\":0}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown key 'signal'"), unknown.body());
        HttpResponse<String> notJson = http(HttpRequest.newBuilder(URI.create(info.get("tokensEndpoint").asText()
                + "/" + TOKEN + "/network")).POST(HttpRequest.BodyPublishers.ofString("state=offline")).build());
        assertEquals(415, notJson.statusCode());
        HttpResponse<String> badToken = http(HttpRequest.newBuilder(URI.create(info.get("tokensEndpoint").asText()
                + "/xyz/network")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"offline\"}")).build());
        assertEquals(400, badToken.statusCode());
    }

    private static String stateOf(JsonNode view, String apnsId) {
        for (JsonNode d : view.get("deliveries")) {
            if (apnsId.equalsIgnoreCase(d.get("apnsId").asText())) {
                return d.get("deliveryState").asText();
            }
        }
        return "(none for " + apnsId + " in " + view + ")";
    }
}
