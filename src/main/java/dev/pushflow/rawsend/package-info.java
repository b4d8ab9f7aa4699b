/**
 * Raw sends, like Pushy Console or Apple's push console: one push with every APNs header, to several tokens, to an
 * embedded gateway or Apple's hosts, each token with its own APNs answer; and the same push exported as Apple's
 * documented curl command or as an {@code .apns} file for the Xcode Simulator.
 */
package dev.pushflow.rawsend;
