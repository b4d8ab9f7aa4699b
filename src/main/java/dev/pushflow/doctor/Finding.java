package dev.pushflow.doctor;

/**
 * One line of the diagnosis.
 *
 * @param text what was found, in the seed's terms
 * @param fix  what to do; "" when nothing needs doing
 */
public record Finding(Step step, Verdict verdict, String text, String fix) {
    public Finding {
        fix = fix == null ? "" : fix;
    }

    static Finding ok(Step step, String text) {
        return new Finding(step, Verdict.OK, text, "");
    }

    static Finding warn(Step step, String text, String fix) {
        return new Finding(step, Verdict.WARN, text, fix);
    }

    static Finding fail(Step step, String text, String fix) {
        return new Finding(step, Verdict.FAIL, text, fix);
    }
}
