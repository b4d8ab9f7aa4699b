/** Panel 5, Delivery log: every push attempt and no-push decision, filterable, explained, exportable. */
package dev.pushflow.ui.log;
