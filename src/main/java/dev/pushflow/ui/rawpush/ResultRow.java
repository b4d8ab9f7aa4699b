package dev.pushflow.ui.rawpush;

import java.time.Instant;

/**
 * One line of the results table: APNs' answer for one token of one send, already turned into text the table
 * shows as is (so a strange answer can never break a cell), with the plain explanation and fix.
 *
 * @param send        the send's number in this session (1, 2, ...), newest first in the table
 * @param sentAt      when the send started
 * @param token       the hex token sent
 * @param notes       what was cleaned from the pasted token ("" if nothing)
 * @param status      "200", "400", ... or "—" when no answer came back
 * @param reason      APNs' reason, or the failure's cause (DNS, TLS ...), "" when accepted
 * @param timestamp   with 410: when the token stopped being valid (local time), else ""
 * @param latency     milliseconds, e.g. "12.4"
 */
public record ResultRow(int send, Instant sentAt, String token, String notes, Outcome outcome, String status,
                        String reason, String apnsId, String apnsUniqueId, String timestamp, String latency,
                        String gateway, String explanation, String fix) {

    /** ACCEPTED: 200; REJECTED: APNs answered with an error; FAILED: no answer (DNS, TLS, refused, timeout ...). */
    public enum Outcome { ACCEPTED, REJECTED, FAILED }

    /** "abcd1234…ef01" for the table; the full token is in the details. */
    public String shortToken() {
        return dev.pushflow.apns.DeviceTokens.abbreviate(token);
    }

    public boolean problem() {
        return outcome != Outcome.ACCEPTED;
    }
}
