package io.pharos.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.styles.StyleSheets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePreferencesTest {
    @TempDir
    Path dir;

    @Test
    void whatWasSetComesBackAtTheNextStart() {
        ConsolePreferences set = ConsolePreferences.defaults()
                .withWindow(new ConsolePreferences.Window(40, 60, 1440, 900, false))
                .withTheme(StyleSheets.Theme.LIGHT).withScreen("alerts").withZone(ZoneChoice.UTC)
                .withRangeSpan(Duration.ofDays(7));
        set.save(dir);
        assertThat(ConsolePreferences.load(dir)).isEqualTo(set);
        assertThat(dir.resolve(ConsolePreferences.FILE + ".tmp")).doesNotExist();
    }

    @Test
    void theFirstStartAndAnUnreadableFileGiveTheDefaults() throws Exception {
        assertThat(ConsolePreferences.load(dir)).isEqualTo(ConsolePreferences.defaults());
        assertThat(ConsolePreferences.defaults().theme()).isEqualTo(StyleSheets.Theme.DARK);
        assertThat(ConsolePreferences.defaults().rangeSpan()).isEqualTo(Duration.ofMinutes(15));
        Files.writeString(dir.resolve(ConsolePreferences.FILE), "{\"theme\": \"LIGHT\", \"window\": {\"width\": -");
        assertThat(ConsolePreferences.load(dir)).isEqualTo(ConsolePreferences.defaults());
        Files.writeString(dir.resolve(ConsolePreferences.FILE), "{\"theme\": \"SEPIA\"}");
        assertThat(ConsolePreferences.load(dir)).as("an unknown theme").isEqualTo(ConsolePreferences.defaults());
    }

    @Test
    void aFileFromANewerVersionKeepsWhatThisOneKnows() throws Exception {
        Files.writeString(dir.resolve(ConsolePreferences.FILE),
                "{\"theme\": \"LIGHT\", \"screen\": \"executive\", \"sidebarWidth\": 240, \"rangeSpanMs\": 3600000}");
        ConsolePreferences p = ConsolePreferences.load(dir);
        assertThat(p.theme()).isEqualTo(StyleSheets.Theme.LIGHT);
        assertThat(p.screen()).isEqualTo("executive");
        assertThat(p.rangeSpan()).isEqualTo(Duration.ofHours(1));
        assertThat(p.zone()).isEqualTo(ZoneChoice.LOCAL);
    }
}
