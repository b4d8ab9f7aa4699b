package dev.pushflow.explain;

/**
 * @param headline one line: what happened
 * @param meaning  what it means in this flow
 * @param fix      what to change, naming the certificate ID and build; empty when nothing needs fixing
 */
public record Explanation(String headline, String meaning, String fix) {
    public String asText() {
        return headline + "\n\n" + meaning + (fix.isEmpty() ? "" : "\n\nHow to fix it: " + fix);
    }
}
