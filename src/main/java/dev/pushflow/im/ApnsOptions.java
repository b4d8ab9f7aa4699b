package dev.pushflow.im;

import java.time.Instant;

/**
 * APNs headers a sender may set beyond what the message implies. Null = APNs default
 * (priority 10, stored up to 30 days, no collapse ID).
 */
public record ApnsOptions(Integer priority, Instant expiration, String collapseId) {
    public static final ApnsOptions DEFAULT = new ApnsOptions(null, null, null);
}
