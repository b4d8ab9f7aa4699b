package dev.pushflow.afterapns;

import java.util.Locale;
import java.util.Optional;

/**
 * What APNs did with an accepted notification, as Apple's Push Notifications Console reports it. The codes are
 * stable: the delivery log, scenario files and the CLI use them.
 */
public enum DeliveryState {
    DELIVERED("delivered", "Delivered: the phone was online and got it at once."),
    STORED_OFFLINE("stored-offline", "Stored - device offline: APNs keeps it (one per app) and delivers it when the"
            + " phone is back online, unless it expires first or a newer one replaces it."),
    STORED_POWER("stored-power", "Stored - power considerations: Low Power Mode holds priority 5 and 1 pushes until"
            + " it is turned off (priority 10 alerts go at once)."),
    DELIVERED_FROM_STORAGE("delivered-from-storage", "Delivered from storage: APNs had stored it and delivered it"
            + " once the phone was online (and out of Low Power Mode)."),
    DISCARDED_REPLACED("discarded-replaced", "Discarded - replaced: a newer notification for the same app arrived"
            + " while the phone was offline; APNs keeps only the newest."),
    DISCARDED_NOT_STORED("discarded-not-stored", "Discarded - not stored: apns-expiration 0 means try once, never"
            + " store, and the phone could not take it then."),
    DISCARDED_EXPIRED("discarded-expired", "Discarded - expired: its apns-expiration (or APNs' 30 days without one)"
            + " had passed when it would have been delivered."),
    THROTTLED("throttled", "Throttled: iOS budgets background pushes per app and hour; this one was over the"
            + " budget and never reached the app.");

    private final String code;
    private final String explanation;

    DeliveryState(String code, String explanation) {
        this.code = code;
        this.explanation = explanation;
    }

    /** The stable code: delivered, stored-offline, ... */
    public String code() {
        return code;
    }

    /** One plain sentence for people. */
    public String explanation() {
        return explanation;
    }

    /** Still held at APNs: it may change again (delivered from storage, replaced, expired). */
    public boolean isStored() {
        return this == STORED_OFFLINE || this == STORED_POWER;
    }

    /** It reached the phone. */
    public boolean reachedPhone() {
        return this == DELIVERED || this == DELIVERED_FROM_STORAGE;
    }

    public static Optional<DeliveryState> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (DeliveryState s : values()) {
            if (s.code.equals(c)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** "delivered, stored-offline, ...": for messages that list the allowed codes. */
    public static String codes() {
        StringBuilder sb = new StringBuilder();
        for (DeliveryState s : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(s.code);
        }
        return sb.toString();
    }
}
