package dev.pushflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tokens endpoint of a real {@code pushflow gateway} process: clients are served concurrently, an idle client or
 * one that never sends its body holds nobody up and is closed by the server, types are checked, and only a loopback
 * Host is served.
 */
@Timeout(240)
class TokensEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        gateway = new ProcessBuilder(ChildJvm.command("dev.pushflow.Main", "gateway", "--exit-after", "200"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine(); // the gateway prints its JSON line once it serves (bounded by @Timeout)
        JsonNode info = JSON.readTree(first);
        String ep = info.get("tokensEndpoint").asText();
        port = Integer.parseInt(ep.replaceAll(".*:(\\d+)/tokens", "$1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    /** One request on a raw socket (any Host can be sent); the status line's code and the body. */
    static String[] request(String method, String path, String host, String body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(60_000);
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\n")
                    + "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
            OutputStream o = s.getOutputStream();
            o.write(head.getBytes(StandardCharsets.US_ASCII));
            o.write(b);
            o.flush();
            String resp = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {resp.substring(9, 12), resp.substring(resp.indexOf("\r\n\r\n") + 4)};
        }
    }

    private static String host() {
        return "127.0.0.1:" + port;
    }

    @Test
    void anIdleClientAndABodyThatNeverComesHoldNobodyUp() throws Exception {
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), port);
             Socket stalled = new Socket(InetAddress.getLoopbackAddress(), port)) {
            stalled.getOutputStream().write(("POST /tokens HTTP/1.1\r\nHost: " + host()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"tok")
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            String[] list = request("GET", "/tokens", host(), null);
            assertEquals("200", list[0], "another client is answered while two connections hang");
            // The server gives up on the stalled request itself (its request time bound): the socket ends.
            stalled.setSoTimeout(120_000);
            idle.setSoTimeout(120_000);
            byte[] rest = stalled.getInputStream().readAllBytes();
            assertTrue(rest.length == 0 || new String(rest, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 "),
                    "closed, or answered with an error");
            assertEquals(-1, idle.getInputStream().read(), "an idle connection is closed by the server");
        }
    }

    @Test
    void clientsAreServedConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String[]>> all = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String token = String.format("%064x", 1000 + i);
                all.add(pool.submit(() -> request("POST", "/tokens", host(), "{\"token\":\"" + token + "\"}")));
            }
            for (Future<String[]> f : all) {
                assertEquals("201", f.get(120, TimeUnit.SECONDS)[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBundleIdOrEnvironmentThatIsNotAStringIsRefused() throws Exception {
        String[] r = request("POST", "/tokens", host(), "{\"token\":\"" + "ab".repeat(32) + "\",\"bundleId\":1}");
        assertEquals("400", r[0]);
        assertTrue(r[1].contains("'bundleId' must be a string, not number"), r[1]);
        r = request("POST", "/tokens", host(), "{\"token\":\"" + "ab".repeat(32) + "\",\"environment\":true}");
        assertEquals("400", r[0]);
        assertTrue(r[1].contains("'environment' must be a string"), r[1]);
        r = request("POST", "/tokens", host(), "{\"token\":\"" + "ab".repeat(32) + "\",\"bundleId\":\"a b\"}");
        assertEquals("400", r[0]);
        assertTrue(r[1].contains("is not a bundle ID"), r[1]);
    }

    @Test
    void onlyALoopbackHostIsServed() throws Exception {
        for (String h : List.of("evil.example", "evil.example:" + port, "127.0.0.1.evil.example", "10.0.0.1", "")) {
            String[] r = request("GET", "/tokens", h, null);
            assertEquals("421", r[0], "Host " + h);
            assertTrue(r[1].contains("Host must be 127.0.0.1, localhost or [::1]"), r[1]);
        }
        for (String h : List.of(host(), "localhost:" + port, "[::1]:" + port, "127.0.0.1")) {
            assertEquals("200", request("GET", "/tokens", h, null)[0], "Host " + h);
        }
    }

    @Test
    void loopbackHostRule() {
        assertTrue(GatewayCommand.loopbackHost("127.0.0.1:1234"));
        assertTrue(GatewayCommand.loopbackHost("LOCALHOST"));
        assertTrue(GatewayCommand.loopbackHost("[::1]:80"));
        assertTrue(!GatewayCommand.loopbackHost("[::1]x"));
        assertTrue(!GatewayCommand.loopbackHost("localhost:abc"));
        assertTrue(!GatewayCommand.loopbackHost(null));
    }
}
