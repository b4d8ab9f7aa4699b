/**
 * The flow engine: the seed made executable. Simulated iPhones, login/logout/kick-off, the backend's
 * push decisions, delivery through the gateways, and taps parsed into redirect targets.
 */
package dev.pushflow.engine;
