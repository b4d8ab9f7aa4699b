package dev.pushflow.delivery;

import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.gateway.GatewayListener;
import dev.pushflow.gateway.GatewayNotification;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rule a kill -9 relies on, checked without a kill: when the gateway accepts a push, its SENDING line is already
 * in the file. Pushes go one at a time, each after the last one's answer, so the log's writer is idle (asleep) when
 * each is sent: the case where a line queued for the writer would still be in memory when the gateway takes the push.
 */
@Timeout(120)
class SendingLineFirstTest {

    @Test
    void theSendingLineIsOnDiskWhenTheGatewayAcceptsThePush(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery-log.jsonl");
        DeliveryLog log = DeliveryLog.open(file);
        List<String> notYetOnDisk = new CopyOnWriteArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        try (PushFlowEngine engine = Engines.startEmbedded(log)) {
            engine.embeddedGateways().orElseThrow().sandbox().addListener(new GatewayListener() {
                @Override
                public void onAccepted(GatewayNotification n) {
                    accepted.incrementAndGet();
                    try { // on the gateway's event loop, before its 200: what a kill -9 now would leave on disk
                        String onDisk = Files.readString(file, StandardCharsets.UTF_8);
                        if (!onDisk.contains("\"apnsId\":\"" + n.apnsId() + "\"")) {
                            notYetOnDisk.add(n.apnsId());
                        }
                    } catch (IOException e) {
                        notYetOnDisk.add(n.apnsId() + " (" + e + ")");
                    }
                }
            });
            DefaultWorkspace.applyConsole(engine);
            DefaultWorkspace.applyUsers(engine);
            engine.addDevice("phone", "Alice's iPhone", BuildConfiguration.DEBUG);
            engine.login("phone", "alice");
            engine.setAppState("phone", AppState.BACKGROUND);
            for (int i = 0; i < 30; i++) {
                List<DeliveryRecord> records = engine.send(ImMessage.text("bob", "alice", "one at a time " + i))
                        .records().get(30, TimeUnit.SECONDS);
                assertEquals(DeliveryStatus.ACCEPTED, records.get(0).status(), records.toString());
            }
        }
        assertEquals(30, accepted.get(), "the gateway accepted every push");
        assertEquals(List.of(), notYetOnDisk, "pushes the gateway accepted before their SENDING line was on disk");
    }
}
