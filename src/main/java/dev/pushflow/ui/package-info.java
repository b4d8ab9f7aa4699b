/**
 * The desktop window: a thin JavaFX client of the flow engine. One package per panel, each an
 * {@code XxxView} (controls, bindings) and an {@code XxxViewModel} (state and commands, no controls).
 * Engine events are queued by {@link dev.pushflow.ui.UiEventQueue} and reach the FX thread in one place.
 */
package dev.pushflow.ui;
