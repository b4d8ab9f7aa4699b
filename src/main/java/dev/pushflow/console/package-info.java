/** The IM console: certificate IDs bound to APNs credentials, environments, bundle IDs and gateways. */
package dev.pushflow.console;
