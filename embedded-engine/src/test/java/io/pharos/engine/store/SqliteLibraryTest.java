package io.pharos.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void theLibraryIsUnpackedOnceAndKeptWhileItMatchesTheJar() throws Exception {
        Path file = SqliteLibrary.unpackedIn(dir.resolve("native"));
        assertThat(file).isNotNull().isRegularFile();
        assertThat(Files.readAllBytes(file)).isEqualTo(jarCopy());
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, written);
        assertThat(SqliteLibrary.unpackedIn(dir.resolve("native"))).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file)).as("not unpacked again").isEqualTo(written);
        try (var left = Files.list(dir.resolve("native"))) {
            assertThat(left.toList()).as("nothing half-written left beside it").containsExactly(file);
        }
    }

    @Test
    void aDamagedOrOtherVersionIsReplaced() throws Exception {
        Path file = SqliteLibrary.unpackedIn(dir);
        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length / 2] ^= 1;
        Files.write(file, damaged);
        SqliteLibrary.unpackedIn(dir);
        assertThat(Files.readAllBytes(file)).isEqualTo(jarCopy());
        Files.write(file, new byte[] {1, 2, 3});
        SqliteLibrary.unpackedIn(dir);
        assertThat(Files.readAllBytes(file)).isEqualTo(jarCopy());
    }

    @Test
    void aPlaceThatCannotBeWrittenLeavesSqliteJdbcItsOwnWay() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertThat(SqliteLibrary.unpackedIn(notADirectory.resolve("native"))).isNull();
    }

    /** A real process opens a store: SQLite's library is the one in its data directory. */
    @Test
    void aStoreOpensWithTheLibraryOfItsDataDirectory() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux's /proc tells");
        Path out = dir.resolve("maps.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SqliteLibraryProbe.class.getName(), dir.resolve("data").toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("probe.log"))).isZero();
        Path library = dir.resolve("data").resolve(TimeSeriesStore.NATIVE_DIRECTORY)
                .resolve(LibraryLoaderUtil.getNativeLibName()).toRealPath();
        List<String> maps = Files.readAllLines(out);
        assertThat(maps).anyMatch(line -> line.endsWith(library.toString()));
        assertThat(maps).noneMatch(line -> line.contains(System.getProperty("java.io.tmpdir") + "/sqlite-"));
    }
}
