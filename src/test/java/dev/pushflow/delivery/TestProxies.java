package dev.pushflow.delivery;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real proxies for tests, on 127.0.0.1: an HTTP CONNECT proxy and a SOCKS5 proxy, each requiring a user name and
 * password, tunnelling bytes both ways. They record what they were asked ("CONNECT host:port", or the refusal).
 */
final class TestProxies {
    private TestProxies() {
    }

    abstract static class Proxy implements AutoCloseable {
        final ServerSocket server;
        final String user;
        final String password;
        final List<String> seen = new CopyOnWriteArrayList<>();

        Proxy(String user, String password) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.user = user;
            this.password = password;
            Thread t = new Thread(this::accept, getClass().getSimpleName());
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread t = new Thread(() -> {
                        try (client) {
                            serve(client);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        abstract void serve(Socket client) throws IOException;

        /** Where the proxy really connects: "localhost" is the IPv4 loopback the gateways listen on. */
        static Socket connect(String host, int port) throws IOException {
            return new Socket("localhost".equals(host) ? "127.0.0.1" : host, port);
        }

        static void tunnel(Socket a, Socket b) throws IOException {
            Thread back = new Thread(() -> pipe(b, a));
            back.setDaemon(true);
            back.start();
            pipe(a, b);
        }

        private static void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException ignored) {
                // either side closed
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** HTTP CONNECT with Basic proxy authentication. */
    static final class Http extends Proxy {
        Http(String user, String password) throws IOException {
            super(user, password);
        }

        @Override
        void serve(Socket client) throws IOException {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] request = lines[0].split(" ");
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
            boolean authorised = false;
            for (String line : lines) {
                if (line.toLowerCase().startsWith("proxy-authorization:")
                        && line.substring(line.indexOf(':') + 1).strip().equals(expected)) {
                    authorised = true;
                }
            }
            OutputStream out = client.getOutputStream();
            if (!request[0].equals("CONNECT") || !authorised) {
                seen.add("refused " + request[0] + " " + request[1]);
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            seen.add("CONNECT " + request[1]);
            int colon = request[1].lastIndexOf(':');
            try (Socket upstream = connect(request[1].substring(0, colon), Integer.parseInt(request[1].substring(colon + 1)))) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                tunnel(client, upstream);
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the end of the request head");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }

    /** SOCKS5 with user name / password authentication (RFC 1928, RFC 1929). */
    static final class Socks5 extends Proxy {
        Socks5(String user, String password) throws IOException {
            super(user, password);
        }

        @Override
        void serve(Socket client) throws IOException {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            byte[] methods = in.readNBytes(in.readUnsignedByte());
            boolean offersPassword = false;
            for (byte m : methods) {
                offersPassword |= m == 2;
            }
            if (!offersPassword) {
                seen.add("refused: no user/password method offered");
                out.write(new byte[]{5, (byte) 0xFF});
                return;
            }
            out.write(new byte[]{5, 2});
            in.readUnsignedByte(); // sub-negotiation version 1
            String u = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String p = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            if (!u.equals(user) || !p.equals(password)) {
                seen.add("refused: bad credentials for " + u);
                out.write(new byte[]{1, 1});
                return;
            }
            out.write(new byte[]{1, 0});
            in.readUnsignedByte(); // version
            int cmd = in.readUnsignedByte();
            in.readUnsignedByte(); // reserved
            int type = in.readUnsignedByte();
            String host = switch (type) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                default -> throw new IOException("address type " + type);
            };
            int port = in.readUnsignedShort();
            if (cmd != 1) {
                out.write(new byte[]{5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            seen.add("CONNECT " + host + ":" + port);
            try (Socket upstream = connect(host, port)) {
                out.write(new byte[]{5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                out.flush();
                tunnel(client, upstream);
            }
        }
    }
}
