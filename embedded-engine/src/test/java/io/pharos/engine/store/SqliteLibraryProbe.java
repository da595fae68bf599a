package io.pharos.engine.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** Run by {@link SqliteLibraryTest} in a process of its own: opens a store, writes which libraries it mapped. */
public final class SqliteLibraryProbe {
    private SqliteLibraryProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(Path.of(args[0]), StoreOptions.defaults())) {
            Files.write(Path.of(args[1]), Files.readAllLines(Path.of("/proc/self/maps")));
        }
    }
}
