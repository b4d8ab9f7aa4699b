/**
 * The headless command line ({@code pushflow parse|gateway|scenario}), a thin picocli client of the
 * engine, the tap parser and the scenario runner. Exit codes: 0 ok, 1 an expectation failed, 2 invalid
 * input or usage, 3 PushFlow itself failed (the gateways could not start, say).
 */
package dev.pushflow.cli;
