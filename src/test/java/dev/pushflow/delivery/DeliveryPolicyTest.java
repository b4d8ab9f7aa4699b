package dev.pushflow.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryPolicyTest {
    @Test
    void off_default_and_custom() {
        assertThat(DeliveryPolicy.parse("off").retries()).isFalse();
        assertThat(DeliveryPolicy.parse("off").pushTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DeliveryPolicy.parse("default")).isEqualTo(DeliveryPolicy.DEFAULT);
        assertThat(DeliveryPolicy.DEFAULT.retries()).isTrue();
        DeliveryPolicy p = DeliveryPolicy.parse("attempts=6, backoff=50ms, max-backoff=2s, 429-delay=3s, jitter=0,"
                + " timeout=1m");
        assertThat(p).isEqualTo(new DeliveryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(2),
                Duration.ofSeconds(3), 0, Duration.ofMinutes(1)));
        assertThat(p.describe()).contains("6 attempts").contains("timeout 60 s");
        assertThat(DeliveryPolicy.OFF.describe()).isEqualTo("off (one attempt, timeout 10 s)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "attempts=0|attempts must be 1 to 20",
            "attempts=x|'x' is not a number",
            "backoff=fast|'fast' is not a duration",
            "timeout=0s|timeout must be a positive duration",
            "timeout=11m|timeout must be at most 10 min",
            "jitter=2|jitter must be between 0 and 1",
            "retries=3|unknown key 'retries'",
            "sometimes|'sometimes' is not key=value"})
    void a_bad_spec_names_the_bad_part(String spec, String message) {
        assertThatThrownBy(() -> DeliveryPolicy.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
