/** Panel 6, Scenarios: play a scenario file (the CLI's format) step by step or at once; save and open workspaces. */
package dev.pushflow.ui.scenarios;
