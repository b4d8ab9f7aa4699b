package dev.pushflow.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.engine.DeviceTokenAuthority;
import dev.pushflow.engine.PushFlowEngine;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The sender of {@link LoadKillNineTest}: a load run ({@link LoadRun}, the real engine, {@link DeliveryService} and a
 * file-backed {@link DeliveryLog}) against a {@code pushflow gateway} running in another process, whose one JSON
 * line is the second argument. Its phones' tokens are registered there through the tokens endpoint. Prints
 * {@code shown <seq>} for every record a listener (the window's path) was told of, and runs until it is killed.
 */
public final class ExternalGatewayLoadChild {
    private ExternalGatewayLoadChild() {
    }

    public static void main(String[] args) throws Exception {
        Path logFile = Path.of(args[0]);
        JsonNode info = new ObjectMapper().readTree(args[1]);
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);

        byte[] ca = Files.readAllBytes(Path.of(info.get("caFile").asText()));
        String host = info.get("host").asText();
        Map<ApnsEnvironment, Endpoint> endpoints = new EnumMap<>(ApnsEnvironment.class);
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            int port = info.get(env.wireName()).get("port").asInt();
            endpoints.put(env, new Endpoint(host, port, ca, "external " + env.wireName() + " " + host + ":" + port));
        }
        URI tokens = URI.create(info.get("tokensEndpoint").asText());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        DeviceTokenAuthority authority = new DeviceTokenAuthority() {
            @Override
            public String issueToken(ApnsEnvironment environment, String bundleId) {
                String token = DeviceTokenAuthority.NONE.issueToken(environment, bundleId);
                register(environment, bundleId, token);
                return token;
            }

            @Override
            public void register(ApnsEnvironment environment, String bundleId, String token) {
                String body = "{\"token\":\"" + token + "\",\"environment\":\"" + environment.wireName()
                        + "\",\"bundleId\":\"" + bundleId + "\"}";
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(tokens).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("the gateway refused token " + token + ": " + r.body());
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot reach the tokens endpoint " + tokens + ": " + e, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }

            @Override
            public void uninstall(ApnsEnvironment environment, String token, Instant when) {
                // a load run never uninstalls
            }
        };

        DeliveryLog log = DeliveryLog.open(logFile);
        Object lock = new Object();
        log.addListener(r -> {
            synchronized (lock) {
                out.println("shown " + r.seq());
                out.flush(); // what the parent reads is what a view showed
            }
        });
        PushFlowEngine engine = new PushFlowEngine(new DeliveryService(endpoints::get,
                DeliveryService.DEFAULT_MAX_IN_FLIGHT), log, authority, null);
        LoadRun run = new LoadRun(engine, new LoadOptions(users, LoadOptions.MAX_MESSAGES, 0.2, 0, seed));
        run.prepare();
        synchronized (lock) {
            out.println("ready");
            out.flush();
        }
        run.run(p -> { }, 1_000, Duration.ofMinutes(10)); // until killed
    }
}
