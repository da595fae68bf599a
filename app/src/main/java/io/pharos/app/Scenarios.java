package io.pharos.app;

import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.fleet.ScenarioFile;
import io.pharos.engine.fleet.ScenarioFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Reads a scenario file for the command line, turning its problems into messages for people. */
final class Scenarios {
    private Scenarios() {
    }

    /** @param base the time that offsets like "+2h" in the file count from */
    static List<Scenario> load(Path file, Instant base) {
        try {
            return new ScenarioFile(base).load(file);
        } catch (ScenarioFileException e) {
            throw new UserFacingException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the scenario file " + file + ": " + e.getMessage(), e);
        }
    }
}
