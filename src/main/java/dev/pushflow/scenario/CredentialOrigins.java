package dev.pushflow.scenario;

import dev.pushflow.credentials.Credential;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** Which spec produced which credential; weak keys, so dropped credentials are forgotten. */
final class CredentialOrigins {
    static final Map<Credential, CredentialSpec> MAP = Collections.synchronizedMap(new WeakHashMap<>());

    private CredentialOrigins() {
    }
}
