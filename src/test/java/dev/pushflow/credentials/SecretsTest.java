package dev.pushflow.credentials;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretsTest {

    @Test
    void maskKeepsTwoCharactersAtEachEnd() {
        assertEquals("pu***st", Secrets.mask("pushflow-test"));
        assertEquals("pu***st", Secrets.mask("pushflow-test".toCharArray()));
        assertEquals("ab***gh", Secrets.mask("abcdefgh"));
    }

    @Test
    void shortSecretsAreMaskedCompletely() {
        assertEquals("***", Secrets.mask("abcdefg"));
        assertEquals("***", Secrets.mask("a"));
    }

    @Test
    void nothingToMaskGivesAnEmptyString() {
        assertEquals("", Secrets.mask((String) null));
        assertEquals("", Secrets.mask((char[]) null));
        assertEquals("", Secrets.mask(""));
    }
}
