package dev.pushflow.credentials;

import dev.pushflow.apns.ApnsEnvironment;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scope a user declares for a .p8 key, as the developer portal offers it since 2025. */
class KeyScopeTest {

    @Test
    void undeclaredPartsMeanTeamScopedForBothEnvironments() {
        KeyScope s = KeyScope.parse(null, null);
        assertEquals(KeyScope.TEAM_ALL_ENVIRONMENTS, s);
        assertTrue(s.teamScoped() && s.allEnvironments());
        assertEquals("Sandbox & Production, team-scoped (every topic of the team)", s.describe());
        assertTrue(s.coversTopic("com.any.app.voip"));
    }

    @Test
    void environmentsAreReadAsThePortalNamesThem() {
        assertEquals(Set.of(ApnsEnvironment.SANDBOX), KeyScope.parseEnvironments("Sandbox"));
        assertEquals(Set.of(ApnsEnvironment.SANDBOX), KeyScope.parseEnvironments("development"));
        assertEquals(Set.of(ApnsEnvironment.PRODUCTION), KeyScope.parseEnvironments(" production "));
        assertEquals(EnumSet.allOf(ApnsEnvironment.class), KeyScope.parseEnvironments("both"));
        assertEquals(EnumSet.allOf(ApnsEnvironment.class), KeyScope.parseEnvironments("Sandbox & Production"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyScope.parseEnvironments("staging"));
        assertEquals("unknown key environment 'staging': use sandbox, production or both (a \"Sandbox &"
                + " Production\" key)", e.getMessage());
    }

    @Test
    void topicSpecificKeyCoversItsBundlesWithEveryPushTypeSuffix() {
        KeyScope s = KeyScope.parse("production", "com.example.chat, com.example.chat.watchkitapp");
        assertEquals(Set.of("com.example.chat", "com.example.chat.watchkitapp"), s.bundleIds());
        assertFalse(s.teamScoped());
        assertEquals("Production", s.environmentName());
        assertTrue(s.allows(ApnsEnvironment.PRODUCTION) && !s.allows(ApnsEnvironment.SANDBOX));
        for (String topic : List.of("com.example.chat", "com.example.chat.voip", "com.example.chat.complication",
                "com.example.chat.push-type.liveactivity", "com.example.chat.pushkit.fileprovider",
                "com.example.chat.watchkitapp.complication")) {
            assertTrue(s.coversTopic(topic), topic);
        }
        assertFalse(s.coversTopic("com.example.other"));
        assertFalse(s.coversTopic("com.example.other.voip"));
        assertFalse(s.coversTopic(null));
        assertTrue(s.coversBundle("com.example.chat"));
        assertFalse(s.coversBundle("com.example.chatx"));
        assertEquals("Production, topic-specific (com.example.chat, com.example.chat.watchkitapp)", s.describe());
    }

    @Test
    void badBundleIdsAreNamedWithWhatIsWrong() {
        assertEquals("'com.example chat' is not a bundle ID: it contains a space; a bundle ID has only A-Z, a-z, 0-9,"
                        + " hyphens and periods, like com.example.chat",
                assertThrows(IllegalArgumentException.class, () -> KeyScope.checkBundleId("com.example chat"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyScope.checkBundleId("com.example.*"))
                .getMessage().contains("wildcard"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyScope.checkBundleId("com..example"))
                .getMessage().contains("empty part"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyScope.checkBundleId("com.exämple"))
                .getMessage().contains("'ä'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyScope.checkBundleId(" "))
                .getMessage().contains("missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyScope.parseBundleIds("com.a,,com.b"))
                .getMessage().contains("no empty entry"));
        assertEquals("com.example.chat", KeyScope.checkBundleId("  com.example.chat "));
    }

    @Test
    void aScopeNeedsAnEnvironmentAndATopicSpecificKeyABundle() {
        assertThrows(IllegalArgumentException.class, () -> new KeyScope(Set.of(), Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> KeyScope.topics(EnumSet.of(ApnsEnvironment.SANDBOX), List.of()));
    }

    @Test
    void loaderKeepsTheDeclaredScopeAndTheInspectorSaysIt() throws Exception {
        KeyScope scope = CredentialLoader.keyScope("sandbox", "com.example.chat");
        P8Credential key = CredentialLoader.loadP8WithNotes("AuthKey_PFKEY00001.p8",
                SampleMaterial.bytes("AuthKey_PFKEY00001.p8"), "PFKEY00001", "PFTEAM0001", scope).credential();
        assertEquals(scope, key.scope());
        assertEquals(scope, key.effectiveScope());
        assertTrue(key.toString().contains("scope=Sandbox, topic-specific (com.example.chat)"), key.toString());
        P8Info info = CertificateInspector.inspect(key);
        assertEquals(Set.of(ApnsEnvironment.SANDBOX), info.allowedEnvironments());
        assertTrue(info.note().contains("BadEnvironmentKeyIdInToken") && info.note().contains("UnrelatedKeyIdInToken"),
                info.note());

        P8Credential undeclared = SampleMaterial.tokenKey();
        assertNull(undeclared.scope());
        assertTrue(undeclared.declaredScope().isEmpty());
        assertEquals(KeyScope.TEAM_ALL_ENVIRONMENTS, undeclared.effectiveScope());
        assertEquals(scope, undeclared.withScope(scope).scope());
    }

    @Test
    void loaderExplainsABadScope() {
        CredentialException e = assertThrows(CredentialException.class,
                () -> CredentialLoader.keyScope("both", "com.example.chat,com/example"));
        assertTrue(e.getMessage().startsWith("The key's scope: 'com/example' is not a bundle ID: it contains '/'"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Copy it from the key in Certificates, Identifiers & Profiles > Keys."));
    }
}
