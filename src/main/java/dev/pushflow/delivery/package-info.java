/**
 * Delivery: Pushy clients (one per credential and gateway, reused), the bound on pushes in flight,
 * and the append-only delivery log that survives a restart.
 */
package dev.pushflow.delivery;
