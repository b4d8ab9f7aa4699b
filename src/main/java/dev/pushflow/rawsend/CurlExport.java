package dev.pushflow.rawsend;

import dev.pushflow.credentials.CredentialException;
import dev.pushflow.credentials.P12Credential;
import dev.pushflow.credentials.P8Credential;
import dev.pushflow.delivery.Endpoint;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A raw push as the curl command of Apple's "Sending push notifications using command-line tools", one command per
 * token. Token auth carries a freshly signed JWT, masked unless revealed. Certificate auth names the .p12 and takes
 * its password from an environment variable, so no password is ever printed.
 */
public final class CurlExport {
    public static final String DEFAULT_PASSWORD_VARIABLE = "PUSHFLOW_P12_PASSWORD";
    private static final Pattern SAFE_IN_DOUBLE_QUOTES = Pattern.compile("[A-Za-z0-9 ._:/+=,;@#%^*()\\[\\]{}<>~|-]*");

    /**
     * @param reveal          print the JWT itself (it lets anyone push to the team's apps for an hour)
     * @param caFile          CA file for --cacert (the embedded gateways' CA); null: a placeholder when one is needed
     * @param certificateFile the .p12 for --cert; null: a placeholder
     * @param passwordVariable environment variable that holds the .p12 password; null: PUSHFLOW_P12_PASSWORD
     * @param now             the JWT's iat
     */
    public record Options(boolean reveal, Path caFile, Path certificateFile, String passwordVariable, Instant now) {
        public static Options masked() {
            return new Options(false, null, null, null, Instant.now());
        }

        public Options withReveal(boolean r) {
            return new Options(r, caFile, certificateFile, passwordVariable, now);
        }

        public Options withCaFile(Path f) {
            return new Options(reveal, f, certificateFile, passwordVariable, now);
        }

        public Options withCertificateFile(Path f, String variable) {
            return new Options(reveal, caFile, f, variable, now);
        }
    }

    private CurlExport() {
    }

    /** One command per token (tokens cleaned as for sending); throws InvalidRawPushException for unsendable pushes. */
    public static List<String> commands(RawPush push, Endpoint endpoint, Options options) throws CredentialException {
        RawPush.Checked checked = push.prepare();
        // one JWT for all tokens: the same as a provider reusing its token on one connection
        String authorization = authorization(push, options);
        List<String> out = new ArrayList<>();
        for (RawPush.CleanToken token : checked.tokens()) {
            out.add(command(push, checked.topic(), token.hex(), endpoint, authorization, options));
        }
        return out;
    }

    private static String authorization(RawPush push, Options o) throws CredentialException {
        if (push.credential() instanceof P8Credential key) {
            String jwt = JwtSigner.sign(key, o.now() == null ? Instant.now() : o.now());
            return o.reveal() ? jwt : JwtSigner.mask(jwt);
        }
        return null;
    }

    private static String command(RawPush push, String topic, String token, Endpoint endpoint, String jwt,
                                  Options o) {
        List<String> parts = new ArrayList<>();
        parts.add("curl -v --http2");
        for (String header : push.headers(topic).lines()) {
            parts.add("--header " + quote(header));
        }
        if (jwt != null) {
            parts.add("--header " + quote("authorization: bearer " + jwt));
        }
        if (push.credential() instanceof P12Credential) {
            String file = o.certificateFile() == null ? "<your-certificate.p12>" : o.certificateFile().toString();
            String variable = o.passwordVariable() == null || o.passwordVariable().isBlank()
                    ? DEFAULT_PASSWORD_VARIABLE : o.passwordVariable();
            // double quotes on purpose: the shell expands the variable, so the password never appears here
            parts.add("--cert-type P12 --cert \"" + escapeDouble(file) + ":${" + variable + "}\"");
        }
        if (endpoint.trustedCaPem() != null) {
            parts.add("--cacert " + (o.caFile() == null ? "<embedded-gateway-ca.pem>" : single(o.caFile().toString())));
        }
        parts.add("--data " + single(push.payload()));
        parts.add("https://" + endpoint.host() + ":" + endpoint.port() + "/3/device/" + token);
        return String.join(" \\\n  ", parts);
    }

    /** Apple's examples put headers in double quotes; anything a shell would expand there goes in single quotes. */
    static String quote(String s) {
        return SAFE_IN_DOUBLE_QUOTES.matcher(s).matches() ? "\"" + s + "\"" : single(s);
    }

    static String single(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String escapeDouble(String s) {
        return s.replaceAll("([\"\\\\$`!])", "\\\\$1");
    }
}
