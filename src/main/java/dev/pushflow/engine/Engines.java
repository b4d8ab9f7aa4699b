package dev.pushflow.engine;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryLog;
import dev.pushflow.delivery.DeliveryService;
import dev.pushflow.delivery.Endpoint;
import dev.pushflow.gateway.EmbeddedGateway;
import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.gateway.GatewayListener;

import java.time.Instant;

/** Ready-made engines: the embedded gateways started, wired to the engine, and owned by it. */
public final class Engines {
    private Engines() {
    }

    /** An engine on freshly started embedded gateways, with the default workspace and an in-memory log. */
    public static PushFlowEngine startDefault() {
        PushFlowEngine engine = startEmbedded(DeliveryLog.inMemory());
        DefaultWorkspace.apply(engine);
        return engine;
    }

    /** An engine on freshly started embedded gateways with an empty workspace. */
    public static PushFlowEngine startEmbedded(DeliveryLog log) {
        return startEmbedded(log, DeliveryService.DEFAULT_MAX_IN_FLIGHT);
    }

    public static PushFlowEngine startEmbedded(DeliveryLog log, int maxInFlight) {
        EmbeddedGateways gateways = EmbeddedGateways.startDefault();
        try {
            return on(gateways, log, maxInFlight);
        } catch (RuntimeException e) {
            gateways.close();
            throw e;
        }
    }

    /** An engine on gateways started by the caller; the engine closes them when it closes. */
    public static PushFlowEngine on(EmbeddedGateways gateways, DeliveryLog log, int maxInFlight) {
        DeliveryService delivery = new DeliveryService(endpoints(gateways)::get, maxInFlight);
        PushFlowEngine engine = new PushFlowEngine(delivery, log, tokenAuthority(gateways), null);
        // Accepted notifications go through the second stage (offline, Low Power, expiry, budgets) to the phones.
        GatewayListener arrivals = engine.afterApns();
        gateways.sandbox().addListener(arrivals);
        gateways.production().addListener(arrivals);
        engine.attachGateways(gateways);
        engine.own(gateways);
        return engine;
    }

    /**
     * A second engine on {@code host}'s embedded gateways, writing into {@code host}'s delivery log, with a world of
     * its own (users, devices, groups) and its own delivery service: a load run beside the window's workspace. Closing
     * it closes its delivery service and stops its gateway listeners; the gateways and the log stay with the host.
     */
    public static PushFlowEngine alongside(PushFlowEngine host, int maxInFlight) {
        EmbeddedGateways gateways = host.embeddedGateways().orElseThrow(() -> new IllegalStateException(
                "the engine runs on no embedded gateways"));
        // The tokens its phones get are the run's own: forgotten when it closes (after its last push ended), so load
        // runs do not leave thousands of registrations behind in the gateways the window keeps using.
        java.util.Queue<java.util.Map.Entry<ApnsEnvironment, String>> issued = new java.util.concurrent.ConcurrentLinkedQueue<>();
        DeviceTokenAuthority shared = tokenAuthority(gateways);
        DeviceTokenAuthority own = new DeviceTokenAuthority() {
            @Override
            public String issueToken(ApnsEnvironment environment, String bundleId) {
                String token = shared.issueToken(environment, bundleId);
                issued.add(java.util.Map.entry(environment, token));
                return token;
            }

            @Override
            public void register(ApnsEnvironment environment, String bundleId, String token) {
                shared.register(environment, bundleId, token); // an outside token may be the host's too: kept
            }

            @Override
            public void uninstall(ApnsEnvironment environment, String token, Instant when) {
                shared.uninstall(environment, token, when);
            }
        };
        PushFlowEngine engine = new PushFlowEngine(new DeliveryService(endpoints(gateways)::get, maxInFlight), host.log(),
                own, null);
        engine.own(() -> {
            java.util.Map.Entry<ApnsEnvironment, String> t;
            while ((t = issued.poll()) != null) {
                gateways.get(t.getKey()).forgetToken(t.getValue());
            }
        });
        engine.shareLog();
        GatewayListener arrivals = engine.afterApns();
        gateways.sandbox().addListener(arrivals);
        gateways.production().addListener(arrivals);
        engine.attachGateways(gateways);
        engine.own(() -> {
            gateways.sandbox().removeListener(arrivals);
            gateways.production().removeListener(arrivals);
        });
        return engine;
    }

    /** Ports are fixed once the gateways run: each endpoint is built once, not per push. */
    private static java.util.Map<ApnsEnvironment, Endpoint> endpoints(EmbeddedGateways gateways) {
        java.util.Map<ApnsEnvironment, Endpoint> endpoints = new java.util.EnumMap<>(ApnsEnvironment.class);
        for (ApnsEnvironment env : ApnsEnvironment.values()) {
            endpoints.put(env, endpoint(gateways, env));
        }
        return endpoints;
    }

    private static DeviceTokenAuthority tokenAuthority(EmbeddedGateways gateways) {
        return new DeviceTokenAuthority() {
            @Override
            public String issueToken(ApnsEnvironment environment, String bundleId) {
                return gateways.get(environment).issueToken(bundleId);
            }

            @Override
            public void register(ApnsEnvironment environment, String bundleId, String token) {
                gateways.get(environment).registerToken(token, bundleId);
            }

            @Override
            public void uninstall(ApnsEnvironment environment, String token, Instant when) {
                gateways.get(environment).unregisterToken(token, when);
            }
        };
    }

    static Endpoint endpoint(EmbeddedGateways gateways, ApnsEnvironment env) {
        EmbeddedGateway g = gateways.get(env);
        return new Endpoint(g.host(), g.port(), gateways.trustedServerCaPem(),
                "embedded " + env.wireName() + " " + g.host() + ":" + g.port());
    }
}
