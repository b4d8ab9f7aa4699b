package dev.pushflow.gateway;

import com.eatthepath.pushy.apns.ApnsClient;
import dev.pushflow.credentials.SampleMaterial;
import io.netty.handler.codec.http2.Http2FrameStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static dev.pushflow.gateway.GatewayTestSupport.ALERT;
import static dev.pushflow.gateway.GatewayTestSupport.BUNDLE;
import static dev.pushflow.gateway.GatewayTestSupport.Push;
import static dev.pushflow.gateway.GatewayTestSupport.assertAccepted;
import static dev.pushflow.gateway.GatewayTestSupport.assertRejected;
import static dev.pushflow.gateway.GatewayTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** APNs weather end to end: Pushy for the answered faults, our frame client for the ones that answer nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WeatherGatewayTest {
    private static final long NOW = System.currentTimeMillis();
    private static EmbeddedGateways gateways;
    private static final GatewayTestSupport.Clients clients = new GatewayTestSupport.Clients();
    private static ApnsClient pushy;

    @BeforeAll
    static void start() throws Exception {
        // a fixed clock: the per-token limit counts per second, and a test must not depend on where a second ends
        gateways = EmbeddedGateways.start(GatewayConfig.sample().withEventLoopThreads(1), () -> NOW);
        pushy = clients.with(gateways.sandbox(), SampleMaterial.tokenKey().signingKey());
    }

    @AfterEach
    void clear() {
        gateways.sandbox().clearWeather();
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        if (gateways != null) {
            gateways.close();
        }
    }

    private static String token() {
        return gateways.sandbox().issueToken(BUNDLE);
    }

    @Test
    void answeredFaultsCarryApplesStatusAndReason() throws Exception {
        String[][] cases = {{"429=100%", "429", "TooManyRequests"}, {"500=100%", "500", "InternalServerError"},
                {"503=100%", "503", "ServiceUnavailable"}};
        for (String[] c : cases) {
            gateways.sandbox().setWeather(c[0], 1);
            assertRejected(send(pushy, Push.alert(token())), Integer.parseInt(c[1]), c[2]);
        }
        gateways.sandbox().clearWeather();
        assertAccepted(send(pushy, Push.alert(token())));
        assertTrue(gateways.sandbox().weather().isClear());
    }

    @Test
    void aBadSpecIsRefusedAndTheWeatherStaysAsItWas() {
        gateways.sandbox().setWeather("500=1%", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gateways.sandbox().setWeather("500=1%,hail=2%", 3));
        assertTrue(e.getMessage().contains("hail=2%"), e.getMessage());
        assertEquals("500=1%", gateways.sandbox().weather().toString());
    }

    @Test
    void perTokenLimitIs429TooManyRequestsForThatTokenOnly() throws Exception {
        gateways.sandbox().setWeather("per-token=2", 1);
        String busy = token();
        assertAccepted(send(pushy, Push.alert(busy)));
        assertAccepted(send(pushy, Push.alert(busy)));
        assertRejected(send(pushy, Push.alert(busy)), 429, "TooManyRequests");
        assertAccepted(send(pushy, Push.alert(token())));
    }

    @Test
    void latencyStillAnswers() throws Exception {
        gateways.sandbox().setWeather("latency=20~20", 5);
        assertAccepted(send(pushy, Push.alert(token())));
    }

    private static String bearer() throws Exception {
        return "bearer " + RawHttp2Client.jwt(SampleMaterial.tokenKey().signingKey(), SampleMaterial.KEY_ID,
                SampleMaterial.TEAM_ID, Instant.ofEpochMilli(NOW).getEpochSecond());
    }

    @Test
    void shutdownAnswers503ShutdownThenGoAway() throws Exception {
        try (FrameClient c = FrameClient.connect(gateways.sandbox(), gateways.trustedServerCaPem())) {
            c.awaitSettings();
            gateways.sandbox().setWeather("shutdown=100%", 1);
            FrameClient.Result r = c.send(FrameClient.post(gateways.sandbox(), token(), "authorization", bearer(),
                    "apns-topic", BUNDLE), ALERT);
            assertEquals(503, r.status());
            assertEquals("{\"reason\":\"Shutdown\"}", r.body());
            assertTrue(c.awaitGoAway().lastStreamId() >= 1);
            c.awaitClosed();
        }
    }

    @Test
    void goAwayLeavesTheRequestUnansweredAndMarkedUnprocessed() throws Exception {
        try (FrameClient c = FrameClient.connect(gateways.sandbox(), gateways.trustedServerCaPem())) {
            c.awaitSettings();
            gateways.sandbox().setWeather("goaway=100%", 1);
            Http2FrameStream s = c.newStream();
            FrameClient.Result r = c.headers(s, FrameClient.post(gateways.sandbox(), token(), "authorization",
                    bearer(), "apns-topic", BUNDLE), false);
            c.data(s, FrameClient.text(ALERT), true);
            FrameClient.GoAway g = c.awaitGoAway();
            assertTrue(g.lastStreamId() < s.id(), "the stream was not processed");
            c.awaitClosed();
            assertNull(r.headers, "never answered");
        }
    }

    @Test
    void resetDropsTheConnectionWithoutGoAway() throws Exception {
        try (FrameClient c = FrameClient.connect(gateways.sandbox(), gateways.trustedServerCaPem())) {
            c.awaitSettings();
            gateways.sandbox().setWeather("reset=100%", 1);
            FrameClient.Result r = c.send(FrameClient.post(gateways.sandbox(), token(), "authorization", bearer(),
                    "apns-topic", BUNDLE), ALERT);
            c.awaitClosed();
            assertNull(r.headers, "never answered");
            assertFalse(c.goAway.isDone(), "no GOAWAY: the TCP connection was reset");
        }
    }

    @Test
    void aStalledRequestIsNeverAnsweredWhileLaterOnesAre() throws Exception {
        try (FrameClient c = FrameClient.connect(gateways.sandbox(), gateways.trustedServerCaPem())) {
            c.awaitSettings();
            String bearer = bearer();
            assertEquals(200, c.send(FrameClient.post(gateways.sandbox(), token(), "authorization", bearer,
                    "apns-topic", BUNDLE), ALERT).status());
            gateways.sandbox().setWeather("stall=100%", 1);
            Http2FrameStream stalled = c.newStream();
            FrameClient.Result r = c.headers(stalled, FrameClient.post(gateways.sandbox(), token(), "authorization",
                    bearer, "apns-topic", BUNDLE), false);
            c.data(stalled, FrameClient.text(ALERT), true);
            WeatherPlan plan = gateways.sandbox().weatherPlan();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(FrameClient.TIMEOUT_SECONDS))
                    .until(() -> plan.requestsSeen() >= 1);
            gateways.sandbox().clearWeather();
            assertEquals(200, c.send(FrameClient.post(gateways.sandbox(), token(), "authorization", bearer,
                    "apns-topic", BUNDLE), ALERT).status());
            assertFalse(r.done.isDone(), "the stalled stream has no answer");
        }
    }
}
