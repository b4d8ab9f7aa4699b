/**
 * What APNs does after the 200: the embedded gateways' second stage, per environment and device token. It decides
 * whether an accepted notification reaches the phone now, is stored (device offline, Low Power Mode) and delivered
 * later, is discarded (replaced, not storable, expired) or throttled (background budget), on a simulated clock that
 * can be advanced. Every accepted push has one {@link dev.pushflow.afterapns.DeliveryState} here: the delivery log,
 * the lock screens and scenario expectations all read it from {@link dev.pushflow.afterapns.AfterApns}.
 */
package dev.pushflow.afterapns;
