/**
 * Embedded APNs-accurate gateways: sandbox and production on 127.0.0.1, answering as Apple does.
 *
 * <p>{@link dev.pushflow.gateway.EmbeddedGateways} runs two HTTP/2 servers of our own on Netty 4.1 (one per
 * {@link dev.pushflow.apns.ApnsEnvironment}) on one small shared event loop group, bound to the loopback address by
 * construction: TLS 1.2+ with ALPN h2 ({@code GatewayTls}), then per connection an {@code ApnsConnectionHandler}
 * (Apple's SETTINGS, stream limits, bounded bodies, idle timeout, graceful GOAWAY) that asks the connection's
 * {@code RequestValidator} (one subclass per authentication mode: token or certificate) for each answer: method,
 * authentication, path and device token, push type, topic, the apns-* headers, payload size, then the device-token
 * registry, with Apple's status codes and reason strings ({@code ApnsRejection}).</p>
 *
 * <p>Benchmark-friendly design: the device-token registry of each gateway is a {@code ConcurrentHashMap}; request
 * headers are read in one pass without copying; a one-frame body is read in place; a provider token (JWT) is verified
 * once per connection and then only its age is checked while the client keeps sending the same string; listeners are
 * called on the event loop and a {@link dev.pushflow.gateway.GatewayNotification} is only built when a listener is
 * registered. Nothing is logged per request; a misbehaving client costs one short line per connection at most.</p>
 */
package dev.pushflow.gateway;
