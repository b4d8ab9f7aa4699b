package dev.pushflow.cli;

import dev.pushflow.console.GatewayTarget;
import picocli.CommandLine.Model.CommandSpec;

/** The ranges and syntax the commands' options claim, checked in one place with the option named and the fix. */
final class CliChecks {
    /** The longest wait any command accepts: an hour. */
    static final int MAX_SECONDS = 3600;

    private CliChecks() {
    }

    /** A wait in seconds: 1 to 3600. */
    static void timeout(String option, long seconds) throws ApnsCredentialOptions.BadInput {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new ApnsCredentialOptions.BadInput(option + " must be 1 to " + MAX_SECONDS + " seconds, not "
                    + seconds + ": give how long to wait, like " + option + " 30");
        }
    }

    /** --port names Apple's port (443 or 2197); the embedded gateways pick a free port of their own. */
    static void portOnlyForApple(CommandSpec spec, GatewayTarget target) throws ApnsCredentialOptions.BadInput {
        if (target == GatewayTarget.EMBEDDED && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--port")) {
            throw new ApnsCredentialOptions.BadInput("--port is the port of Apple's hosts (443 or 2197) and goes with"
                    + " --gateway apple; the embedded gateways choose a free port of their own: drop --port");
        }
    }

    /** A bundle ID as Apple allows it: A-Z, a-z, 0-9, '-' and '.', no empty part, at most 155 characters. */
    static void bundleId(String option, String bundle) throws ApnsCredentialOptions.BadInput {
        String problem = bundleIdProblem(bundle);
        if (problem != null) {
            throw new ApnsCredentialOptions.BadInput(option + ": " + problem);
        }
    }

    /** Why the text is not a bundle ID, or null when it is one (Apple's rule in AppleIds; no spaces at its ends). */
    static String bundleIdProblem(String bundle) {
        if (bundle != null && !bundle.isEmpty() && !bundle.equals(bundle.strip())) {
            return "'" + printable(bundle) + "' has spaces at its ends: give the bundle ID alone, like com.example.chat";
        }
        return dev.pushflow.apns.AppleIds.bundleIdProblem(bundle);
    }

    /** Pasted text keeps no NUL, tab or other control character: one would be cleaned away silently otherwise. */
    static void noControlCharacters(String option, String text) throws ApnsCredentialOptions.BadInput {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != ' ') {
                throw new ApnsCredentialOptions.BadInput(option + ": a control character (" + String.format("\\u%04X",
                        (int) c) + ") at position " + (i + 1) + ": copy the value again, as plain text");
            }
        }
    }

    /** Text for a message: control characters shown as \\uXXXX, cut to 80 characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }
}
