package dev.pushflow.load;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryPolicy;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.gateway.EmbeddedGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A load run beside a workspace, on the workspace's own embedded gateways. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoadSessionTest {
    @Test
    void a_finished_run_leaves_none_of_its_phones_tokens_in_the_gateways() {
        try (PushFlowEngine host = Engines.startEmbedded(DeliveryLog.inMemory())) {
            EmbeddedGateways gateways = host.embeddedGateways().orElseThrow();
            int sandboxBefore = gateways.get(ApnsEnvironment.SANDBOX).knownTokens();
            int productionBefore = gateways.get(ApnsEnvironment.PRODUCTION).knownTokens();

            LoadSummary first = new LoadSession(host, new LoadOptions(40, 120, 0.2, 0, 7), DeliveryPolicy.DEFAULT, null)
                    .run((p, s) -> { }, 1_000);
            assertThat(first.lost()).isZero();
            assertThat(first.accepted()).isEqualTo(first.pushes()); // the tokens were valid while the run sent
            assertThat(gateways.get(ApnsEnvironment.SANDBOX).knownTokens()).isEqualTo(sandboxBefore);
            assertThat(gateways.get(ApnsEnvironment.PRODUCTION).knownTokens()).isEqualTo(productionBefore);

            // a second run gets fresh tokens of its own and is accepted as well: nothing of the first is in the way
            LoadSummary second = new LoadSession(host, new LoadOptions(40, 120, 0.2, 0, 8), DeliveryPolicy.DEFAULT, null)
                    .run((p, s) -> { }, 1_000);
            assertThat(second.accepted()).isEqualTo(second.pushes()).isPositive();
            assertThat(gateways.get(ApnsEnvironment.SANDBOX).knownTokens()).isEqualTo(sandboxBefore);
        }
    }

    @Test
    void a_run_with_faults_gives_the_gateways_their_own_weather_back_with_its_seed() {
        try (PushFlowEngine host = Engines.startEmbedded(DeliveryLog.inMemory())) {
            EmbeddedGateways gateways = host.embeddedGateways().orElseThrow();
            gateways.sandbox().setWeather("500=10%", 42);
            LoadSummary s = new LoadSession(host, new LoadOptions(10, 40, 0, 0, 7), DeliveryPolicy.DEFAULT,
                    "429=5%,reset=1%").run((p, x) -> { }, 1_000);
            assertThat(s.lost()).isZero();
            assertThat(gateways.sandbox().weather().toString()).isEqualTo("500=10%");
            assertThat(gateways.sandbox().weatherSeed()).isEqualTo(42);
            assertThat(gateways.production().weather().isClear()).isTrue();
        }
    }
}
