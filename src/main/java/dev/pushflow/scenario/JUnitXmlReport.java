package dev.pushflow.scenario;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI dashboards (the format Surefire writes and Jenkins, GitLab and GitHub reporters read):
 * one test case per scenario; a failed expectation is a {@code <failure>}, a file that could not be
 * loaded or set up an {@code <error>}. The step log goes into {@code <system-out>}.
 */
public final class JUnitXmlReport {
    /** A scenario file that is not valid (or whose workspace could not be set up), with the message why. */
    public record InvalidFile(String source, String message) {
    }

    private JUnitXmlReport() {
    }

    public static void write(Path target, List<ScenarioResult> results, List<InvalidFile> invalid) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(target, toXml(results, invalid), StandardCharsets.UTF_8);
    }

    public static String toXml(List<ScenarioResult> results, List<InvalidFile> invalid) {
        int tests = results.size() + invalid.size();
        long failures = results.stream().filter(r -> !r.passed()).count();
        double seconds = results.stream().map(ScenarioResult::duration).mapToLong(Duration::toMillis).sum() / 1000.0;
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "pushflow");
            x.writeAttribute("tests", Integer.toString(tests));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", Integer.toString(invalid.size()));
            x.writeAttribute("time", secs(seconds));
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "pushflow scenarios");
            x.writeAttribute("tests", Integer.toString(tests));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", Integer.toString(invalid.size()));
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", secs(seconds));
            x.writeAttribute("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
            for (ScenarioResult r : results) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", clean(r.scenario().name()));
                x.writeAttribute("classname", classname(r.scenario().source()));
                x.writeAttribute("file", clean(r.scenario().source()));
                x.writeAttribute("time", secs(r.duration().toMillis() / 1000.0));
                if (!r.passed()) {
                    x.writeCharacters("\n      ");
                    x.writeStartElement("failure");
                    x.writeAttribute("type", "ExpectationFailed");
                    x.writeAttribute("message", clean(r.failureMessage()));
                    x.writeCharacters(clean(r.failure()
                            .map(f -> String.join("\n", TextReport.stepLines(r.scenario().steps().get(f.index()), f)))
                            .orElse("")));
                    x.writeEndElement();
                }
                x.writeCharacters("\n      ");
                x.writeStartElement("system-out");
                x.writeCData(cdata(String.join("\n", TextReport.lines(r))));
                x.writeEndElement();
                x.writeCharacters("\n    ");
                x.writeEndElement();
            }
            for (InvalidFile f : invalid) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", clean(f.source()));
                x.writeAttribute("classname", classname(f.source()));
                x.writeAttribute("file", clean(f.source()));
                x.writeAttribute("time", "0");
                x.writeCharacters("\n      ");
                x.writeStartElement("error");
                x.writeAttribute("type", "InvalidScenario");
                x.writeAttribute("message", clean(f.message()));
                x.writeCharacters(clean(f.message()));
                x.writeEndElement();
                x.writeCharacters("\n    ");
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** "scenarios/debug-c2c.json" -> "scenarios.debug-c2c": dashboards group test cases by class name. */
    static String classname(String source) {
        Path p = Path.of(source);
        String stem = p.getFileName().toString().replaceFirst("\\.json$", "");
        Path parent = p.getParent();
        String pkg = parent == null ? "scenarios" : parent.getFileName().toString();
        return clean((pkg + "." + stem).replace(' ', '_'));
    }

    private static String secs(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    /** XML 1.0 forbids most control characters even escaped; messages may quote odd payloads. */
    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            sb.appendCodePoint(ok ? c : '?');
        });
        return sb.toString();
    }

    private static String cdata(String s) {
        return clean(s).replace("]]>", "]]]]><![CDATA[>");
    }
}
