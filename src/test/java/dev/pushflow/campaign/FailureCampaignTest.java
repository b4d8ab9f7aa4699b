package dev.pushflow.campaign;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The failure campaign ({@code scripts/failure-campaign}) in the test suite: every one of its bad inputs must be
 * answered with the problem and a fix, the expected exit code or HTTP status, no stack trace and no hang. It ran
 * only as a script before, and three of its expectations went stale unnoticed (a bundle ID length the CLI's docs
 * promise, the window's panel names, a log line of a newer version); here it cannot rot.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FailureCampaignTest {

    @Test
    void everyBadInputIsAnsweredWithTheProblemAndAFix() throws Exception {
        List<String> failures = FailureCampaign.failures();
        assertEquals(List.of(), failures, "inputs not answered as they should be:\n" + String.join("\n", failures));
    }
}
