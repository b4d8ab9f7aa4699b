package dev.pushflow.campaign;

import dev.pushflow.cli.PushFlowCli;
import dev.pushflow.delivery.ConfigFileException;
import dev.pushflow.delivery.DeliveryLog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The failure campaign ({@code scripts/failure-campaign}): hundreds of bad inputs, grouped by entry point, each run
 * with a time bound. An input passes when it is answered with a message that names the problem and a fix, with the
 * expected exit code (or HTTP status), no stack trace and no hang. Prints a table of counts and every failure; exits
 * 1 if anything failed.
 */
public final class FailureCampaign {
    private static final Pattern STACK = Pattern.compile("\\tat |Exception in thread|internal error|\\bat [a-z]+\\.[a-z]+\\.");
    /** Words a fix starts with: the message must say what to do. */
    private static final Pattern FIX = Pattern.compile("(?i)\\b(required|devices|copy|paste|register|use|give|check|move|make|drop|save|like|free|send|"
            + "remove|set|export|add|leave|try|delete|pick|choose|run|trust|load|fix|name|declare|only|must|expected|"
            + "allowed|should|needs?|one of|or)\\b");

    private record Result(String group, String input, boolean ok, String why) {
    }

    private final List<Result> results = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "campaign");
        t.setDaemon(true);
        return t;
    });
    private final Path dir;

    private FailureCampaign(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        FailureCampaign c = runAll();
        System.exit(c.report() ? 0 : 1);
    }

    /** Every input of the campaign, answered; the inputs that were not answered as they should be (empty: none). */
    static List<String> failures() throws Exception {
        FailureCampaign c = runAll();
        List<String> out = new ArrayList<>();
        for (Result r : c.results) {
            if (!r.ok) {
                out.add(r.group + " | " + r.input + " | " + r.why);
            }
        }
        if (c.results.size() < 300) { // the campaign itself lost its inputs: that must not pass as "no failures"
            out.add("only " + c.results.size() + " inputs ran (expected over 300)");
        }
        return out;
    }

    private static FailureCampaign runAll() throws Exception {
        Path dir = Files.createTempDirectory("pushflow-campaign-");
        FailureCampaign c = new FailureCampaign(dir);
        try {
            c.files();
            c.parse();
            c.send();
            c.doctor();
            c.scenario();
            c.gateway();
            c.tokensEndpoint();
            c.configFolder();
        } finally {
            c.pool.shutdownNow();
            try (var all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return c;
    }

    // ---- inputs on disk

    private Path zero;
    private Path folder;
    private Path missing;
    private Path notUtf8;
    private Path big;
    private Path empty;

    private void files() throws IOException {
        zero = Path.of("/dev/zero");
        folder = Files.createDirectories(dir.resolve("a-folder"));
        missing = dir.resolve("missing.json");
        notUtf8 = Files.write(dir.resolve("latin1.json"), "{\"aps\":{\"alert\":\"caf\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1));
        big = Files.write(dir.resolve("big.json"), ("{\"x\":\"" + "a".repeat(17 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        empty = Files.write(dir.resolve("empty.json"), new byte[0]);
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static final byte[][] BAD_UTF8 = {
            {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xFE, (byte) 0xFF}};

    private List<Path> badUtf8Files(String prefix, String before, String after) throws IOException {
        List<Path> out = new ArrayList<>();
        int i = 0;
        for (byte[] bad : BAD_UTF8) {
            byte[] a = before.getBytes(StandardCharsets.UTF_8);
            byte[] b = after.getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[a.length + bad.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(bad, 0, all, a.length, bad.length);
            System.arraycopy(b, 0, all, a.length + bad.length, b.length);
            out.add(file(prefix + "-bad-utf8-" + i++ + ".json", all));
        }
        return out;
    }

    // ---- the CLI, in-process, bounded in time

    private record Run(int code, String out, String err) {
    }

    private void cli(String group, int expected, String stdin, String... args) {
        String label = String.join(" ", args);
        label = label.length() > 110 ? label.substring(0, 110) + "..." : label;
        try {
            Future<Run> f = pool.submit(() -> {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                InputStream in = stdin == null ? new ByteArrayInputStream(new byte[0])
                        : stdin.equals("/dev/zero") ? Files.newInputStream(zero)
                        : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1));
                InputStream saved = System.in;
                System.setIn(in);
                try {
                    int code = PushFlowCli.run(args, in, new PrintWriter(out, true), new PrintWriter(err, true));
                    return new Run(code, out.toString(), err.toString());
                } finally {
                    System.setIn(saved);
                }
            });
            Run r = f.get(90, TimeUnit.SECONDS);
            // exit 1 is a finding (the doctor, a failed expectation): its text is on standard output
            judge(group, label, expected, r.code, r.out + r.err, expected == 1 ? r.out + r.err : r.err);
        } catch (TimeoutException e) {
            results.add(new Result(group, label, false, "HANG (no answer in 90 s)"));
        } catch (Exception e) {
            results.add(new Result(group, label, false, "CRASH " + e));
        }
    }

    private void judge(String group, String label, int expected, int code, String all, String message) {
        if (STACK.matcher(all).find()) {
            results.add(new Result(group, label, false, "STACK TRACE / internal error: " + firstLine(all)));
        } else if (code != expected) {
            results.add(new Result(group, label, false, "exit " + code + ", expected " + expected + ": " + firstLine(all)));
        } else if (expected != 0 && message.isBlank()) {
            results.add(new Result(group, label, false, "no message"));
        } else if (expected != 0 && !FIX.matcher(message).find()) {
            results.add(new Result(group, label, false, "no fix in: " + firstLine(message)));
        } else {
            results.add(new Result(group, label, true, firstLine(message)));
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        return t.length() > 160 ? t.substring(0, 160) + "..." : t;
    }

    private void parse() throws IOException {
        String g = "pushflow parse";
        for (Path p : List.of(zero, folder, missing, notUtf8, big, empty)) {
            cli(g, 2, null, "parse", p.toString());
        }
        for (Path p : badUtf8Files("parse", "{\"ext\":\"", "\"}")) {
            cli(g, 2, null, "parse", p.toString());
        }
        cli(g, 2, "/dev/zero", "parse", "-");
        cli(g, 2, "\u00ff\u00fe{}", "parse");
        cli(g, 0, "\u00ef\u00bb\u00bf{\"ext\":\"x\"}", "parse"); // a BOM, then a valid object: parsed
        cli(g, 0, null, "parse", file("bom.json", "\uFEFF{\"aps\":{}}").toString());
        for (String bad : List.of("", " ", "[1]", "\"text\"", "42", "null", "true", "{", "{\"a\":", "}", "{\"a\" 1}",
                "{'a':1}", "{\"a\":1,}", "[" .repeat(5000), "{\"a\":" .repeat(3000), "{\"ext\":\"x\"} trailing",
                "\u0000", "{\"a\":NaN}", "{\"a\":01}", "/* c */ {}", "{\"ext\":\"x\"}{\"ext\":\"y\"}")) {
            cli(g, 2, bad, "parse");
        }
        cli(g, 2, null, "parse", "--hook", "maybe");
        cli(g, 2, null, "parse", "--hook");
        cli(g, 2, null, "parse", "--nope");
        cli(g, 2, null, "parse", "a.json", "b.json");
        cli(g, 2, null, "parse", "\u0000bad-path");
        cli(g, 2, null, "nosuchcommand");
        cli(g, 2, null, "--nope");
    }

    private void send() throws IOException {
        String g = "pushflow send";
        String tok = "ab".repeat(32);
        for (String t : List.of("0", "-3", "-1", "3601", "99999999999", "abc", "1.5", "")) {
            cli(g, 2, null, "send", "--sample", "--token", tok, "--timeout", t);
        }
        for (String port : List.of("80", "443", "0", "2197", "65536", "-1", "x")) {
            cli(g, 2, null, "send", "--sample", "--token", tok, "--port", port);
        }
        for (String port : List.of("80", "0", "8443", "65536", "-1")) {
            cli(g, 2, null, "send", "--sample", "--gateway", "apple", "--token", tok, "--port", port);
        }
        for (String b : List.of("com.example chat", "", " ", "com..example", ".com.example", "com.example.", "com/example",
                "com_example", "com.exämple", "com.example\tchat", "a".repeat(200), "com.example;rm", "*")) {
            cli(g, 2, null, "send", "--sample", "--token", tok, "--bundle", b);
        }
        for (Path p : List.of(zero, folder, missing, notUtf8, big, empty)) {
            cli(g, 2, null, "send", "--sample", "--token", tok, "--payload", p.toString());
        }
        for (Path p : badUtf8Files("payload", "{\"aps\":{\"alert\":\"", "\"}}")) {
            cli(g, 2, null, "send", "--sample", "--token", tok, "--payload", p.toString());
        }
        cli(g, 2, "/dev/zero", "send", "--sample", "--token", tok, "--payload", "-");
        for (String j : List.of("[1]", "{", "null", "\"x\"", "{\"aps\":" + "{\"a\":1}".repeat(1) + ",}",
                "{\"aps\":{\"alert\":\"" + "x".repeat(5000) + "\"}}", "")) {
            cli(g, 2, null, "send", "--sample", "--token", tok, "--payload-json", j);
        }
        for (String t : List.of("abc", "zz".repeat(32), "ab".repeat(31) + "a", "", "<" + tok, "ab".repeat(600))) {
            cli(g, 2, null, "send", "--sample", "--token", t);
        }
        for (Path p : List.of(zero, folder, missing, empty, notUtf8)) {
            cli(g, 2, null, "send", "--p12", p.toString(), "--token", tok);
            cli(g, 2, null, "send", "--p8", p.toString(), "--key-id", "ABCDEFGHIJ", "--team-id", "ABCDEFGHIJ", "--token", tok);
        }
        Path junkP8 = file("AuthKey_ABCDEFGHIJ.p8", "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");
        cli(g, 2, null, "send", "--p8", junkP8.toString(), "--team-id", "ABCDEFGHIJ", "--token", tok);
        cli(g, 2, null, "send", "--p8", junkP8.toString(), "--key-id", "short", "--team-id", "ABCDEFGHIJ", "--token", tok);
        cli(g, 2, null, "send", "--p12", file("junk.p12", "not a p12").toString(), "--token", tok);
        for (String[] extra : List.of(new String[] {"--env", "staging"}, new String[] {"--gateway", "moon"},
                new String[] {"--push-type", "shout"}, new String[] {"--priority", "7"}, new String[] {"--priority", "x"},
                new String[] {"--apns-id", "not-a-uuid"}, new String[] {"--collapse-id", "c".repeat(65)},
                new String[] {"--expiration", "abc"}, new String[] {"--issue-token", "moon"},
                new String[] {"--key-environment", "staging"}, new String[] {"--key-topics", "a b"},
                new String[] {"--sample", "rsa"}, new String[] {"--proxy", "ftp://x"}, new String[] {"--proxy", "http://:0"})) {
            List<String> a = new ArrayList<>(List.of("send", "--sample", "--token", tok));
            if (extra[0].equals("--sample")) {
                a = new ArrayList<>(List.of("send", "--token", tok));
            }
            a.addAll(List.of(extra));
            cli(g, 2, null, a.toArray(String[]::new));
        }
        cli(g, 2, null, "send", "--token", tok);
        cli(g, 2, null, "send", "--sample", "--payload-json", "{}", "--payload", "x.json", "--token", tok);
    }

    private void doctor() throws IOException {
        String g = "pushflow doctor";
        // A bad token is what the doctor diagnoses: a finding with its fix, exit 1 ("a step failed").
        for (String t : List.of("abc", "zz".repeat(32), "", "ab".repeat(31) + "a", "{length = 32}", "AB".repeat(32) + "!")) {
            cli(g, 1, null, "doctor", "--certificate-id", "31287", "--token", t);
        }
        // Pasted in another form: cleaned, with a warning that says so (exit 0).
        for (String t : List.of("<" + "ab".repeat(32) + ">", "ab ab", "AB".repeat(32))) {
            cli(g, 0, null, "doctor", "--certificate-id", "31287", "--token", t);
        }
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--token", "\u0000");
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--token", "ab".repeat(32) + "\t");
        cli(g, 1, null, "doctor", "--certificate-id", "-1", "--issue-token", "sandbox");
        cli(g, 1, null, "doctor", "--certificate-id", "99999", "--issue-token", "sandbox");
        for (String id : List.of("abc", "1.5", "")) {
            cli(g, 2, null, "doctor", "--certificate-id", id, "--issue-token", "sandbox");
        }
        for (String b : List.of("com.example chat", "", "com..x", "x/y")) {
            cli(g, 2, null, "doctor", "--certificate-id", "31287", "--issue-token", "sandbox", "--bundle", b);
        }
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--issue-token", "sandbox", "--port", "80");
        cli(g, 2, null, "doctor", "--sample", "--gateway", "apple", "--port", "80", "--token", "ab".repeat(32));
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--issue-token", "moon");
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--issue-token", "sandbox", "--build", "beta");
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--issue-token", "sandbox", "--push-type", "shout");
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--issue-token", "sandbox", "--gateway", "moon");
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--issue-token", "sandbox", "--env", "staging");
        cli(g, 2, null, "doctor", "--certificate-id", "31287");
        cli(g, 2, null, "doctor", "--certificate-id", "31287", "--sample", "--issue-token", "sandbox");
        for (Path p : List.of(zero, folder, missing)) {
            cli(g, 2, null, "doctor", "--p12", p.toString(), "--token", "ab".repeat(32));
            cli(g, 2, null, "doctor", "--p8", p.toString(), "--key-id", "ABCDEFGHIJ", "--team-id", "ABCDEFGHIJ",
                    "--token", "ab".repeat(32));
        }
        // A file that reads but is no credential: the doctor's credential step fails with the fix (exit 1).
        cli(g, 1, null, "doctor", "--p8", empty.toString(), "--key-id", "ABCDEFGHIJ", "--team-id", "ABCDEFGHIJ",
                "--token", "ab".repeat(32));
    }

    private void scenario() throws IOException {
        String g = "pushflow scenario";
        List<Path> bad = new ArrayList<>(List.of(zero, notUtf8, big, empty, missing));
        bad.addAll(badUtf8Files("scenario", "{\"name\":\"", "\",\"steps\":[]}"));
        String[] texts = {"[]", "null", "{}", "{\"name\":1}", "{\"name\":\"x\"}", "{\"name\":\"x\",\"steps\":{}}",
                "{\"name\":\"x\",\"steps\":[1]}", "{\"name\":\"x\",\"steps\":[{\"fly\":{}}]}",
                "{\"name\":\"x\",\"steps\":[{\"login\":{}}]}", "{\"name\":\"x\",\"steps\":[{\"login\":{\"device\":\"nope\",\"user\":\"a\"}}]}",
                "{\"name\":\"x\",\"extra\":1,\"steps\":[]}", "{\"name\":\"x\",\"steps\":[]", "{\"name\":\"x\",\"steps\":[]}}",
                "{\"name\":\"x\",\"devices\":[{\"id\":\"p\",\"build\":\"beta\"}],\"steps\":[]}",
                "{\"name\":\"x\",\"devices\":\"p\",\"steps\":[]}", "{\"name\":\"x\",\"steps\":[{\"send\":{\"from\":1}}]}",
                "[".repeat(5000), "{\"name\":\"" + "\\ud800" + "\",\"steps\":[{\"x\":1}]}"};
        int i = 0;
        for (String t : texts) {
            bad.add(file("scenario-" + i++ + ".json", t));
        }
        for (Path p : bad) {
            cli(g, 2, null, "scenario", "validate", p.toString());
            cli(g, 2, null, "scenario", "run", p.toString());
        }
        Path emptyFolder = Files.createDirectories(dir.resolve("no-json-here"));
        cli(g, 2, null, "scenario", "validate", emptyFolder.toString());
        cli(g, 2, null, "scenario", "validate");
        cli(g, 2, null, "scenario", "fly");
        Path good = Path.of("scenarios").toAbsolutePath().resolve("badge-counts-from-background-baseline.json");
        for (String t : List.of("0", "-1", "3601", "abc")) {
            cli(g, 2, null, "scenario", "run", "--send-timeout", t, good.toString());
        }
        cli(g, 0, null, "scenario", "validate", file("bom-scenario.json", "\uFEFF" + Files.readString(good)).toString());
    }

    private void gateway() {
        String g = "pushflow gateway";
        for (String p : List.of("-1", "65536", "99999", "abc", "")) {
            cli(g, 2, null, "gateway", "--http-port", p, "--exit-after", "1");
        }
        for (String s : List.of("0", "-5", "abc", "604801", "")) {
            cli(g, 2, null, "gateway", "--exit-after", s);
        }
        for (String t : List.of("abc", "zz".repeat(32), "ab".repeat(32) + "@staging", "ab".repeat(32) + ":com example",
                "ab".repeat(32) + ":", "ab".repeat(32) + ":com..x", ":com.example", "@sandbox", "",
                "ab".repeat(31) + "a", "ab".repeat(32) + ":com.example@", "ab".repeat(32) + "@")) {
            cli(g, 2, null, "gateway", "--register-token", t, "--exit-after", "1");
        }
    }

    // ---- the tokens endpoint of a running `pushflow gateway`

    private void tokensEndpoint() throws Exception {
        String g = "tokens endpoint (HTTP)";
        StringWriter out = new StringWriter();
        Future<Integer> gw = pool.submit(() -> PushFlowCli.run(new String[] {"gateway", "--exit-after", "300"},
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString().contains("tokensEndpoint") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.sleep(20);
        }
        var info = DeliveryLog.JSON.readTree(out.toString().strip().lines().findFirst().orElseThrow());
        int port = Integer.parseInt(info.get("tokensEndpoint").asText().replaceAll(".*:(\\d+)/tokens", "$1"));
        String host = "127.0.0.1:" + port;
        String tok = "ab".repeat(32);
        // A client that connects and sends nothing, and one that never sends its body: the others are still served.
        Socket idle = new Socket(InetAddress.getLoopbackAddress(), port);
        Socket stalled = new Socket(InetAddress.getLoopbackAddress(), port);
        stalled.getOutputStream().write(("POST /tokens HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        stalled.getOutputStream().flush();
        Map<String, Object[]> cases = new LinkedHashMap<>();
        String json = "application/json";
        cases.put("bundleId a number", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + tok + "\",\"bundleId\":1}", 400});
        cases.put("bundleId an object", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + tok + "\",\"bundleId\":{}}", 400});
        cases.put("bundleId null", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + tok + "\",\"bundleId\":null}", 400});
        cases.put("bundleId with a space", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + tok + "\",\"bundleId\":\"a b\"}", 400});
        cases.put("bundleId empty", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + tok + "\",\"bundleId\":\"\"}", 400});
        cases.put("environment a number", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + tok + "\",\"environment\":1}", 400});
        cases.put("environment unknown", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + tok + "\",\"environment\":\"moon\"}", 400});
        cases.put("token a number", new Object[] {"POST", "/tokens", host, json, "{\"token\":12}", 400});
        cases.put("token missing", new Object[] {"POST", "/tokens", host, json, "{}", 400});
        cases.put("token not hex", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + "zz".repeat(32) + "\"}", 400});
        cases.put("token too short", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"abc\"}", 400});
        cases.put("unknown key", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + tok + "\",\"x\":1}", 400});
        cases.put("body an array", new Object[] {"POST", "/tokens", host, json, "[1]", 400});
        cases.put("body null", new Object[] {"POST", "/tokens", host, json, "null", 400});
        cases.put("body broken JSON", new Object[] {"POST", "/tokens", host, json, "{\"token\":", 400});
        cases.put("body empty", new Object[] {"POST", "/tokens", host, json, "", 400});
        cases.put("body too large", new Object[] {"POST", "/tokens", host, json, "{\"token\":\"" + "a".repeat(70_000) + "\"}", 413});
        cases.put("body nested deep", new Object[] {"POST", "/tokens", host, json, "[".repeat(3000), 400});
        cases.put("not JSON content type", new Object[] {"POST", "/tokens", host, "text/plain", "{\"token\":\"" + tok + "\"}", 415});
        cases.put("no content type", new Object[] {"POST", "/tokens", host, null, "{\"token\":\"" + tok + "\"}", 415});
        cases.put("form content type", new Object[] {"POST", "/tokens", host, "application/x-www-form-urlencoded", "token=" + tok, 415});
        cases.put("Host evil.example", new Object[] {"POST", "/tokens", "evil.example", json, "{\"token\":\"" + tok + "\"}", 421});
        cases.put("Host evil.example:port", new Object[] {"GET", "/tokens", "evil.example:" + port, null, null, 421});
        cases.put("Host 10.0.0.1", new Object[] {"GET", "/tokens", "10.0.0.1:" + port, null, null, 421});
        cases.put("Host 127.0.0.1.evil", new Object[] {"GET", "/tokens", "127.0.0.1.evil.example", null, null, 421});
        cases.put("Host localhost.evil", new Object[] {"GET", "/", "localhost.evil.example", null, null, 421});
        cases.put("Host [::2]", new Object[] {"GET", "/", "[::2]:" + port, null, null, 421});
        cases.put("Host empty", new Object[] {"GET", "/tokens", "", null, null, 421});
        cases.put("DELETE not hex", new Object[] {"DELETE", "/tokens/zz", host, null, null, 400});
        cases.put("DELETE unknown token", new Object[] {"DELETE", "/tokens/" + "cd".repeat(32), host, null, null, 404});
        cases.put("DELETE bad environment", new Object[] {"DELETE", "/tokens/" + tok + "?environment=moon", host, null, null, 400});
        cases.put("PUT /tokens", new Object[] {"PUT", "/tokens", host, json, "{}", 405});
        cases.put("PATCH /tokens", new Object[] {"PATCH", "/tokens", host, json, "{}", 405});
        cases.put("GET /nope", new Object[] {"GET", "/nope", host, null, null, 404});
        cases.put("POST /", new Object[] {"POST", "/", host, json, "{}", 405});
        cases.put("DELETE /tokens", new Object[] {"DELETE", "/tokens", host, null, null, 405});
        cases.put("GET /tokens/x/y", new Object[] {"GET", "/tokens/x/y", host, null, null, 405});
        for (var e : cases.entrySet()) {
            Object[] c = e.getValue();
            try {
                Future<String[]> f = pool.submit(() -> http(port, (String) c[0], (String) c[1], (String) c[2],
                        (String) c[3], (String) c[4]));
                String[] r = f.get(30, TimeUnit.SECONDS);
                int status = Integer.parseInt(r[0]);
                judge(g, e.getKey(), (Integer) c[5], status, r[1], r[1].contains("\"error\"") ? r[1] : "");
            } catch (TimeoutException ex) {
                results.add(new Result(g, e.getKey(), false, "HANG (no answer in 30 s: blocked by another client?)"));
            } catch (Exception ex) {
                results.add(new Result(g, e.getKey(), false, "CRASH " + ex));
            }
        }
        idle.close();
        stalled.close();
        gw.cancel(true);
    }

    /** One HTTP/1.1 request on a raw socket (so any Host can be sent), with a read timeout. */
    private static String[] http(int port, String method, String path, String host, String type, String body)
            throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            if (type != null) {
                req.append("Content-Type: ").append(type).append("\r\n");
            }
            req.append("Content-Length: ").append(b.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream o = s.getOutputStream();
            o.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            o.write(b);
            o.flush();
            String resp = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = resp.length() > 12 ? resp.substring(9, 12) : "000";
            int bodyAt = resp.indexOf("\r\n\r\n");
            return new String[] {status, bodyAt < 0 ? resp : resp.substring(bodyAt + 4)};
        }
    }

    // ---- the config folder at start (what the window reads before it opens)

    private void configFolder() throws IOException {
        String g = "config folder at start";
        int i = 0;
        Map<String, Supplier<Path>> logs = new LinkedHashMap<>();
        logs.put("log is a folder", () -> mk(() -> Files.createDirectories(dir.resolve("c" + next()).resolve("delivery-log.jsonl"))));
        logs.put("log is /dev/zero", () -> mk(() -> {
            Path d = Files.createDirectories(dir.resolve("c" + next()));
            return Files.createSymbolicLink(d.resolve("delivery-log.jsonl"), zero);
        }));
        logs.put("config folder is a file", () -> mk(() -> Files.writeString(dir.resolve("c" + next()), "x").resolve("delivery-log.jsonl")));
        for (var e : logs.entrySet()) {
            try {
                DeliveryLog.open(e.getValue().get()).close();
                results.add(new Result(g, e.getKey(), false, "opened without a word"));
            } catch (ConfigFileException ex) {
                judge(g, e.getKey(), 2, 2, ex.getMessage(), ex.getMessage());
            } catch (IOException | RuntimeException ex) {
                results.add(new Result(g, e.getKey(), false, "not named: " + ex));
            }
        }
        List<byte[]> broken = new ArrayList<>();
        for (byte[] b : BAD_UTF8) {
            broken.add(concat("{\"seq\":1,\"time\":\"2026-11-26T10:00:00Z\",\"reason\":\"".getBytes(StandardCharsets.UTF_8), b,
                    "\"}\n".getBytes(StandardCharsets.UTF_8)));
        }
        for (String t : List.of("null\n", "[1]\n", "{}\n", "\"x\"\n", "{\"seq\":2,\"time\":\"2026-", "42\n", "{\"seq\":\"x\"}\n",
                "{\"seq\":1,\"time\":\"yesterday\"}\n", "\u0000\u0000\n")) {
            broken.add(t.getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] b : broken) {
            Path d = Files.createDirectories(dir.resolve("log" + i++));
            Path f = d.resolve("delivery-log.jsonl");
            Files.write(f, concat(GOOD_LINE, b));
            String label = "log line " + new String(b, StandardCharsets.ISO_8859_1).strip();
            try (DeliveryLog log = DeliveryLog.open(f)) {
                boolean ok = log.skippedLines() == 1 && log.size() == 1 && log.setAside() != null
                        && Files.exists(log.setAside()) && !log.openProblem().isEmpty();
                results.add(new Result(g, label.length() > 80 ? label.substring(0, 80) : label, ok,
                        ok ? log.openProblem() : "skipped " + log.skippedLines() + ", kept " + log.size()));
            } catch (IOException | RuntimeException ex) {
                results.add(new Result(g, label, false, "CRASH " + ex));
            }
        }
        // A status this version does not know is a line from a newer one: it reads back (status unknown), nothing
        // set aside, nothing skipped (DeliveryLog's rule since lines may come from any version).
        {
            Path d = Files.createDirectories(dir.resolve("log" + i++));
            Path f = d.resolve("delivery-log.jsonl");
            Files.write(f, concat(GOOD_LINE, "{\"seq\":2,\"status\":\"NO_SUCH\"}\n".getBytes(StandardCharsets.UTF_8)));
            try (DeliveryLog log = DeliveryLog.open(f)) {
                boolean ok = log.skippedLines() == 0 && log.size() == 2 && log.setAside() == null
                        && log.snapshot().get(1).status() == null;
                results.add(new Result(g, "log line of a newer version (unknown status) reads back", ok,
                        ok ? "read back, status unknown" : "skipped " + log.skippedLines() + ", kept " + log.size()));
            } catch (IOException | RuntimeException ex) {
                results.add(new Result(g, "log line of a newer version", false, "CRASH " + ex));
            }
        }
        for (String s : List.of("theme=purple\n", "panel=NOPE\n", "proxy=ftp://x\n", "proxy=http://u:secret@\n",
                "theme=dark\\u00zz\n", "panel=\n")) {
            Path d = Files.createDirectories(dir.resolve("settings" + i++));
            Files.writeString(d.resolve("settings.properties"), s);
            String problem = settingsProblem(d);
            boolean ok = !problem.isEmpty() && !problem.contains("secret");
            results.add(new Result(g, "settings " + s.strip(), ok, ok ? problem : "not reported (or password shown): " + problem));
        }
        Path d = Files.createDirectories(dir.resolve("settings-folder").resolve("settings.properties"));
        String p = settingsProblem(d.getParent());
        results.add(new Result(g, "settings.properties is a folder", p.contains("is a folder"), p));
    }

    private static String settingsProblem(Path d) {
        try {
            // As the window checks them at start: with its panel names (panel=NOPE is only wrong knowing those).
            Class<?> c = Class.forName("dev.pushflow.ui.ConfigDir");
            Class<?> panel = Class.forName("dev.pushflow.ui.shell.MainViewModel$Panel");
            List<String> names = new ArrayList<>();
            for (Object o : panel.getEnumConstants()) {
                names.add(((Enum<?>) o).name());
            }
            return (String) c.getMethod("checkSettings", Path.class, java.util.Collection.class).invoke(null, d, names);
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    private static final byte[] GOOD_LINE = ("{\"seq\":1,\"time\":\"2026-11-26T10:00:00Z\",\"messageId\":\"m\",\"status\":"
            + "\"NO_PUSH\",\"reason\":\"logged-out\"}\n").getBytes(StandardCharsets.UTF_8);

    private int counter;

    private int next() {
        return counter++;
    }

    private interface IoSupplier {
        Path get() throws IOException;
    }

    private static Path mk(IoSupplier s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private boolean report() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Result r : results) {
            int[] c = counts.computeIfAbsent(r.group, k -> new int[2]);
            c[r.ok ? 0 : 1]++;
        }
        boolean verbose = Boolean.getBoolean("campaign.verbose");
        for (Result r : results) {
            if (!r.ok || verbose) {
                System.out.println((r.ok ? "ok    " : "FAIL  ") + r.group + " | " + r.input + " | " + r.why);
            }
        }
        System.out.println();
        System.out.printf("%-28s %8s %8s %8s%n", "entry point", "inputs", "answered", "failed");
        int total = 0;
        int failed = 0;
        for (var e : counts.entrySet()) {
            System.out.printf("%-28s %8d %8d %8d%n", e.getKey(), e.getValue()[0] + e.getValue()[1], e.getValue()[0],
                    e.getValue()[1]);
            total += e.getValue()[0] + e.getValue()[1];
            failed += e.getValue()[1];
        }
        System.out.printf("%-28s %8d %8d %8d%n", "total", total, total - failed, failed);
        long hangs = results.stream().filter(r -> r.why.startsWith("HANG")).count();
        long stacks = results.stream().filter(r -> r.why.startsWith("STACK")).count();
        long crashes = results.stream().filter(r -> r.why.startsWith("CRASH")).count();
        System.out.println("stack traces: " + stacks + ", hangs: " + hangs + ", crashes: " + crashes);
        return failed == 0;
    }
}
