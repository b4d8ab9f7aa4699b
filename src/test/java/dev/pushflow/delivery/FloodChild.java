package dev.pushflow.delivery;

import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImMessage;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * The child JVM of {@link KillNineDurabilityTest}: floods pushes through the engine on the embedded gateways into a
 * file-backed delivery log and prints {@code shown <seq>} for every record a listener (the window's path) was told
 * of, until it is killed.
 */
public final class FloodChild {
    private FloodChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        DeliveryLog log = DeliveryLog.open(Path.of(args[0]));
        Object lock = new Object();
        log.addListener(r -> {
            synchronized (lock) {
                out.println("shown " + r.seq());
                out.flush(); // what the parent reads is what a view showed
            }
        });
        PushFlowEngine engine = Engines.startEmbedded(log);
        DefaultWorkspace.applyConsole(engine);
        DefaultWorkspace.applyUsers(engine);
        engine.addDevice("phone", "Flood iPhone", BuildConfiguration.DEBUG);
        engine.login("phone", "alice");
        engine.setAppState("phone", AppState.BACKGROUND);
        synchronized (lock) {
            out.println("ready");
            out.flush();
        }
        Semaphore window = new Semaphore(2_000);
        for (long i = 0; ; i++) {
            window.acquire();
            engine.send(ImMessage.text("bob", "alice", "flood " + i)).records().whenComplete((r, e) -> window.release());
        }
    }
}
