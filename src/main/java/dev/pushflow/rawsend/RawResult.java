package dev.pushflow.rawsend;

import java.time.Instant;
import java.util.List;

/**
 * APNs' answer for one token of a raw push, as Apple's console shows it.
 *
 * @param token        the hex token sent
 * @param notes        what was cleaned from the pasted token
 * @param status       HTTP status (200, 400, 403, 410, ...); 0 when no answer came back
 * @param apnsId       apns-id of the answer (ours when we set one)
 * @param apnsUniqueId apns-unique-id (sandbox only: the key to Apple's delivery log); null otherwise
 * @param reason       APNs' rejection reason, e.g. BadDeviceToken; null when accepted or unanswered
 * @param timestamp    with 410: when the token stopped being valid; otherwise null
 * @param failure      why no answer came back (DNS, TLS, proxy, credential ...); null when answered
 * @param connection   the connection state this answer (or failure) shows
 * @param gateway      where it went, e.g. "embedded sandbox 127.0.0.1:40123" or "api.push.apple.com:443"
 */
public record RawResult(String token, List<String> notes, int status, String apnsId, String apnsUniqueId,
                        String reason, Instant timestamp, String failure, ConnectionState connection, String gateway,
                        long latencyMicros) {
    public RawResult {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public boolean accepted() {
        return status == 200;
    }

    public boolean rejected() {
        return status != 0 && status != 200;
    }

    public boolean answered() {
        return status != 0;
    }

    /** "200 accepted", "400 BadDeviceToken", or "no answer: DNS: ...". */
    public String summary() {
        if (accepted()) {
            return "200 accepted";
        }
        return answered() ? status + " " + reason : "no answer: " + failure;
    }
}
