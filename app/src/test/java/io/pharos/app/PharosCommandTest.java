package io.pharos.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes and what is printed, against a real store. */
class PharosCommandTest {
    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void helpExplainsEveryCommandAndOption() {
        CommandRun r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("generate", "import", "responses", "--data-dir", "--version", "--no-fleet",
                "--raw-retention", "--responses");
        CommandRun g = run("generate", "--help");
        assertThat(g.out()).contains("--days", "--step", "--scenario", "simulated");
    }

    @Test
    void aMistypedCommandOrOptionIsAnsweredByTheWholeCommandLine() {
        CommandRun typo = run("generat", "--days", "1");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean", "generate");
        CommandRun option = run("--data-dri", "x");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("'--data-dri'", "Possible solutions: --data-dir");
        assertThat(run("help", "generate").out()).contains("--days", "--step");
    }

    @Test
    void theToolkitIsBegunEarlyOnlyForAConsoleStartAndKnowsEveryOtherCommand() throws Exception {
        java.util.Set<String> others = new java.util.HashSet<>(PharosCommand.commandLine().getSubcommands().keySet());
        others.addAll(List.of("-h", "--help", "-V", "--version"));
        others.remove("open"); // windows on snapshots: started as the console is
        assertThat(FxToolkit.NOT_THE_CONSOLE).isEqualTo(others);
        assertThat(FxToolkit.forArguments("--data-dir", "d", "generate", "--days", "1").begunEarly()).isFalse();
        assertThat(FxToolkit.forArguments("--help").begunEarly()).isFalse();
        // The launcher script tells the console from the tools by the same words (for its start-up cache).
        String script = Files.readString(Path.of("..", "pharos"));
        String words = script.substring(script.indexOf("case \"$arg\" in"));
        words = words.substring(words.indexOf('\n') + 1, words.indexOf(')')).strip();
        assertThat(java.util.Set.of(words.split("\\|"))).isEqualTo(others);
    }

    @Test
    void versionNamesTheBuild() {
        CommandRun r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Pharos ").contains("Java 25");
    }

    @Test
    void generateFillsTheStoreWithSimulatedHistory() {
        CommandRun r = run("--data-dir", dir.toString(), "generate", "--days", "0.05", "--hosts", "7", "--step", "60s");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("Done:");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, StoreOptions.defaults())) {
            var all = store.select(List.of(Matcher.regex("__name__", ".+")));
            assertThat(all).hasSize(6 * 7 * 20 + 282);
            assertThat(all).allMatch(ref -> ref.key().simulated());
            var cpu = store.select(List.of(Matcher.metric("node_cpu_utilization_ratio"))).getFirst();
            assertThat(store.read(cpu, 0, Long.MAX_VALUE).size()).isBetween(70, 73); // 0.05 day at 60 s
        }
    }

    @Test
    void generateRollsUpItsCompleteDaysForLongRanges() {
        CommandRun r = run("--data-dir", dir.toString(), "generate", "--days", "2", "--hosts", "7", "--step", "10m",
                "--end", "2026-03-04T06:00:00Z");
        assertThat(r.code()).as(r.err()).isZero();
        // 2026-03-02T06:00 to 03-04T06:00, in the past: three days, and none of the empty days since
        assertThat(r.err()).contains("Rolled up 3 complete days for long time ranges");
        // history written into the last of them: that day again, only
        assertThat(run("--data-dir", dir.toString(), "generate", "--days", "0.1", "--hosts", "7", "--step", "10m",
                "--end", "2026-03-04T06:00:00Z").err()).contains("Rolled up 1 complete day for long time ranges");
    }

    @Test
    void importReadsOpenMetricsAndNamesTheLineOfAMalformedSample() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Path good = dir.resolve("good.om");
        Files.writeString(good, "# TYPE temp gauge\ntemp{room=\"a\"} 21.5 " + (now - 60) + "\ntemp{room=\"a\"} 21.7 " + now
                + "\n# EOF\n");
        Path data = dir.resolve("data");
        CommandRun ok = run("--data-dir", data.toString(), "import", good.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        try (TimeSeriesStore store = TimeSeriesStore.open(data, StoreOptions.defaults())) {
            var ref = store.select(List.of(Matcher.metric("temp"))).getFirst();
            assertThat(store.read(ref, 0, Long.MAX_VALUE).values()).containsExactly(21.5, 21.7);
        }
        Path bad = dir.resolve("bad.om");
        Files.writeString(bad, "# TYPE temp gauge\ntemp{room=\"a\"} 21.5 " + now + "\ntemp{room=\"a\"} warm " + now + "\n");
        CommandRun fail = run("--data-dir", data.toString(), "import", bad.toString());
        assertThat(fail.code()).isEqualTo(2);
        assertThat(fail.err()).contains("bad.om:3:").contains("run the import again").doesNotContain("Exception");
    }

    @Test
    void aDataDirectoryThatIsAFileIsAMessageNotAStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        CommandRun r = run("--data-dir", file.toString(), "generate", "--days", "0.01", "--hosts", "7");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("pharos: ").contains("is a file, not a directory").doesNotContain("\tat ");
    }

    @Test
    void dataDirectoryFollowsEachPlatformsConvention() {
        assertThat(DataDirectory.defaultFor("Linux", java.util.Map.of(), "/home/ana"))
                .isEqualTo(Path.of("/home/ana/.local/share/pharos"));
        assertThat(DataDirectory.defaultFor("Linux", java.util.Map.of("XDG_DATA_HOME", "/data/ana"), "/home/ana"))
                .isEqualTo(Path.of("/data/ana/pharos"));
        assertThat(DataDirectory.defaultFor("Mac OS X", java.util.Map.of(), "/Users/ana"))
                .isEqualTo(Path.of("/Users/ana/Library/Application Support/Pharos"));
        assertThat(DataDirectory.defaultFor("Windows 11", java.util.Map.of("LOCALAPPDATA", "C:\\Users\\ana\\AppData\\Local"),
                "C:\\Users\\ana").toString()).endsWith("Pharos");
        assertThat(DataDirectory.cacheFor("Linux", java.util.Map.of(), "/home/ana"))
                .isEqualTo(Path.of("/home/ana/.cache/pharos"));
        assertThat(DataDirectory.cacheFor("Linux", java.util.Map.of("XDG_CACHE_HOME", "/cache/ana"), "/home/ana"))
                .isEqualTo(Path.of("/cache/ana/pharos"));
        assertThat(DataDirectory.cacheFor("Linux", java.util.Map.of("XDG_CACHE_HOME", "relative"), "/home/ana"))
                .as("XDG asks for absolute paths").isEqualTo(Path.of("/home/ana/.cache/pharos"));
        assertThat(DataDirectory.cacheFor("Mac OS X", java.util.Map.of(), "/Users/ana"))
                .isEqualTo(Path.of("/Users/ana/Library/Caches/Pharos"));
        assertThat(DataDirectory.cacheFor("Windows 11", java.util.Map.of("LOCALAPPDATA", "C:\\Users\\ana\\AppData\\Local"),
                "C:\\Users\\ana").toString()).endsWith("Cache");
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertThat(DurationConverter.parse("15s")).hasSeconds(15);
        assertThat(DurationConverter.parse("7d")).hasDays(7);
        assertThat(DurationConverter.parse("PT1M")).hasMinutes(1);
        CommandRun r = run("--data-dir", dir.toString(), "generate", "--step", "soon");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not a duration");
    }
}
