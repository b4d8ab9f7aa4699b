package dev.pushflow.credentials;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.crypto.BadPaddingException;

/**
 * Opens a .p12 as Pushy will and explains every way it can fail. The chosen entry is the first private key
 * whose certificate is an APNs push certificate, or the first private key when none is.
 */
final class P12Reader {
    static final String EXPORT_HOWTO = "in Keychain Access, under My Certificates, select the push certificate"
            + " together with its private key and use File > Export Items as Personal Information Exchange (.p12)";

    private P12Reader() {
    }

    /** The usable entry: the key, the certificate chain (push certificate first) and notes for the user. */
    record KeyEntry(String alias, PrivateKey key, X509Certificate[] chain, int keyEntries, List<String> notes) {
        X509Certificate certificate() {
            return chain[0];
        }

        @Override
        public String toString() {
            return "KeyEntry[" + alias + ", key=***]";
        }
    }

    static KeyEntry open(String label, byte[] p12, char[] password) throws CredentialException {
        char[] pw = password == null ? new char[0] : password;
        FileSniffer.Result sniff = FileSniffer.sniff(p12);
        if (sniff.kind() != FileSniffer.Kind.PKCS12) {
            throw new CredentialException(notPkcs12(label, sniff));
        }
        KeyStore ks = load(label, p12, pw);
        List<String> keyAliases = new ArrayList<>();
        List<String> certAliases = new ArrayList<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                } else if (ks.isCertificateEntry(alias)) {
                    certAliases.add(alias);
                }
            }
        } catch (KeyStoreException e) {
            throw new CredentialException(label + " could not be read (" + CredentialException.plain(e) + "). "
                    + "Export it again: " + EXPORT_HOWTO + ".", e);
        }
        if (keyAliases.isEmpty()) {
            throw new CredentialException(noKey(label, p12, pw, !certAliases.isEmpty()));
        }
        String chosen = null;
        X509Certificate[] chain = null;
        List<String> pushAliases = new ArrayList<>();
        for (String alias : keyAliases) {
            X509Certificate[] c = chainOf(ks, alias);
            if (c.length > 0 && CertificateInspector.kindOf(c[0]) != CertificateKind.UNKNOWN) {
                pushAliases.add(alias);
                if (chosen == null) {
                    chosen = alias;
                    chain = c;
                }
            }
        }
        if (chosen == null) {
            chosen = keyAliases.get(0);
            chain = chainOf(ks, chosen);
        }
        if (chain.length == 0) {
            throw new CredentialException(label + " contains a private key but no certificate for it: "
                    + EXPORT_HOWTO + ".");
        }
        PrivateKey key;
        try {
            key = (PrivateKey) ks.getKey(chosen, pw);
        } catch (UnrecoverableKeyException e) {
            throw new CredentialException("The private key inside " + label + " is protected by a different password"
                    + " than the file itself, which Pushy cannot use. Export it again from Keychain Access with a"
                    + " single password.", e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new CredentialException("The private key inside " + label + " could not be read ("
                    + CredentialException.plain(e) + "). Export it again: " + EXPORT_HOWTO + ".", e);
        }
        if (key == null) {
            throw new CredentialException(label + " contains a certificate but no private key: in Keychain Access"
                    + " select the certificate AND its key and export both.");
        }
        if (!keyMatches(key, chain[0])) {
            throw new CredentialException("The private key in " + label + " does not belong to its certificate ("
                    + CertificateInspector.inspect(chain[0]).commonName() + "). Export them again together: "
                    + EXPORT_HOWTO + ".");
        }
        List<String> notes = new ArrayList<>();
        if (keyAliases.size() > 1) {
            String cn = CertificateInspector.inspect(chain[0]).commonName();
            notes.add(label + " holds " + keyAliases.size() + " certificates with private keys"
                    + (pushAliases.isEmpty() ? ", none of them a push certificate" : "")
                    + ": PushFlow uses the " + (pushAliases.isEmpty() ? "first one" : "first push certificate")
                    + ", \"" + (cn.isEmpty() ? chosen : cn) + "\". To be sure which one is sent, export only that"
                    + " certificate and its key.");
        }
        return new KeyEntry(chosen, key, chain, keyAliases.size(), List.copyOf(notes));
    }

    /** A .p12 holding only {@code entry}, protected by {@code password}: what Pushy will pick is then unambiguous. */
    static byte[] repack(KeyEntry entry, char[] password) throws CredentialException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(entry.alias(), entry.key(), password, entry.chain());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new CredentialException("Could not keep only the push certificate of the .p12 ("
                    + CredentialException.plain(e) + "). Export only the push certificate and its key from Keychain"
                    + " Access and load that file.", e);
        }
    }

    private static KeyStore load(String label, byte[] p12, char[] pw) throws CredentialException {
        IOException failure;
        try {
            return loadWith(p12, pw);
        } catch (IOException e) {
            failure = e;
        } catch (GeneralSecurityException e) {
            throw new CredentialException(label + " uses an encryption this Java runtime cannot read ("
                    + CredentialException.plain(e) + "). Export it again from Keychain Access, or convert it with"
                    + " openssl pkcs12 (without -legacy).", e);
        }
        if (isWrongPassword(failure) || Pkcs12Scanner.macMatches(p12, pw).equals(Optional.of(false))) {
            throw new WrongPasswordException(wrongPassword(label, pw), failure);
        }
        if (hasCause(failure, NoSuchAlgorithmException.class)) {
            throw new CredentialException(label + " uses an encryption this Java runtime cannot read. Export it"
                    + " again from Keychain Access, or convert it with openssl pkcs12 (without -legacy).", failure);
        }
        throw new CredentialException(label + " looks like a .p12 file but is damaged or in a form Java cannot"
                + " read (" + CredentialException.plain(failure) + "). Export it again: " + EXPORT_HOWTO + ".",
                failure);
    }

    private static KeyStore loadWith(byte[] p12, char[] pw) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(p12), pw);
        return ks;
    }

    static String wrongPassword(String label, char[] pw) {
        String extra = "";
        if (pw.length == 0) {
            extra = " No password was entered.";
        } else if (Character.isWhitespace(pw[0]) || Character.isWhitespace(pw[pw.length - 1])) {
            extra = " The password you entered starts or ends with a space: check whether it belongs there.";
        }
        return "The password for " + label + " is wrong. Use the password you chose when exporting it from"
                + " Keychain Access." + extra;
    }

    private static boolean isWrongPassword(IOException e) {
        if (hasCause(e, UnrecoverableKeyException.class) || hasCause(e, BadPaddingException.class)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("password was incorrect") || m.contains("integrity check"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static X509Certificate[] chainOf(KeyStore ks, String alias) {
        try {
            Certificate[] chain = ks.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                Certificate c = ks.getCertificate(alias);
                chain = c == null ? new Certificate[0] : new Certificate[] {c};
            }
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : chain) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out.toArray(new X509Certificate[0]);
        } catch (KeyStoreException e) {
            return new X509Certificate[0];
        }
    }

    /** Signs a probe with the key and verifies it with the certificate; true when the check cannot be made. */
    private static boolean keyMatches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "PushFlow key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm());
        }
    }

    private static String noKey(String label, byte[] p12, char[] pw, boolean trustedCertificates) {
        Pkcs12Scanner.Contents contents = Pkcs12Scanner.scan(p12, pw);
        if (!contents.certificates().isEmpty() || trustedCertificates) {
            String which = "";
            if (!contents.certificates().isEmpty()) {
                String cn = CertificateInspector.inspect(contents.certificates().get(0)).commonName();
                which = cn.isEmpty() ? "" : " The certificate is \"" + cn + "\".";
            }
            return label + " contains a certificate but no private key: in Keychain Access select the certificate"
                    + " AND its key and export both (expand the certificate under My Certificates to see its key)."
                    + which + " If the key is not in Keychain Access, it is on the Mac that created the signing"
                    + " request; without it, create a new push certificate.";
        }
        if (!contents.complete()) {
            return label + " contains no private key that Java can read: " + EXPORT_HOWTO + ".";
        }
        return label + " is an empty .p12: it holds neither a certificate nor a private key. Export it again: "
                + EXPORT_HOWTO + ".";
    }

    private static String notPkcs12(String label, FileSniffer.Result sniff) {
        String fix = "Export the push certificate together with its private key: " + EXPORT_HOWTO + ".";
        return switch (sniff.kind()) {
            case EMPTY -> label + " is empty. " + fix;
            case DER_CERTIFICATE -> label + " is a certificate (.cer) as the Apple Developer portal downloads it,"
                    + " without its private key, not a .p12. Double-click it to add it to Keychain Access on the Mac"
                    + " that created the signing request, then " + EXPORT_HOWTO + ".";
            case DER_PKCS8 -> label + " is a bare private key (DER), not a .p12 with a certificate. " + fix;
            case PEM -> {
                boolean cert = sniff.hasPem("CERTIFICATE");
                boolean key = sniff.pemTypes().stream().anyMatch(t -> t.endsWith("PRIVATE KEY"));
                if (cert && key) {
                    yield label + " is a PEM file with a certificate and a private key, not a .p12. Convert it:"
                            + " openssl pkcs12 -export -in " + label + " -out push.p12 (and choose a password), or "
                            + EXPORT_HOWTO + ".";
                }
                if (cert) {
                    yield label + " is a PEM certificate without its private key, not a .p12. " + fix;
                }
                if (sniff.hasPem("PRIVATE KEY")) {
                    yield label + " is a PEM private key, not a .p12. If it is a token key (AuthKey_<KEYID>.p8),"
                            + " load it as a .p8 with its Key ID and Team ID; otherwise " + EXPORT_HOWTO + ".";
                }
                yield label + " is a PEM file (" + sniff.firstPemType() + "), not a .p12. " + fix;
            }
            case TEXT -> label + " is a text file, not a .p12. " + fix;
            default -> label + " is not a PKCS#12 (.p12) file. " + fix;
        };
    }
}
