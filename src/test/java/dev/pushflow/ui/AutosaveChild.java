package dev.pushflow.ui;

import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.engine.DeviceTokenAuthority;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.BuildConfiguration;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link AutosaveProcessTest}: the window's workspace store and autosave on an engine that sends
 * nothing. Reads "add &lt;device&gt;" lines on stdin, answers "added &lt;device&gt;" once the engine has it; the test
 * then kills it (SIGKILL or SIGTERM).
 */
public final class AutosaveChild {
    private AutosaveChild() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Duration delay = Duration.ofMillis(Long.parseLong(args[1]));
        PushFlowEngine engine = new PushFlowEngine(new DeliveryService(env -> {
            throw new IllegalStateException("nothing is sent here");
        }, 10), DeliveryLog.inMemory(), DeviceTokenAuthority.NONE, null);
        WorkspaceStore store = new WorkspaceStore(config);
        store.openOrDefault(engine);
        Autosave.start(engine, store, delay);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("add ")) {
                String id = line.substring(4).trim();
                engine.addDevice(id, id, BuildConfiguration.DEBUG);
                System.out.println("added " + id);
                System.out.flush();
            }
        }
        // stdin closed: stay alive until killed (the test decides how)
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
