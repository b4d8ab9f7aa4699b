package dev.pushflow.gateway;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The gateways' TLS, as Apple's: TLS 1.2 or 1.3 only, ALPN {@code h2} only (a client that offers ALPN without h2 gets
 * the {@code no_application_protocol} alert; one that offers no ALPN at all speaks HTTP/2 with prior knowledge or is
 * refused by the HTTP/2 preface check), an optional client certificate that must chain to the configured CA. The key
 * and certificates are read in memory: no key file is ever written.
 */
final class GatewayTls {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private GatewayTls() {
    }

    static SslContext serverContext(GatewayConfig cfg) {
        PrivateKey key = Pem.privateKey(cfg.serverKeyPkcs8Pem());
        X509Certificate[] chain = Pem.certificates(cfg.serverChainPem()).toArray(new X509Certificate[0]);
        SslContextBuilder b = SslContextBuilder.forServer(key, chain)
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .clientAuth(ClientAuth.OPTIONAL)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT,
                        ApplicationProtocolNames.HTTP_2));
        byte[] clientCa = cfg.trustedClientCaPem();
        if (clientCa != null) {
            b.trustManager(Pem.certificates(clientCa).toArray(new X509Certificate[0]));
        }
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
