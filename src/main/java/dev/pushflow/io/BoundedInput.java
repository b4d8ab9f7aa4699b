package dev.pushflow.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file or a stream, at most {@code limit} bytes, as strict UTF-8 (a leading byte-order mark is dropped). Every
 * failure is an {@link InputException} whose message names the input, the problem and the fix.
 */
public final class BoundedInput {
    public static final int KIB = 1024;
    public static final int MIB = 1024 * 1024;

    private BoundedInput() {
    }

    /** A problem with what the user gave: the message is ready to print. */
    public static final class InputException extends Exception {
        public InputException(String message) {
            super(message);
        }
    }

    /** The bytes of {@code file}, at most {@code limit}; {@code what} names it in messages ("the payload file"). */
    public static byte[] bytes(Path file, String what, int limit) throws InputException {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new InputException(what + " " + abs + " is a folder, not a file: give the path of a file");
        }
        if (!Files.exists(abs)) {
            throw new InputException(what + " " + abs + " does not exist: check the path");
        }
        try (InputStream in = Files.newInputStream(abs)) {
            return bounded(in, what + " " + abs, limit, !Files.isRegularFile(abs));
        } catch (AccessDeniedException e) {
            throw new InputException(what + " " + abs + ": permission denied: make it readable for your user "
                    + "(chmod u+r) or run as its owner");
        } catch (NoSuchFileException e) {
            throw new InputException(what + " " + abs + " does not exist: check the path");
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.contains("Permission denied")) {
                throw new InputException(what + " " + abs + ": permission denied: make it readable for your user "
                        + "(chmod u+r) or run as its owner");
            }
            throw new InputException(what + " " + abs + " cannot be read (" + m + "): check that it is a regular "
                    + "file you can read");
        }
    }

    /** The bytes of a stream (standard input), at most {@code limit}. */
    public static byte[] bytes(InputStream in, String what, int limit) throws InputException {
        try {
            return bounded(in, what, limit, false);
        } catch (IOException e) {
            throw new InputException(what + " cannot be read: " + e.getMessage());
        }
    }

    /** The text of {@code file} as strict UTF-8, at most {@code limit} bytes. */
    public static String text(Path file, String what, int limit) throws InputException {
        return utf8(bytes(file, what, limit), what + " " + file.toAbsolutePath());
    }

    /** The text of a stream as strict UTF-8, at most {@code limit} bytes. */
    public static String text(InputStream in, String what, int limit) throws InputException {
        return utf8(bytes(in, what, limit), what);
    }

    private static byte[] bounded(InputStream in, String what, int limit, boolean special) throws IOException,
            InputException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * KIB));
        byte[] buf = new byte[64 * KIB];
        long total = 0;
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, (long) limit + 1 - total))) > 0) {
            out.write(buf, 0, n);
            total += n;
            if (total > limit) {
                throw new InputException(what + " is larger than " + size(limit) + ", the limit for it"
                        + (special ? " (it is not a regular file: a device such as /dev/zero never ends)" : "")
                        + ": give a smaller file");
            }
        }
        return out.toByteArray();
    }

    /** Strict UTF-8: the first invalid byte is named by its offset, line and column. A leading BOM is dropped. */
    public static String utf8(byte[] bytes, String what) throws InputException {
        int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException e) {
            int at = firstInvalid(bytes, from);
            int line = 1;
            int col = 1;
            for (int i = from; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    col = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    col++;
                }
            }
            throw new InputException(what + " is not UTF-8 text: invalid byte 0x"
                    + String.format("%02X", bytes[Math.min(at, bytes.length - 1)] & 0xff) + " at line " + line
                    + ", column " + col + " (byte offset " + at + "): save it as UTF-8"
                    + (e instanceof MalformedInputException ? "" : ""));
        }
    }

    private static int firstInvalid(byte[] b, int from) {
        var dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, b.length - from);
        var out = java.nio.CharBuffer.allocate(b.length + 1);
        var r = dec.decode(in, out, true);
        return r.isError() ? in.position() : b.length;
    }

    private static String size(int bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes % KIB == 0 ? bytes / KIB + " KiB" : bytes + " bytes";
    }
}
