/** The vendor's APNs payload: aps (alert, badge, sound, mutable-content) and the top-level ext string. */
package dev.pushflow.payload;
