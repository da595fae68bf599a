package io.pharos.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret that snapshot pseudonyms are made with: 32 random bytes, as hexadecimal text, in a file
 * readable by its owner only. The data directory has its own, made on first use; a team shares one
 * file to get the same pseudonyms.
 */
final class RedactionKey {
    static final String FILE_NAME = "snapshot-redaction.key";

    private RedactionKey() {
    }

    static byte[] read(Path file, boolean makeWhenMissing) {
        try {
            if (!Files.exists(file) && makeWhenMissing) {
                make(file);
            }
            if (Files.size(file) > 4096) {
                throw new UserFacingException(file + " is too large to be a redaction key.");
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
            byte[] key = HexFormat.of().parseHex(text);
            if (key.length < 16) {
                throw new IllegalArgumentException("too short");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(file + " is not a redaction key (at least 32 hexadecimal digits on one line).", e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the redaction key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void make(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return; // another export made it a moment ago: use that one
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory is in the user's own profile
        }
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n");
    }
}
