package dev.pushflow.credentials;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The ONLY place PushFlow ever writes a password, and only when the user asked for it ("Remember the password on
 * this computer"): {@value #FILE_NAME} in the config folder, plain text, readable by its owner only (0600 on POSIX,
 * an owner-only ACL elsewhere). A .p12 password is keyed by the absolute path of the .p12 file. Deleting the file
 * forgets everything. Nothing here logs or prints a password; {@link #toString()} shows the path only.
 *
 * <p>Not encrypted, on purpose: an encryption key would have to sit next to it, and the operating system's keyring
 * (macOS Keychain, Windows Credential Manager, Secret Service) has no Java API without native libraries.
 */
public final class SecretStore {
    /** The file name says what it is, so nobody mistakes it for something safe to share. */
    public static final String FILE_NAME = "secrets.UNENCRYPTED.properties";
    private static final String P12_PREFIX = "p12-password:";
    private static final String PROXY_PREFIX = "proxy-password:";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final String HEADER = String.join("\n",
            " PushFlow: passwords you asked it to remember (Console > Remember the password on this computer).",
            " STORED UNENCRYPTED. Anyone who can read this file can read them; only your user may read it.",
            " Delete this file, or click 'Forget stored passwords' in the Console, and PushFlow forgets them all.",
            " Keys are p12-password:<absolute path of the .p12 file> and proxy-password:<proxy without password>.");

    private final Path file;

    public SecretStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The store of a config folder: {@code <dir>/}{@value #FILE_NAME}. */
    public static SecretStore inFolder(Path dir) {
        return new SecretStore(dir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** The remembered password of a .p12 file, if the user asked for it to be remembered. */
    public synchronized Optional<char[]> p12Password(Path p12File) {
        String v = read().getProperty(p12Key(p12File));
        return v == null ? Optional.empty() : Optional.of(v.toCharArray());
    }

    public synchronized boolean hasP12Password(Path p12File) {
        return read().containsKey(p12Key(p12File));
    }

    /** Remembers a .p12 password under the file's absolute path; the store file is (re)written owner-only. */
    public synchronized void rememberP12Password(Path p12File, char[] password) throws IOException {
        Properties p = read();
        p.setProperty(p12Key(p12File), new String(password));
        write(p);
    }

    /** Forgets one file's password; true when there was one. The store file goes when it is left empty. */
    public synchronized boolean forgetP12Password(Path p12File) throws IOException {
        Properties p = read();
        if (p.remove(p12Key(p12File)) == null) {
            return false;
        }
        if (p.isEmpty()) {
            Files.deleteIfExists(file);
        } else {
            write(p);
        }
        return true;
    }

    /**
     * The remembered password of a proxy, named as it is saved without its password
     * ({@code http://user@host:port}), if the user asked for it to be remembered.
     */
    public synchronized Optional<char[]> proxyPassword(String proxyWithoutPassword) {
        String v = read().getProperty(PROXY_PREFIX + proxyWithoutPassword);
        return v == null ? Optional.empty() : Optional.of(v.toCharArray());
    }

    /** Remembers a proxy's password; the store file is (re)written owner-only. */
    public synchronized void rememberProxyPassword(String proxyWithoutPassword, char[] password) throws IOException {
        Properties p = read();
        p.setProperty(PROXY_PREFIX + proxyWithoutPassword, new String(password));
        write(p);
    }

    /** Forgets a proxy's password; true when there was one. The store file goes when it is left empty. */
    public synchronized boolean forgetProxyPassword(String proxyWithoutPassword) throws IOException {
        Properties p = read();
        if (p.remove(PROXY_PREFIX + proxyWithoutPassword) == null) {
            return false;
        }
        if (p.isEmpty()) {
            Files.deleteIfExists(file);
        } else {
            write(p);
        }
        return true;
    }

    /** Forgets every stored password: deletes the file. */
    public synchronized void forgetAll() throws IOException {
        Files.deleteIfExists(file);
    }

    /** How many passwords are stored. */
    public synchronized int size() {
        return read().size();
    }

    @Override
    public String toString() {
        return "SecretStore[" + file + "]";
    }

    private static String p12Key(Path p12File) {
        return P12_PREFIX + p12File.toAbsolutePath().normalize();
    }

    /**
     * Why the file exists but cannot be read (permission denied, a folder, a malformed line), with the fix; null when
     * it reads or is absent. An unreadable store is not "nothing stored": the window says which.
     */
    public synchronized String readProblem() {
        if (!Files.exists(file)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return FILE_NAME + " cannot be read: " + file + " is a folder, not a file: move it away";
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            new Properties().load(in);
            return null;
        } catch (java.nio.file.AccessDeniedException e) {
            return FILE_NAME + " cannot be read: " + file + ": permission denied: make it readable for your user "
                    + "(chmod 600)";
        } catch (IOException | IllegalArgumentException e) {
            return FILE_NAME + " cannot be read: " + file + ": " + e.getMessage()
                    + ": fix the line, or delete the file (Forget stored passwords) and remember the passwords again";
        }
    }

    /** An absent or unreadable store is an empty one: the user loads the credential again ({@link #readProblem()}). */
    private Properties read() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return p;
    }

    /** Written to an owner-only file next to the target, then moved over it: never readable by others, not even briefly. */
    private void write(Properties p) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        StringWriter text = new StringWriter();
        p.store(text, HEADER);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix
                ? Files.createTempFile(dir, ".secrets", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".secrets", ".tmp");
        try {
            if (!posix) {
                restrictToOwner(tmp);
            }
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(text.toString());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix) {
                // a file put there by hand keeps no wider permissions once PushFlow writes it
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Where there are no POSIX permissions (Windows): an ACL that lets the owner, and nobody else, in. */
    private static void restrictToOwner(Path f) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(f, AclFileAttributeView.class);
        if (acl == null) {
            return;
        }
        AclEntry owner = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(Files.getOwner(f))
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        acl.setAcl(List.of(owner));
    }
}
