package dev.pushflow.credentials;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static dev.pushflow.credentials.TestKeys.PASSWORD;
import static dev.pushflow.credentials.TestKeys.sample;

/** Loaded credentials work with Pushy: a client builds (no connection is made at build time) and closes. */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class PushyBuildTest {
    /** Shared, so that closing a client does not wait for its own event loop's quiet period. */
    private static final NioEventLoopGroup EVENT_LOOP = new NioEventLoopGroup(1);

    @AfterAll
    static void stopEventLoop() throws Exception {
        EVENT_LOOP.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    }

    private static void buildsAndCloses(Credential credential) throws Exception {
        ApnsClientBuilder builder = new ApnsClientBuilder().setApnsServer("127.0.0.1", 1)
                .setEventLoopGroup(EVENT_LOOP);
        credential.configure(builder);
        ApnsClient client = builder.build();
        client.close().get(10, TimeUnit.SECONDS);
    }

    @Test
    void loadedP12CertificatesBuildAPushyClient() throws Exception {
        buildsAndCloses(CredentialLoader.loadP12(sample("client-development.p12"), PASSWORD.toCharArray()));
        buildsAndCloses(CredentialLoader.loadP12(sample("client-universal.p12"), PASSWORD.toCharArray()));
    }

    @Test
    void aP12WithSeveralKeysBuildsAPushyClient() throws Exception {
        buildsAndCloses(CredentialLoader.loadP12("both.p12", TestKeys.twoKeyP12(), PASSWORD.toCharArray()));
    }

    @Test
    void loadedP8TokenKeyBuildsAPushyClient() throws Exception {
        buildsAndCloses(CredentialLoader.loadP8(sample("AuthKey_PFKEY00001.p8"), SampleMaterial.KEY_ID,
                SampleMaterial.TEAM_ID));
    }

    @Test
    void sampleMaterialCredentialsStillConfigurePushy() throws Exception {
        buildsAndCloses(SampleMaterial.universalCertificate());
        buildsAndCloses(SampleMaterial.tokenKey());
    }
}
