/** The window's APNs weather card: presets and a spec per embedded gateway, applied for this session only. */
package dev.pushflow.ui.weather;
