package dev.pushflow.load;

/**
 * What a load run sends.
 *
 * @param users      simulated users, one iPhone each, logged in with the app in the background (at least 2)
 * @param messages   messages to send, each from a random user
 * @param groupShare the share of group messages (0 to 1); a group message gives one push per member but the sender
 * @param rate       messages per second at most; 0 = as fast as the in-flight bound allows
 * @param seed       seeds who writes to whom, so a run can be repeated
 */
public record LoadOptions(int users, int messages, double groupShare, double rate, long seed) {
    public static final int MAX_USERS = 100_000;
    public static final int MAX_MESSAGES = 10_000_000;

    public LoadOptions {
        if (users < 2 || users > MAX_USERS) {
            throw new IllegalArgumentException("--users must be 2 to " + MAX_USERS + " (a message goes from one user to"
                    + " another), not " + users);
        }
        if (messages < 1 || messages > MAX_MESSAGES) {
            throw new IllegalArgumentException("--messages must be 1 to " + MAX_MESSAGES + ", not " + messages);
        }
        if (!(groupShare >= 0 && groupShare <= 1)) {
            throw new IllegalArgumentException("--group-share must be between 0 and 1 (0.2 = one message in five"
                    + " goes to a group), not " + groupShare);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a positive number of messages per second, not " + rate);
        }
    }
}
