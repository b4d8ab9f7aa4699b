package dev.pushflow.delivery;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.credentials.SampleMaterial;
import dev.pushflow.gateway.EmbeddedGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Corporate networks: pushes through real HTTP CONNECT and SOCKS5 proxies with a user and password, to the embedded
 * gateway standing in for Apple's host (named "localhost" so it is not recognised as embedded and is proxied).
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class ProxyTest {
    private static final String BUNDLE = SampleMaterial.BUNDLE_ID;
    private static EmbeddedGateways gateways;

    @BeforeAll
    static void start() {
        gateways = EmbeddedGateways.startDefault();
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    private static PushOutcome pushVia(ProxySettings proxy) throws Exception {
        Endpoint.Directory dir = env -> new Endpoint(gateways.get(env).host(), gateways.get(env).port(),
                gateways.trustedServerCaPem(), "embedded " + env.wireName());
        try (DeliveryService delivery = new DeliveryService(dir, 10)) {
            delivery.setProxy(proxy);
            Endpoint apple = new Endpoint("localhost", gateways.sandbox().port(), gateways.trustedServerCaPem(),
                    "stand-in for api.sandbox.push.apple.com");
            P8Credential key = SampleMaterial.tokenKey();
            return delivery.send(key, apple, new PushRequest(gateways.sandbox().issueToken(BUNDLE), BUNDLE,
                    PushType.ALERT, "{\"aps\":{\"alert\":\"via proxy\"}}", null, null, null, null))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_push_goes_through_an_http_connect_proxy_with_a_password() throws Exception {
        try (TestProxies.Http proxy = new TestProxies.Http("qa", "s3cret:with@odd/chars")) {
            ProxySettings settings = ProxySettings.parse("http://qa:s3cret%3Awith%40odd%2Fchars@127.0.0.1:"
                    + proxy.port(), Map.of());
            PushOutcome o = pushVia(settings);
            assertThat(o.status()).as("%s", o).isEqualTo(DeliveryStatus.ACCEPTED);
            assertThat(proxy.seen).containsExactly("CONNECT localhost:" + gateways.sandbox().port());
            assertThat(settings.toString()).contains("as qa").doesNotContain("s3cret");
        }
    }

    @Test
    void a_wrong_proxy_password_is_a_proxy_failure() throws Exception {
        try (TestProxies.Http proxy = new TestProxies.Http("qa", "right")) {
            PushOutcome o = pushVia(ProxySettings.parse("http://qa:wrong@127.0.0.1:" + proxy.port(), Map.of()));
            assertThat(o.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(o.failure()).startsWith("proxy: the proxy refused the tunnel").contains("user name and password")
                    .doesNotContain("wrong");
            assertThat(proxy.seen).hasSize(1);
            assertThat(proxy.seen.get(0)).startsWith("refused CONNECT");
        }
    }

    @Test
    void a_push_goes_through_a_socks5_proxy_with_the_password_from_the_environment() throws Exception {
        try (TestProxies.Socks5 proxy = new TestProxies.Socks5("qa", "from-env")) {
            ProxySettings settings = ProxySettings.parse("socks5://qa@127.0.0.1:" + proxy.port(),
                    Map.of(ProxySettings.PASSWORD_ENV, "from-env"));
            PushOutcome o = pushVia(settings);
            assertThat(o.status()).as("%s", o).isEqualTo(DeliveryStatus.ACCEPTED);
            assertThat(proxy.seen).containsExactly("CONNECT localhost:" + gateways.sandbox().port());
        }
    }

    @Test
    void a_proxy_that_is_not_there_is_named_as_the_problem() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PushOutcome o = pushVia(ProxySettings.parse("http://qa:pw@127.0.0.1:" + port, Map.of()));
        assertThat(o.failure()).startsWith("proxy: cannot reach HTTP proxy 127.0.0.1:" + port + " as qa")
                .doesNotContain(":pw");
    }

    @Test
    void the_embedded_gateways_are_never_proxied() throws Exception {
        try (TestProxies.Http proxy = new TestProxies.Http("qa", "pw")) {
            Endpoint.Directory dir = env -> new Endpoint(gateways.get(env).host(), gateways.get(env).port(),
                    gateways.trustedServerCaPem(), "embedded " + env.wireName());
            try (DeliveryService delivery = new DeliveryService(dir, 10)) {
                delivery.setProxy(ProxySettings.parse("http://qa:pw@127.0.0.1:" + proxy.port(), Map.of()));
                PushOutcome o = delivery.send(SampleMaterial.tokenKey(), dir.embedded(ApnsEnvironment.SANDBOX),
                        new PushRequest(gateways.sandbox().issueToken(BUNDLE), BUNDLE, PushType.ALERT,
                                "{\"aps\":{\"alert\":\"direct\"}}", null, null, null, null)).get(30, TimeUnit.SECONDS);
                assertThat(o.status()).isEqualTo(DeliveryStatus.ACCEPTED);
                assertThat(proxy.seen).isEmpty();
            }
        }
    }

    @Test
    void proxy_text_is_parsed_or_refused_with_what_it_should_look_like() {
        assertThat(ProxySettings.parse("", Map.of())).isEqualTo(ProxySettings.NONE);
        assertThat(ProxySettings.parse("none", Map.of())).isEqualTo(ProxySettings.NONE);
        assertThat(ProxySettings.parse("System", Map.of())).isEqualTo(ProxySettings.SYSTEM);
        ProxySettings p = ProxySettings.parse("proxy.corp.example:3128", Map.of());
        assertThat(p.kind()).isEqualTo(ProxySettings.Kind.HTTP);
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.username()).isNull();
        assertThatThrownBy(() -> ProxySettings.parse("ftp://user:hunter2@proxy:21", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://proxy.example.com:3128")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void the_system_proxy_comes_from_https_proxy_unless_no_proxy_names_the_host() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://alice:pw@proxy.corp:3128",
                "NO_PROXY", "localhost,.internal.example");
        ProxySettings p = ProxySettings.system("api.push.apple.com", env, null);
        assertThat(p.kind()).isEqualTo(ProxySettings.Kind.HTTP);
        assertThat(p.host()).isEqualTo("proxy.corp");
        assertThat(p.username()).isEqualTo("alice");
        assertThat(ProxySettings.system("gw.internal.example", env, null)).isEqualTo(ProxySettings.NONE);
        assertThat(ProxySettings.system("api.push.apple.com", Map.of("all_proxy", "socks5://s:1080"), null).kind())
                .isEqualTo(ProxySettings.Kind.SOCKS5);
    }

    @Test
    void without_variables_the_system_proxy_is_javas_proxy_selector() {
        ProxySelector selector = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.SOCKS, InetSocketAddress.createUnresolved("socks.corp", 1080)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        };
        ProxySettings p = ProxySettings.system("api.push.apple.com", Map.of(), selector);
        assertThat(p.kind()).isEqualTo(ProxySettings.Kind.SOCKS5);
        assertThat(p.host()).isEqualTo("socks.corp");
        assertThat(ProxySettings.system("api.push.apple.com", Map.of(), ProxySelector.of(null)))
                .isEqualTo(ProxySettings.NONE);
    }
}
