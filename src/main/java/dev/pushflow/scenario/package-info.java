/**
 * Scenario files: a workspace (app, console, users, groups, devices) plus steps that drive the flow
 * engine and expectations that check what it did. Loaded strictly (unknown keys are errors, so typos
 * surface), run step by step by {@link dev.pushflow.scenario.ScenarioRunner}, reported as text, JSON or
 * JUnit XML. The CLI and the GUI's Scenarios panel both use this package; the workspace part doubles
 * as the GUI's save/open format ({@link dev.pushflow.scenario.WorkspaceFile}).
 */
package dev.pushflow.scenario;
