/**
 * Embedded APNs-accurate gateways: sandbox and production on 127.0.0.1, answering as Apple does.
 *
 * <p>{@link dev.pushflow.gateway.EmbeddedGateways} runs two Pushy {@code MockApnsServer}s (one per
 * {@link dev.pushflow.apns.ApnsEnvironment}) on one small shared Netty event loop group, bound to the loopback
 * interface only. Each connection gets its own request handler that checks a request the way Apple's provider API
 * does (method, authentication, path and device token, push type, topic, the apns-* headers, payload size, then the
 * device-token registry) and answers with Apple's status codes and reason strings.</p>
 *
 * <p>Benchmark-friendly design: the device-token registry of each gateway is a {@code ConcurrentHashMap}; request
 * headers are read in one pass without copying; a provider token (JWT) is verified once per connection and then only
 * its age is checked while the client keeps sending the same string; listeners are called on the event loop and a
 * {@link dev.pushflow.gateway.GatewayNotification} is only built when a listener is registered. Nothing is logged per
 * request above debug level.</p>
 */
package dev.pushflow.gateway;
