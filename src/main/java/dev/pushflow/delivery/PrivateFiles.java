package dev.pushflow.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Config files that hold tokens, payloads or settings: written to an owner-only temp file next to the target and
 * moved over it (never half-written, never readable by others, not even briefly); folders owner-only (0700).
 */
public final class PrivateFiles {
    static final Set<PosixFilePermission> FILE = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    static final Set<PosixFilePermission> FOLDER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates the folder (and its parents) if needed; a folder PushFlow creates is 0700. */
    public static void createFolder(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        if (Files.exists(abs)) {
            throw new FileAlreadyExistsException(abs.toString(), null, "is a file, not a folder");
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        if (POSIX) {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
            Files.createDirectory(abs);
        }
    }

    /** Narrows an existing file PushFlow owns to 0600 (a file put there by hand keeps no wider permissions). */
    public static void restrict(Path file) {
        if (POSIX && Files.isRegularFile(file)) {
            try {
                Files.setPosixFilePermissions(file, FILE);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // not our file (another owner): reading and writing it still works or fails on its own
            }
        }
    }

    /** Writes the bytes to {@code target} atomically: an owner-only temp file next to it, then a rename. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createFolder(dir);
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a folder, not a file");
        }
        Path tmp = POSIX
                ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(bytes);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * What went wrong with a file, in words, with the fix: "permission denied", "is a folder", "disk full", ...
     * {@code what} names the file's role ("the delivery log").
     */
    public static String describe(String what, Path file, IOException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : msg;
        String where = what + " " + file.toAbsolutePath();
        if (e instanceof AccessDeniedException || reason.contains("Permission denied")) {
            return where + ": permission denied: give your user read and write access to it (chmod u+rw), "
                    + "or move it away";
        }
        if (Files.isDirectory(file)) {
            return where + " is a folder, not a file: move the folder away or delete it";
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException
                || reason.contains("Not a directory") || reason.contains("is a file, not a folder")) {
            return where + ": a folder on its path is a file (" + reason + "): move that file away so the folder "
                    + "can be created";
        }
        if (e instanceof NoSuchFileException) {
            return where + " does not exist: check the path";
        }
        if (reason.contains("No space left") || reason.contains("Disk quota")) {
            return where + ": the disk is full: free some space";
        }
        if (reason.contains("Read-only file system")) {
            return where + " is on a read-only file system: make it writable or use another config folder "
                    + "(-Dpushflow.config.dir=DIR)";
        }
        return where + ": " + (reason.isBlank() ? e.getClass().getSimpleName() : reason)
                + ": check that it is a regular file you can read and write";
    }
}
