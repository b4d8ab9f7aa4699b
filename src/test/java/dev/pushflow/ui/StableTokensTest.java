package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppState;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A simulated iPhone keeps its token across restarts: saved in the workspace, registered again on the gateway. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StableTokensTest {

    @Test
    void the_debug_phones_token_is_the_same_after_a_restart_and_still_delivers(@TempDir Path config) throws Exception {
        String before;
        try (PushFlowEngine first = Engines.startDefault()) {
            before = first.device(DefaultWorkspace.DEBUG_PHONE).token();
            new WorkspaceStore(config, Map.of()).save(first);
        }
        try (PushFlowEngine second = Engines.startEmbedded(dev.pushflow.delivery.DeliveryLog.inMemory())) {
            new WorkspaceStore(config, Map.of()).openOrDefault(second);
            assertEquals(before, second.device(DefaultWorkspace.DEBUG_PHONE).token());
            second.login(DefaultWorkspace.DEBUG_PHONE, "alice");
            second.setAppState(DefaultWorkspace.DEBUG_PHONE, AppState.BACKGROUND);
            var records = second.send(ImMessage.text("bob", "alice", "still me?")).records().get(30, TimeUnit.SECONDS);
            assertEquals(DeliveryStatus.ACCEPTED, records.getFirst().status(), records.toString());
            assertEquals(1, second.notifications(DefaultWorkspace.DEBUG_PHONE).size());
        }
    }
}
