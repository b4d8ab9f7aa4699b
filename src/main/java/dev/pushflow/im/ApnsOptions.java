package dev.pushflow.im;

import dev.pushflow.apns.PushType;

import java.time.Instant;

/**
 * APNs headers a sender may set beyond what the message implies. Null = APNs default
 * (priority 10, stored up to 30 days, no collapse ID). {@code pushType} null lets the message decide (alert, or
 * VoIP for iOSPushType 1); {@link PushType#BACKGROUND} sends it as a background push (content-available only,
 * priority 5 unless set).
 */
public record ApnsOptions(Integer priority, Instant expiration, String collapseId, PushType pushType) {
    public static final ApnsOptions DEFAULT = new ApnsOptions(null, null, null, null);

    public ApnsOptions(Integer priority, Instant expiration, String collapseId) {
        this(priority, expiration, collapseId, null);
    }
}
