/**
 * Load runs: many users messaging each other with their apps in the background, every push through the engine's
 * delivery policy, counted as it ends (accepted, rejected by reason, failed, retried, lost, duplicated, latency)
 * into a summary that balances against the delivery log. No JavaFX: the CLI's {@code pushflow load} drives it.
 */
package dev.pushflow.load;
