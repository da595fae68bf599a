package io.pharos.engine.fleet;

import java.io.IOException;

/** A scenario file that cannot be used; the message names the file, the line and what is wrong. */
public final class ScenarioFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    public ScenarioFileException(String file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }
}
