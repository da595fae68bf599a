package io.pharos.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteLibraryTest {
    @TempDir
    Path dir;

    private static byte[] jarCopy() throws IOException {
        String name = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SqliteLibrary.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String crcOf(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toHexString(crc.getValue());
    }

    @Test
    void theLibraryIsUnpackedOnceInTheFolderOfItsCrcAndKeptWhileItMatches() throws Exception {
        Path file = SqliteLibrary.unpackedIn(dir);
        assertThat(file).isNotNull().isRegularFile();
        assertThat(Files.readAllBytes(file)).isEqualTo(jarCopy());
        assertThat(file.getParent()).isEqualTo(dir.resolve(crcOf(jarCopy())));
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, written);
        assertThat(SqliteLibrary.unpackedIn(dir)).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file)).as("not unpacked again").isEqualTo(written);
        try (var left = Files.list(file.getParent())) {
            assertThat(left.toList()).as("nothing half-written left beside it").containsExactly(file);
        }
    }

    @Test
    void aDamagedCopyIsReplacedAndHalfWrittenOnesOfDeadProcessesRemoved() throws Exception {
        Path file = SqliteLibrary.unpackedIn(dir);
        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length / 2] ^= 1;
        Files.write(file, damaged);
        Path stale = Files.writeString(file.getParent().resolve("libsqlitejdbc.so123.part"), "half");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = Files.writeString(file.getParent().resolve("libsqlitejdbc.so456.part"), "another process");
        assertThat(SqliteLibrary.unpackedIn(dir)).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(jarCopy());
        assertThat(stale).doesNotExist();
        assertThat(fresh).as("perhaps still being written").exists();
    }

    @Test
    void aPlaceThatCannotBeWrittenLeavesSqliteJdbcItsOwnWay() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertThat(SqliteLibrary.unpackedIn(notADirectory.resolve("native"))).isNull();
    }

    /** A real process opens a store: SQLite's library is the one in the cache it was given. */
    @Test
    void aStoreOpensWithTheLibraryOfTheCache() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux's /proc tells");
        Path out = dir.resolve("maps.txt");
        Path cache = dir.resolve("cache");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SqliteLibraryProbe.class.getName(), cache.toString(), dir.resolve("data").toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("probe.log"))).isZero();
        Path library = cache.resolve(crcOf(jarCopy())).resolve(LibraryLoaderUtil.getNativeLibName()).toRealPath();
        List<String> maps = Files.readAllLines(out);
        assertThat(maps).anyMatch(line -> line.endsWith(library.toString()));
        assertThat(maps).noneMatch(line -> line.contains(Path.of(System.getProperty("java.io.tmpdir"), "sqlite-")
                .toString()));
    }
}
