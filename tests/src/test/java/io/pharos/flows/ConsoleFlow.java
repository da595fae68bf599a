package io.pharos.flows;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** What every user flow starts from: the console on a data directory of its own, and a robot. */
abstract class ConsoleFlow {
    @TempDir
    Path dir;
    ConsoleUnderTest console;
    final FxRobot robot = new FxRobot();

    /** Opens the console as a user finds it (see {@link ConsoleUnderTest}). */
    void openConsole() throws Exception {
        console = new ConsoleUnderTest(dir).open();
    }

    @AfterEach
    void closeConsole() throws Exception {
        if (console != null) {
            console.close();
        }
    }
}
