package dev.pushflow.engine;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.console.CertificateEntry;
import dev.pushflow.console.GatewayTarget;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImGroup;
import dev.pushflow.im.ImUser;

import java.util.List;
import java.util.Map;

/**
 * The workspace a newcomer starts with: the seed's certificate IDs on the sample token key and the
 * embedded gateways, a Debug and a Release iPhone, users alice, bob and carol, and a demo group.
 */
public final class DefaultWorkspace {
    public static final long DEVELOPMENT_ID = 31287;
    public static final long PRODUCTION_ID = 31288;
    public static final String DEMO_GROUP = "@TGS#demo";
    public static final String DEBUG_PHONE = "iphone-debug";
    public static final String RELEASE_PHONE = "iphone-release";

    private DefaultWorkspace() {
    }

    /** Console 31287 = sandbox, 31288 = production, both on the sample .p8, bundle com.example.chat. */
    public static void applyConsole(PushFlowEngine engine) {
        engine.console().put(new CertificateEntry(DEVELOPMENT_ID, ApnsEnvironment.SANDBOX, SampleMaterial.BUNDLE_ID,
                SampleMaterial.tokenKey(), GatewayTarget.EMBEDDED));
        engine.console().put(new CertificateEntry(PRODUCTION_ID, ApnsEnvironment.PRODUCTION, SampleMaterial.BUNDLE_ID,
                SampleMaterial.tokenKey(), GatewayTarget.EMBEDDED));
        engine.setAppSettings(new AppSettings(SampleMaterial.BUNDLE_ID, "Chat",
                Map.of(BuildConfiguration.DEBUG, DEVELOPMENT_ID, BuildConfiguration.RELEASE, PRODUCTION_ID)));
        engine.consoleChanged();
    }

    public static void applyUsers(PushFlowEngine engine) {
        engine.putUser(new ImUser("alice", "Alice", "https://example.com/faces/alice.png"));
        engine.putUser(new ImUser("bob", "Bob", "https://example.com/faces/bob.png"));
        engine.putUser(new ImUser("carol", "Carol", "https://example.com/faces/carol.png"));
        engine.putGroup(new ImGroup(DEMO_GROUP, "Demo", List.of("alice", "bob", "carol"), Map.of("bob", "Bobby")));
    }

    /** Everything: console, users, the demo group, and the two iPhones. */
    public static void apply(PushFlowEngine engine) {
        applyConsole(engine);
        applyUsers(engine);
        engine.addDevice(DEBUG_PHONE, "iPhone 15 · Debug build", BuildConfiguration.DEBUG);
        engine.addDevice(RELEASE_PHONE, "iPhone 15 Pro · Release build", BuildConfiguration.RELEASE);
    }
}
