package dev.pushflow.scenario;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JUnit XML as CI dashboards read it: one test case per scenario, failures and errors counted. */
class JUnitXmlReportTest {

    private static Scenario scenario(String name, String file) throws ScenarioException {
        return new Scenario(name, Path.of(file), WorkspaceSpec.defaults(),
                ScenarioLoader.parse("{\"name\": \"x\", \"steps\": [{\"logout\": {\"device\": \"iphone-debug\"}}, "
                        + "{\"logout\": {\"device\": \"iphone-debug\"}}]}", file).steps());
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneTestCasePerScenarioWithFailuresAndErrorsCounted() throws Exception {
        Scenario passing = scenario("Logout <works> & \"quotes\"", "scenarios/pass.json");
        Scenario failing = scenario("Kick-off", "scenarios/fail.json");
        ScenarioResult ok = new ScenarioResult(passing, List.of(
                new StepResult(0, "logout", true, "", List.of()),
                new StepResult(1, "logout", true, "", List.of())), Duration.ofMillis(1500));
        ScenarioResult bad = new ScenarioResult(failing, List.of(
                new StepResult(0, "logout", true, "", List.of()),
                new StepResult(1, "logout", false, "expected <no push> ]]> got \u0001 push", List.of())),
                Duration.ofMillis(250));
        String xml = JUnitXmlReport.toXml(List.of(ok, bad),
                List.of(new JUnitXmlReport.InvalidFile("scenarios/broken.json", "scenarios/broken.json: steps[3].send: "
                        + "'to' or 'group' is required")));

        Document doc = parse(xml);
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals("1.750", suite.getAttribute("time"));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element first = (Element) cases.item(0);
        assertEquals("Logout <works> & \"quotes\"", first.getAttribute("name"));
        assertEquals("scenarios.pass", first.getAttribute("classname"));
        assertEquals(0, first.getElementsByTagName("failure").getLength());
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("Scenario 'Kick-off' (scenarios/fail.json) failed at step 2"),
                failure.getAttribute("message"));
        assertTrue(((Element) cases.item(1)).getElementsByTagName("system-out").item(0).getTextContent()
                .contains("expected <no push> ]]> got ? push"), "CDATA end and control characters survive");
        Element error = (Element) ((Element) cases.item(2)).getElementsByTagName("error").item(0);
        assertTrue(error.getAttribute("message").contains("steps[3].send"));
    }
}
