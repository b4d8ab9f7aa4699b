/**
 * The Load panel: a load run ({@code dev.pushflow.load}) from the window, on throw-away users and phones beside the
 * workspace, with a progress bar, counters, Cancel, live charts sampled a few times a second (pushes/s, latency p50
 * and p99 from HdrHistogram intervals, outcomes by reason) and the summary JSON line of {@code pushflow load}.
 */
package dev.pushflow.ui.load;
