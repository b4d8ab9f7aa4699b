package dev.pushflow.credentials;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads what matters about an APNs credential: the environment, bundle ID, topics and dates of a push
 * certificate, the Key ID, Team ID and curve of a token key. Never throws on odd certificate contents: what
 * cannot be read is left empty.
 */
public final class CertificateInspector {
    /** Apple's "development push" extension: the certificate may connect to the sandbox gateway. */
    public static final String OID_DEVELOPMENT = "1.2.840.113635.100.6.3.1";
    /** Apple's "production push" extension: the certificate may connect to the production gateway. */
    public static final String OID_PRODUCTION = "1.2.840.113635.100.6.3.2";
    /** Apple's topics extension: the bundle ID and its .voip, .complication, ... topics. */
    public static final String OID_TOPICS = "1.2.840.113635.100.6.3.6";
    /** A certificate whose notAfter is at most this many days away is EXPIRES_SOON. */
    public static final int EXPIRES_SOON_DAYS = 30;

    static final String CN_DEVELOPMENT = "Apple Development IOS Push Services:";
    static final String CN_UNIVERSAL = "Apple Push Services:";
    static final String CN_PRODUCTION_LEGACY = "Apple Production IOS Push Services:";
    private static final String OID_CN = "2.5.4.3";
    private static final String OID_UID = "0.9.2342.19200300.100.1.1";

    private CertificateInspector() {
    }

    /** Inspects the push certificate of a .p12 (the one Pushy will present); fails like the loader when unusable. */
    public static CertificateInfo inspect(P12Credential credential) throws CredentialException {
        return inspect(P12Reader.open(credential.label(), credential.p12(), credential.password()).certificate());
    }

    public static CertificateInfo inspect(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().toString();
        String cn = firstAttribute(certificate.getSubjectX500Principal().getEncoded(), OID_CN);
        String uid = firstAttribute(certificate.getSubjectX500Principal().getEncoded(), OID_UID);
        String bundle = !uid.isEmpty() ? uid : bundleFromCn(cn);
        return new CertificateInfo(subject, cn, bundle, topics(certificate.getExtensionValue(OID_TOPICS)),
                kindOf(certificate), certificate.getIssuerX500Principal().toString(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), sha1(certificate));
    }

    /** Key ID, Team ID and curve of a token key, with a note on what it may push to; fails like the loader. */
    public static P8Info inspect(P8Credential credential) throws CredentialException {
        P8Reader.Key key = P8Reader.parse(credential.label(), credential.pkcs8());
        KeyScope scope = credential.scope();
        if (scope == null) {
            return new P8Info(credential.keyId(), credential.teamId(), key.algorithm(),
                    "Token keys work for both environments (sandbox and production) and for every app (topic) of team "
                            + credential.teamId() + ", unless the key was limited to one environment or to some"
                            + " topics when it was created in " + KeyScope.WHERE + ".");
        }
        String envs = scope.allEnvironments() ? "both environments (sandbox and production)"
                : "the " + scope.environmentName() + " environment only (APNs answers 403 BadEnvironmentKeyIdInToken"
                + " elsewhere)";
        String topics = scope.teamScoped() ? "every app (topic) of team " + credential.teamId()
                : "the topics of " + String.join(", ", scope.bundleIds()) + " only (APNs answers 403"
                + " UnrelatedKeyIdInToken for other apps)";
        return new P8Info(credential.keyId(), credential.teamId(), key.algorithm(),
                "Declared scope " + scope.describe() + ": the key works for " + envs + " and for " + topics + ".",
                scope);
    }

    /** DEVELOPMENT, PRODUCTION or UNIVERSAL from Apple's extensions, else from the CN prefix, else UNKNOWN. */
    public static CertificateKind kindOf(X509Certificate certificate) {
        return kindOf(certificate.getExtensionValue(OID_DEVELOPMENT) != null,
                certificate.getExtensionValue(OID_PRODUCTION) != null,
                firstAttribute(certificate.getSubjectX500Principal().getEncoded(), OID_CN));
    }

    /** The rule itself: the extensions decide; only without either does the CN prefix. */
    static CertificateKind kindOf(boolean developmentExtension, boolean productionExtension, String commonName) {
        if (developmentExtension && productionExtension) {
            return CertificateKind.UNIVERSAL;
        }
        if (developmentExtension) {
            return CertificateKind.DEVELOPMENT;
        }
        if (productionExtension) {
            return CertificateKind.PRODUCTION;
        }
        String cn = commonName == null ? "" : commonName;
        if (cn.startsWith(CN_DEVELOPMENT)) {
            return CertificateKind.DEVELOPMENT;
        }
        if (cn.startsWith(CN_UNIVERSAL)) {
            return CertificateKind.UNIVERSAL;
        }
        if (cn.startsWith(CN_PRODUCTION_LEGACY)) {
            return CertificateKind.PRODUCTION;
        }
        return CertificateKind.UNKNOWN;
    }

    /**
     * The topics in the value of extension .3.6 as {@code getExtensionValue} returns it (an OCTET STRING
     * wrapping the extension's DER). Apple's layout is SEQUENCE { UTF8String topic, SEQUENCE { UTF8String kind,
     * ... }, topic, SEQUENCE {...}, ... }; a SEQUENCE that does not follow a topic is searched for topics too.
     * Returns what could be read before anything odd; never throws.
     */
    static List<String> topics(byte[] extensionValue) {
        Set<String> out = new LinkedHashSet<>();
        if (extensionValue == null) {
            return List.of();
        }
        try {
            Der.Tlv t = Der.read(extensionValue);
            if (t.tag() == Der.OCTET_STRING) {
                t = t.inner();
            }
            if (t.isString()) {
                addTopic(out, t.string());
            } else if (t.constructed()) {
                walkTopics(t, out, 0);
            }
        } catch (Der.Malformed | RuntimeException e) {
            // keep what was read
        }
        return List.copyOf(out);
    }

    private static void walkTopics(Der.Tlv container, Set<String> out, int depth) {
        int pos = container.valueStart();
        boolean afterTopic = false;
        while (pos < container.end()) {
            Der.Tlv item;
            try {
                item = Der.read(container.src(), pos, container.end());
            } catch (Der.Malformed e) {
                return;
            }
            pos = item.end();
            try {
                if (item.isString()) {
                    addTopic(out, item.string());
                    afterTopic = true;
                } else if (item.constructed() && afterTopic) {
                    afterTopic = false; // the kinds of the topic before it: "app", "voip", "complication"
                } else if (item.constructed() && depth < 4) {
                    walkTopics(item, out, depth + 1);
                } else {
                    afterTopic = false;
                }
            } catch (Der.Malformed | RuntimeException e) {
                afterTopic = false;
            }
        }
    }

    private static void addTopic(Set<String> out, String topic) {
        String t = topic.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    /** The first value of attribute {@code oid} in a DER Name (SEQUENCE of SET of SEQUENCE {OID, value}); "" if none. */
    static String firstAttribute(byte[] name, String oid) {
        try {
            for (Der.Tlv rdn : Der.sequence(Der.read(name), 0)) {
                for (Der.Tlv atv : rdn.children()) {
                    List<Der.Tlv> pair = Der.sequence(atv, 2);
                    if (oid.equals(pair.get(0).oid()) && pair.get(1).isString()) {
                        return pair.get(1).string().strip();
                    }
                }
            }
        } catch (Der.Malformed | RuntimeException e) {
            // no such attribute readable
        }
        return "";
    }

    private static String bundleFromCn(String cn) {
        for (String prefix : List.of(CN_DEVELOPMENT, CN_UNIVERSAL, CN_PRODUCTION_LEGACY)) {
            if (cn.startsWith(prefix)) {
                return cn.substring(prefix.length()).strip();
            }
        }
        return "";
    }

    private static String sha1(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "";
        }
    }
}
