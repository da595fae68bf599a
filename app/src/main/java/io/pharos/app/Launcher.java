package io.pharos.app;

import io.pharos.engine.store.SqliteLibrary;
import java.io.PrintWriter;

/**
 * The entry point. A plain class, not a JavaFX Application: started from the class path, a main
 * class that extends Application fails with "JavaFX runtime components are missing".
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        String level = System.getenv("PHAROS_LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            System.setProperty("org.slf4j.simpleLogger.log.io.pharos", level.strip().toLowerCase(java.util.Locale.ROOT));
        }
        FxToolkit toolkit = FxToolkit.forArguments(args);
        SqliteLibrary.useFrom(DataDirectory.cacheForThisUser().resolve("sqlite"));
        System.exit(PharosCommand.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), toolkit,
                args));
    }
}
