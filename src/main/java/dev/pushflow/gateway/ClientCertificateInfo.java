package dev.pushflow.gateway;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.apns.PushType;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an Apple-style push certificate allows, read from its extensions with a small DER reader of our own:
 * 1.2.840.113635.100.6.3.1 = development (sandbox), .3.2 = production, .3.6 = the topics, and the subject's UID
 * (the bundle ID). Immutable.
 */
final class ClientCertificateInfo {
    static final String DEVELOPMENT_OID = "1.2.840.113635.100.6.3.1";
    static final String PRODUCTION_OID = "1.2.840.113635.100.6.3.2";
    static final String TOPICS_OID = "1.2.840.113635.100.6.3.6";
    /** 0.9.2342.19200300.100.1.1 (userId, "UID"), content octets of the OBJECT IDENTIFIER. */
    private static final byte[] UID_OID = {0x09, (byte) 0x92, 0x26, (byte) 0x89, (byte) 0x93, (byte) 0xF2, 0x2C, 0x64, 0x01, 0x01};

    /** A topic of the .3.6 extension and the kinds listed after it ("app", "voip", "complication", ...). */
    record Topic(String name, List<String> kinds) {
        Topic {
            kinds = List.copyOf(kinds);
        }
    }

    private final String uid;
    private final boolean development;
    private final boolean production;
    private final boolean wellFormed;
    private final List<Topic> topics;
    private final Set<String> topicNames;
    private final Instant notBefore;
    private final Instant notAfter;
    private final String baseTopic;

    ClientCertificateInfo(String uid, boolean development, boolean production, boolean wellFormed, List<Topic> topics,
                          Instant notBefore, Instant notAfter) {
        this.uid = uid;
        this.development = development;
        this.production = production;
        this.wellFormed = wellFormed;
        List<Topic> effective = topics.isEmpty() && uid != null ? List.of(new Topic(uid, List.of("app"))) : topics;
        this.topics = List.copyOf(effective);
        Set<String> names = new LinkedHashSet<>();
        for (Topic t : this.topics) {
            names.add(t.name());
        }
        this.topicNames = Set.copyOf(names);
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.baseTopic = singleBaseTopic(this.topics);
    }

    static ClientCertificateInfo of(X509Certificate cert) {
        boolean dev = cert.getExtensionValue(DEVELOPMENT_OID) != null;
        boolean prod = cert.getExtensionValue(PRODUCTION_OID) != null;
        boolean wellFormed = true;
        String uid = null;
        List<Topic> topics = List.of();
        try {
            uid = uidOf(cert.getSubjectX500Principal().getEncoded());
            byte[] ext = cert.getExtensionValue(TOPICS_OID);
            if (ext != null) {
                topics = parseTopicsExtension(ext);
            }
        } catch (IllegalArgumentException e) {
            wellFormed = false;
        }
        return new ClientCertificateInfo(uid, dev, prod, wellFormed, topics,
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    }

    /**
     * The .3.6 extension as {@link X509Certificate#getExtensionValue} returns it: an OCTET STRING wrapping
     * SEQUENCE { topic1 UTF8String, SEQUENCE { kind UTF8String... }, topic2 UTF8String, SEQUENCE {...}, ... }.
     */
    static List<Topic> parseTopicsExtension(byte[] extensionValue) {
        Der outer = new Der(extensionValue, 0, extensionValue.length);
        Der.Element octets = outer.next(0x04);
        Der inner = octets.children();
        Der.Element seq = inner.next(0x30);
        Der items = seq.children();
        List<Topic> topics = new ArrayList<>();
        String current = null;
        List<String> kinds = new ArrayList<>();
        while (items.hasMore()) {
            Der.Element e = items.next(-1);
            if (e.isString()) {
                if (current != null) {
                    topics.add(new Topic(current, kinds));
                }
                current = e.string();
                kinds = new ArrayList<>();
            } else if (e.tag() == 0x30 && current != null) {
                Der k = e.children();
                while (k.hasMore()) {
                    Der.Element s = k.next(-1);
                    if (s.isString()) {
                        kinds.add(s.string());
                    }
                }
            }
        }
        if (current != null) {
            topics.add(new Topic(current, kinds));
        }
        return topics;
    }

    /** The UID attribute of an encoded X.500 name: SEQUENCE OF SET OF SEQUENCE { OID, value }. */
    static String uidOf(byte[] encodedName) {
        Der name = new Der(encodedName, 0, encodedName.length).next(0x30).children();
        while (name.hasMore()) {
            Der rdn = name.next(0x31).children();
            while (rdn.hasMore()) {
                Der atv = rdn.next(0x30).children();
                Der.Element oid = atv.next(0x06);
                Der.Element value = atv.next(-1);
                if (oid.contentEquals(UID_OID) && value.isString()) {
                    return value.string();
                }
            }
        }
        return null;
    }

    /** Base topics carry the kind "app"; when no topic lists kinds, those without a push-type suffix. */
    private static String singleBaseTopic(List<Topic> topics) {
        boolean anyKinds = topics.stream().anyMatch(t -> !t.kinds().isEmpty());
        List<String> base = new ArrayList<>();
        for (Topic t : topics) {
            boolean isBase = anyKinds ? t.kinds().contains("app") : !hasPushTypeSuffix(t.name());
            if (isBase) {
                base.add(t.name());
            }
        }
        return base.size() == 1 ? base.get(0) : null;
    }

    private static boolean hasPushTypeSuffix(String topic) {
        for (PushType p : PushType.values()) {
            if (!p.topicSuffix().isEmpty() && topic.endsWith(p.topicSuffix())) {
                return true;
            }
        }
        return false;
    }

    String uid() {
        return uid;
    }

    boolean development() {
        return development;
    }

    boolean production() {
        return production;
    }

    /** Parsed without error and says at least one environment. */
    boolean usable() {
        return wellFormed && (development || production);
    }

    List<Topic> topics() {
        return topics;
    }

    boolean allowsEnvironment(ApnsEnvironment env) {
        return env == ApnsEnvironment.SANDBOX ? development : production;
    }

    boolean allowsTopic(String topic) {
        return topicNames.contains(topic);
    }

    /** The certificate's only base topic (its bundle ID), or {@code null} when it has none or several. */
    String baseTopic() {
        return baseTopic;
    }

    boolean isValidAt(Instant t) {
        return !t.isBefore(notBefore) && !t.isAfter(notAfter);
    }

    @Override
    public String toString() {
        return "ClientCertificateInfo[uid=" + uid + ", development=" + development + ", production=" + production
                + ", topics=" + topics + ", notAfter=" + notAfter + "]";
    }

    /** A minimal DER reader: single-byte tags, definite lengths. Malformed input -> IllegalArgumentException. */
    static final class Der {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Der(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.pos = from;
            this.end = to;
        }

        boolean hasMore() {
            return pos < end;
        }

        /** The next element; {@code expectedTag} -1 accepts any tag. */
        Element next(int expectedTag) {
            if (pos + 2 > end) {
                throw new IllegalArgumentException("DER: truncated");
            }
            int tag = bytes[pos++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new IllegalArgumentException("DER: multi-byte tags are not supported");
            }
            int len = bytes[pos++] & 0xFF;
            if (len >= 0x80) {
                int n = len & 0x7F;
                if (n == 0 || n > 3 || pos + n > end) {
                    throw new IllegalArgumentException("DER: bad length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (bytes[pos++] & 0xFF);
                }
            }
            if (len > end - pos) {
                throw new IllegalArgumentException("DER: length beyond the data");
            }
            if (expectedTag >= 0 && tag != expectedTag) {
                throw new IllegalArgumentException("DER: expected tag " + expectedTag + ", found " + tag);
            }
            Element e = new Element(bytes, tag, pos, len);
            pos += len;
            return e;
        }

        record Element(byte[] bytes, int tag, int start, int length) {
            Der children() {
                return new Der(bytes, start, start + length);
            }

            boolean isString() {
                return tag == 0x0C || tag == 0x13 || tag == 0x16 || tag == 0x14;
            }

            String string() {
                return new String(bytes, start, length,
                        tag == 0x0C ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }

            boolean contentEquals(byte[] other) {
                return Arrays.equals(bytes, start, start + length, other, 0, other.length);
            }
        }
    }
}
