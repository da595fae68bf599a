package io.pharos.views.shell;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pharos.styles.StyleSheets;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console remembers between runs: window size and place, theme, last screen, the time zone
 * shown and the span of the time range. Kept as JSON beside the data; a file that cannot be read
 * gives the defaults (said in the log), never a console that does not open.
 *
 * @param window    where the window was, or null the first time
 * @param theme     light or dark
 * @param screen    id of the last screen shown
 * @param zone      local time or UTC
 * @param rangeSpan span of the time range (it always reopens live)
 */
public record ConsolePreferences(Window window, StyleSheets.Theme theme, String screen, ZoneChoice zone,
                                 Duration rangeSpan) {
    public static final String FILE = "console.json";
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePreferences.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The window's place and size in screen coordinates. */
    public record Window(double x, double y, double width, double height, boolean maximized) {
        public Window {
            if (!(width > 0) || !(height > 0)) {
                throw new IllegalArgumentException("a window has a positive size, got " + width + " x " + height);
            }
        }
    }

    public ConsolePreferences {
        theme = theme == null ? StyleSheets.DEFAULT_THEME : theme;
        zone = zone == null ? ZoneChoice.LOCAL : zone;
        rangeSpan = rangeSpan == null || rangeSpan.isNegative() || rangeSpan.isZero() ? TimeRange.DEFAULT.span()
                : rangeSpan;
    }

    /** The file's shape: plain values, so it reads well and needs no Jackson modules. */
    private record Stored(Window window, StyleSheets.Theme theme, String screen, ZoneChoice zone, long rangeSpanMs) {
    }

    public static ConsolePreferences defaults() {
        return new ConsolePreferences(null, null, null, null, null);
    }

    public ConsolePreferences withWindow(Window w) {
        return new ConsolePreferences(w, theme, screen, zone, rangeSpan);
    }

    public ConsolePreferences withTheme(StyleSheets.Theme t) {
        return new ConsolePreferences(window, t, screen, zone, rangeSpan);
    }

    public ConsolePreferences withScreen(String s) {
        return new ConsolePreferences(window, theme, s, zone, rangeSpan);
    }

    public ConsolePreferences withZone(ZoneChoice z) {
        return new ConsolePreferences(window, theme, screen, z, rangeSpan);
    }

    public ConsolePreferences withRangeSpan(Duration d) {
        return new ConsolePreferences(window, theme, screen, zone, d);
    }

    /** Reads the preferences kept in {@code dir}; the defaults when there are none or they cannot be read. */
    public static ConsolePreferences load(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Stored s = JSON.readValue(Files.readString(file), Stored.class);
            return new ConsolePreferences(s.window(), s.theme(), s.screen(), s.zone(), Duration.ofMillis(s.rangeSpanMs()));
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Console preferences in {} cannot be read ({}); starting with the defaults, and the file is"
                    + " replaced when the console closes", file, e.getMessage());
            return defaults();
        }
    }

    /**
     * Keeps the preferences in {@code dir}: written beside and moved into place, so a crash leaves the
     * old file or the new one, never half of one. A failure is logged: losing a window size must not
     * stop the console from closing.
     */
    public void save(Path dir) {
        Path file = dir.resolve(FILE);
        Path temp = dir.resolve(FILE + ".tmp");
        try {
            Files.writeString(temp, JSON.writeValueAsString(new Stored(window, theme, screen, zone, rangeSpan.toMillis())));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Console preferences could not be kept in {} ({}); the next start uses the defaults", file,
                    e.getMessage());
        }
    }
}
