package dev.pushflow.load;

import java.util.Locale;

/**
 * Where a run is: messages sent, pushes ended, the rate over the last interval and the time left at that rate.
 *
 * @param etaSeconds -1 while unknown
 */
public record LoadProgress(int messagesSent, int messages, long pushesPlanned, long pushesEnded, double pushesPerSecond,
                           double etaSeconds) {

    public double fraction() {
        return messages == 0 ? 1 : (double) messagesSent / messages;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%,d/%,d messages (%.0f%%), %,d of %,d pushes ended, %,.0f pushes/s, ETA %s",
                messagesSent, messages, fraction() * 100, pushesEnded, pushesPlanned, pushesPerSecond,
                etaSeconds < 0 ? "?" : Math.round(etaSeconds) + " s");
    }
}
