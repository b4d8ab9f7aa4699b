package dev.pushflow.doctor;

import dev.pushflow.apns.ApnsEnvironment;

import java.util.List;
import java.util.Optional;

/**
 * The doctor's answer: ordered findings, the token's environment when the probe found it, and one sentence to act
 * on first.
 */
public record Diagnosis(List<Finding> findings, ApnsEnvironment tokenEnvironment, String conclusion) {
    public Diagnosis {
        findings = List.copyOf(findings);
    }

    public Verdict verdict() {
        return findings.stream().map(Finding::verdict).reduce(Verdict.OK, Verdict::worse);
    }

    public Optional<ApnsEnvironment> probedTokenEnvironment() {
        return Optional.ofNullable(tokenEnvironment);
    }

    public List<Finding> of(Step step) {
        return findings.stream().filter(f -> f.step() == step).toList();
    }

    /** Plain text, one finding per line: "[FAIL] build configuration vs certificate ID: ... Fix: ...". */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append(String.format("[%-4s] %s: %s%n", f.verdict(), f.step().title(), f.text()));
            if (!f.fix().isEmpty()) {
                sb.append("       fix: ").append(f.fix()).append(System.lineSeparator());
            }
        }
        sb.append("=> ").append(conclusion).append(System.lineSeparator());
        return sb.toString();
    }
}
