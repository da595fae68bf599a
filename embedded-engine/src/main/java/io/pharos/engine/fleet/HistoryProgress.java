package io.pharos.engine.fleet;

/** Told how far history generation is; called on the thread that called generate. */
@FunctionalInterface
public interface HistoryProgress {
    HistoryProgress NONE = (written, total) -> { };

    void update(long samplesWritten, long samplesTotal);
}
