/**
 * Plain-language explanations of what happened to a push: APNs rejection reasons and the backend's
 * no-push decisions, said in this app's terms (certificate ID, build, token environment) with the fix.
 * Shared by the GUI's delivery log and the CLI's doctor.
 */
package dev.pushflow.explain;
