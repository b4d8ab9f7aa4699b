/** Panel 4, Simulated phones: iPhone-like lock screens with the delivered notifications; tap to redirect. */
package dev.pushflow.ui.phones;
