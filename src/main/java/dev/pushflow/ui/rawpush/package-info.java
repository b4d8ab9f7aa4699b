/** Panel 7, Raw push: any push straight to APNs (credential, gateway, headers, tokens), curl and .apns export. */
package dev.pushflow.ui.rawpush;
