package io.pharos.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept unpacked in a directory of the data directory. Left to itself,
 * sqlite-jdbc unpacks it into the temporary directory under a new name at every start and
 * checksums it (a tenth of a second of each start), and a process that is killed leaves its copy
 * behind (a megabyte each time). Here it is unpacked once, checked against the jar's own CRC at
 * each start (a millisecond), and unpacked again when the jar's differs (a new version).
 */
final class SqliteLibrary {
    /** The properties sqlite-jdbc reads before it looks anywhere else. */
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);

    private SqliteLibrary() {
    }

    /**
     * Makes sqlite-jdbc load its library from {@code dir}, unpacking it there first if needed. Does
     * nothing when the library is not in a jar or cannot be written there: sqlite-jdbc's own way
     * still works. Only the first call of a process can matter; the library is loaded once.
     */
    static synchronized void useFrom(Path dir) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return; // set by an earlier store of this process, or by whoever runs it
        }
        Path file = unpackedIn(dir);
        if (file != null) {
            System.setProperty(PATH_PROPERTY, file.getParent().toAbsolutePath().toString());
            System.setProperty(NAME_PROPERTY, file.getFileName().toString());
        }
    }

    /**
     * The library unpacked in {@code dir} and matching the jar's, unpacked now if it was missing or
     * differed; null when the library is not in a jar or cannot be written there.
     */
    static Path unpackedIn(Path dir) {
        String name = LibraryLoaderUtil.getNativeLibName();
        URL resource = SqliteLibrary.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name);
        if (resource == null) {
            return null; // no build of the library for this platform in the jar: sqlite-jdbc says so itself
        }
        try {
            URLConnection connection = resource.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            long crc = jar.getJarEntry().getCrc();
            Path file = dir.resolve(name);
            if (crc < 0 || !Files.isRegularFile(file) || crcOf(file) != crc) {
                unpack(resource, dir, file);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite's library stays with sqlite-jdbc's own unpacking: {}", e.toString());
            return null;
        }
    }

    /** Written beside and moved in at once: a process starting meanwhile sees the old file or the new. */
    private static void unpack(URL resource, Path dir, Path file) throws IOException {
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            try (InputStream in = resource.openStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    static long crcOf(Path file) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue();
    }
}
