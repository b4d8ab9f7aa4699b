package dev.pushflow.gateway;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The embedded gateways must never be reachable from the network. */
class LoopbackBindingTest {
    private static EmbeddedGateways gateways;

    @BeforeAll
    static void start() {
        gateways = EmbeddedGateways.startDefault();
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void bothGatewaysAreBoundToLoopbackOnly() {
        for (EmbeddedGateway gw : List.of(gateways.sandbox(), gateways.production())) {
            assertEquals("127.0.0.1", gw.host());
            Channel server = gw.guard().serverChannel();
            InetSocketAddress local = (InetSocketAddress) server.localAddress();
            assertTrue(local.getAddress().isLoopbackAddress(), () -> "bound to " + local);
            assertFalse(local.getAddress().isAnyLocalAddress(), "not the wildcard address");
            assertEquals(gw.port(), local.getPort());
            assertEquals(local, gw.boundAddress());
        }
    }

    @Test
    void connectionToANonLoopbackInterfaceIsRefused() throws Exception {
        List<InetAddress> external = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        external.add(a);
                    }
                }
            }
        }
        assumeFalse(external.isEmpty(), "this machine has no non-loopback interface address");
        for (InetAddress a : external) {
            for (EmbeddedGateway gw : List.of(gateways.sandbox(), gateways.production())) {
                try (Socket s = new Socket()) {
                    assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(a, gw.port()), 3000),
                            () -> gw + " must not accept connections on " + a.getHostAddress());
                }
            }
        }
        // and the loopback address does accept
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), gateways.sandbox().port()), 3000);
            assertTrue(s.isConnected());
        }
    }

    /** A child channel whose peer address we choose. */
    private static final class Child extends EmbeddedChannel {
        private final SocketAddress remote;

        Child(SocketAddress remote) {
            this.remote = remote;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }

    @Test
    void acceptedChannelFromANonLoopbackPeerIsClosed() throws Exception {
        LoopbackOnly guard = new LoopbackOnly();
        EmbeddedChannel server = new EmbeddedChannel(guard);
        Child outsider = new Child(new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 50000));
        Child local = new Child(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 50001));
        server.writeInbound(outsider);
        assertNull(server.readInbound(), "an outsider is not handed on to the acceptor");
        assertFalse(outsider.isOpen(), "and its connection is closed");
        assertEquals(1, guard.refusedConnections());
        server.writeInbound(local);
        assertSame(local, server.readInbound(), "a loopback peer goes on to the acceptor");
        assertTrue(local.isOpen());
        local.close();
        server.finishAndReleaseAll();
    }

    @Test
    void noReflectionAndNoPushyServerInTheGatewayPackage() {
        com.tngtech.archunit.core.domain.JavaClasses classes = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pushflow.gateway");
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("dev.pushflow.gateway")
                .should().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..",
                        "com.eatthepath.pushy.apns.server..")
                .because("the gateway is our own server: it neither reflects into Netty nor wraps Pushy's mock")
                .check(classes);
    }

    @Test
    void loopbackCheckRecognisesAddresses() throws IOException {
        assertTrue(LoopbackOnly.isLoopback(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1)));
        assertTrue(LoopbackOnly.isLoopback(new InetSocketAddress(InetAddress.getByName("::1"), 1)));
        assertFalse(LoopbackOnly.isLoopback(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 1)));
        assertFalse(LoopbackOnly.isLoopback(InetSocketAddress.createUnresolved("localhost", 1)));
        assertFalse(LoopbackOnly.isLoopback(null));
    }
}
