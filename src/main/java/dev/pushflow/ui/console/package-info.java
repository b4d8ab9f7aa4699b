/** Panel 1, Console & environment: certificate IDs, their credentials, and the app's certificate-ID macro per build. */
package dev.pushflow.ui.console;
