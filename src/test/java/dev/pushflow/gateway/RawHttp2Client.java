package dev.pushflow.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pushflow.credentials.P12Credential;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A plain HTTP/2 client (the JDK's HttpClient, ALPN h2) for requests Pushy cannot make: forged or missing
 * authorization headers, unknown push types, odd priorities, non-UUID apns-ids, other methods and paths.
 */
final class RawHttp2Client implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came back; {@code reason} is the JSON body's "reason" ({@code null} on 200). */
    record Response(int status, String reason, String apnsId, String apnsUniqueId, HttpClient.Version version) {
    }

    private final HttpClient http;

    RawHttp2Client(byte[] trustedCaPem) throws Exception {
        this(trustedCaPem, null);
    }

    /**
     * With {@code clientP12}, the client presents that certificate whatever CA names the server asks for (the JDK's
     * default key manager, like Pushy's, silently sends nothing when the certificate's issuer is not among them).
     */
    RawHttp2Client(byte[] trustedCaPem, P12Credential clientP12) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(trustedCaPem))) {
            trust.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(clientP12 == null ? null : new KeyManager[]{insistingKeyManager(clientP12)}, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static X509ExtendedKeyManager insistingKeyManager(P12Credential p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(p12.p12()), p12.password());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, p12.password());
        X509ExtendedKeyManager delegate = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        String alias = null;
        for (String a : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(a)) {
                alias = a;
            }
        }
        String chosen = alias;
        return new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return chosen;
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return chosen;
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[]{chosen};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String a) {
                return delegate.getCertificateChain(a);
            }

            @Override
            public PrivateKey getPrivateKey(String a) {
                return delegate.getPrivateKey(a);
            }
        };
    }

    /** {@code headers} as name, value, name, value... (a name may repeat). */
    Response send(EmbeddedGateway gw, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://" + gw.host() + ":" + gw.port() + path))
                .timeout(Duration.ofSeconds(GatewayTestSupport.TIMEOUT_SECONDS))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .get(GatewayTestSupport.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(HttpClient.Version.HTTP_2, r.version(), "ALPN must select h2");
        String reason = null;
        if (r.statusCode() != 200) {
            JsonNode n = JSON.readTree(r.body());
            reason = n.path("reason").asText(null);
        }
        return new Response(r.statusCode(), reason, r.headers().firstValue("apns-id").orElse(null),
                r.headers().firstValue("apns-unique-id").orElse(null), r.version());
    }

    Response post(EmbeddedGateway gw, String token, String body, String... headers) throws Exception {
        return send(gw, "POST", "/3/device/" + token, body, headers);
    }

    /** A JWT signed by hand in the JOSE (P1363, r||s) form, unlike Pushy's DER signatures. */
    static String jwt(ECPrivateKey key, String keyId, String teamId, long issuedAtSeconds) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"" + keyId + "\"}").getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + teamId + "\",\"iat\":" + issuedAtSeconds + "}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(s.sign());
    }

    @Override
    public void close() {
        http.close();
    }
}
