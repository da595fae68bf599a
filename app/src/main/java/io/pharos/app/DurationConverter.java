package io.pharos.app;

import io.pharos.engine.model.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads durations as people write them (500ms, 15s, 10m, 2h, 7d, 1h30m, or ISO-8601 like PT15S): {@link Durations}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
