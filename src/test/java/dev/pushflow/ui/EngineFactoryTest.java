package dev.pushflow.ui;

import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class EngineFactoryTest {

    @Test
    void startingNowStartsTheEngineBeforeTheWindowAsksAndHandsOverThatOne(@TempDir Path config) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger starts = new AtomicInteger();
        EngineFactory early = EngineFactory.startingNow(dir -> {
            starts.incrementAndGet();
            started.countDown();
            return Engines.startDefault();
        }, config);

        assertThat(started.await(20, TimeUnit.SECONDS)).as("started without being asked").isTrue();
        try (PushFlowEngine engine = early.start(config)) {
            assertThat(engine.devices()).isNotEmpty();
            assertThat(starts).hasValue(1);
        }
    }

    @Test
    void aFailedEarlyStartReachesTheWindowWithItsMessage(@TempDir Path config) {
        EngineFactory early = EngineFactory.startingNow(dir -> {
            throw new IllegalStateException("cannot start the sandbox gateway: port in use");
        }, config);

        assertThatThrownBy(() -> early.start(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start the sandbox gateway: port in use");
    }

    @Test
    void anotherConfigFolderGetsAnEngineOfItsOwn(@TempDir Path config, @TempDir Path other) throws Exception {
        AtomicInteger starts = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        EngineFactory early = EngineFactory.startingNow(dir -> {
            starts.incrementAndGet();
            first.countDown();
            return Engines.startDefault();
        }, config);
        assertThat(first.await(20, TimeUnit.SECONDS)).isTrue();

        try (PushFlowEngine mine = early.start(other); PushFlowEngine theirs = early.start(config)) {
            assertThat(mine).isNotSameAs(theirs);
            assertThat(starts).hasValue(2);
        }
    }
}
