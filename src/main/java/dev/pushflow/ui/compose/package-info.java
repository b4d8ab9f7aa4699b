/** Panel 3, Compose: a message with every offlinePushInfo field and APNs option, previewed per device, then sent. */
package dev.pushflow.ui.compose;
