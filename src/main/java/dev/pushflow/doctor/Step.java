package dev.pushflow.doctor;

/** The doctor's steps, in the order it runs them, each named as the seed and Apple name the thing checked. */
public enum Step {
    TOKEN_FORMAT("device token format"),
    CREDENTIAL("credential"),
    CERTIFICATE_EXPIRY("certificate expiry"),
    TOKEN_KEY(".p8 Key ID and Team ID"),
    ENVIRONMENT("credential environment vs gateway"),
    TOPIC("topics vs bundle ID vs push type"),
    KEY_SCOPE("token key scope vs gateway and topic"),
    BUILD("build configuration vs certificate ID"),
    PROBE("probe: which environment the token belongs to");

    private final String title;

    Step(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
