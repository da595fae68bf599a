package io.pharos.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept unpacked in a per-user cache. Left to itself, sqlite-jdbc unpacks
 * it into the temporary directory under a new name at every start and checksums it (a tenth of a
 * second of each start), and a process that is killed leaves its copy behind (a megabyte each
 * time). Here each build of the library is unpacked once, into a folder named by its CRC in the
 * jar (so versions and architectures never replace one another's file), and checked against that
 * CRC at each start (a millisecond).
 */
public final class SqliteLibrary {
    /** The properties sqlite-jdbc reads before it looks anywhere else. */
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    /** A half-written copy older than this was left by a process that died while unpacking. */
    private static final long STALE_PART_MS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);

    private SqliteLibrary() {
    }

    /**
     * Makes sqlite-jdbc load its library from under {@code cacheDir}, unpacking it there first if
     * needed. Call it before the process's first SQLite connection (the library is loaded once).
     * Does nothing when the library is not in a jar or cannot be written there: sqlite-jdbc's own
     * way still works.
     */
    public static synchronized void useFrom(Path cacheDir) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return; // set by an earlier call, or by whoever runs the process
        }
        Path file = unpackedIn(cacheDir);
        if (file != null) {
            System.setProperty(PATH_PROPERTY, file.getParent().toAbsolutePath().toString());
            System.setProperty(NAME_PROPERTY, file.getFileName().toString());
        }
    }

    /**
     * The library unpacked under {@code cacheDir} in the folder of its CRC and matching the jar's,
     * unpacked now if it was missing or damaged; null when it is not in a jar or cannot be written.
     */
    static Path unpackedIn(Path cacheDir) {
        String name = LibraryLoaderUtil.getNativeLibName();
        URL resource = SqliteLibrary.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name);
        if (resource == null) {
            return null; // no build of the library for this platform in the jar: sqlite-jdbc says so itself
        }
        try {
            long crc = jarCrc(resource);
            if (crc < 0) {
                return null;
            }
            Path dir = cacheDir.resolve(Long.toHexString(crc));
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file) || crcOf(file) != crc) {
                unpack(resource, dir, file);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite's library stays with sqlite-jdbc's own unpacking: {}", e.toString());
            return null;
        }
    }

    /** The CRC the jar records for the entry, -1 when the library is not in a jar. */
    private static long jarCrc(URL resource) throws IOException {
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return -1;
        }
        connection.setUseCaches(false); // a jar file of its own, closed here: no handle kept open
        try (JarFile file = jar.getJarFile()) {
            var entry = file.getJarEntry(jar.getEntryName());
            return entry == null ? -1 : entry.getCrc();
        }
    }

    /** Written beside and moved in at once: a process starting meanwhile sees no file or the whole one. */
    private static void unpack(URL resource, Path dir, Path file) throws IOException {
        Files.createDirectories(dir);
        removeStaleParts(dir);
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

    private static void removeStaleParts(Path dir) throws IOException {
        FileTime staleBefore = FileTime.fromMillis(System.currentTimeMillis() - STALE_PART_MS);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).compareTo(staleBefore) < 0) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    static long crcOf(Path file) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue();
    }
}
