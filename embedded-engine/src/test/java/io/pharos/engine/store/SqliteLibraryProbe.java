package io.pharos.engine.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link SqliteLibraryTest} in a process of its own: points SQLite at a cache, opens a store,
 * writes which libraries the process mapped.
 */
public final class SqliteLibraryProbe {
    private SqliteLibraryProbe() {
    }

    public static void main(String[] args) throws Exception {
        SqliteLibrary.useFrom(Path.of(args[0]));
        try (TimeSeriesStore store = TimeSeriesStore.open(Path.of(args[1]), StoreOptions.defaults())) {
            Files.write(Path.of(args[2]), Files.readAllLines(Path.of("/proc/self/maps")));
        }
    }
}
