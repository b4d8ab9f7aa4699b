package dev.pushflow.doctor;

/** How one step of the diagnosis came out; ordered from good to bad. */
public enum Verdict {
    OK, WARN, FAIL;

    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
