package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.gateway.GatewayNotification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway receives as apns-expiration through Pushy: nothing for a push without one (Pushy alone would
 * write 0, "never store"; the frame hook takes the marker out), 0 for 0, the epoch second otherwise.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExpirationHeaderTest {
    private EmbeddedGateways gateways;
    private DeliveryService delivery;

    @AfterEach
    void stop() {
        if (delivery != null) {
            delivery.close();
        }
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void no_expiration_is_no_header_and_zero_and_a_time_are_sent_as_they_are() throws Exception {
        gateways = EmbeddedGateways.startDefault();
        Map<String, GatewayNotification> accepted = new ConcurrentHashMap<>();
        gateways.sandbox().addListener(n -> accepted.put(n.token(), n));
        Endpoint.Directory dir = env -> new Endpoint(gateways.get(env).host(), gateways.get(env).port(),
                gateways.trustedServerCaPem(), "embedded " + env.wireName());
        delivery = new DeliveryService(dir, 100);
        Endpoint sandbox = dir.embedded(ApnsEnvironment.SANDBOX);

        String none = gateways.sandbox().issueToken(SampleMaterial.BUNDLE_ID);
        String zero = gateways.sandbox().issueToken(SampleMaterial.BUNDLE_ID);
        String later = gateways.sandbox().issueToken(SampleMaterial.BUNDLE_ID);
        for (var push : Map.of(none, Instant.MIN, zero, Instant.EPOCH, later, Instant.ofEpochSecond(1_893_456_000L))
                .entrySet()) {
            Instant expiration = push.getValue() == Instant.MIN ? null : push.getValue();
            PushOutcome o = delivery.send(SampleMaterial.tokenKey(), sandbox, new PushRequest(push.getKey(),
                    SampleMaterial.BUNDLE_ID, PushType.ALERT, "{\"aps\":{\"alert\":\"hi\"}}", 10, expiration, null,
                    null)).get(30, TimeUnit.SECONDS);
            assertThat(o.status()).as(o.toString()).isEqualTo(DeliveryStatus.ACCEPTED);
        }
        assertThat(accepted.get(none).expiration()).as("no apns-expiration header").isNull();
        assertThat(accepted.get(zero).expiration()).isEqualTo(0L);
        assertThat(accepted.get(later).expiration()).isEqualTo(1_893_456_000L);
    }
}
