package io.pharos.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pharos snapshot export` and `inspect` over generated history, as a user runs them. */
class SnapshotCommandTest {
    @TempDir
    Path dir;
    private String data;

    @BeforeEach
    void history() {
        data = dir.resolve("store").toString();
        CommandRun g = CommandRun.of("--data-dir", data, "generate", "--days", "1", "--hosts", "7", "--step", "1m");
        assertThat(g.code()).as(g.err()).isZero();
    }

    @Test
    void anExportedRangeInspectsAsSound() throws Exception {
        Path file = dir.resolve("last 6 hours.pharos");
        CommandRun export = CommandRun.of("--data-dir", data, "snapshot", "export", "--from", "6h", "--resolution", "5m",
                "--note", "for the review", "--out", file.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).containsPattern("Wrote .*last 6 hours.pharos: [\\d,]+ series, 0 samples and [\\d,]+ steps");
        assertThat(file).exists();

        CommandRun inspect = CommandRun.of("snapshot", "inspect", file.toString());
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("pharos-snapshot 1", "steps of 5m", "Note       for the review",
                "matches the manifest and content", "Sources    simulated reference fleet\n", "Verdict    sound");

        CommandRun json = CommandRun.of("snapshot", "inspect", "--json", file.toString());
        assertThat(json.code()).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(json.out());
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.at("/manifest/resolutionMs").asLong()).isEqualTo(300_000);
        // 6 hours at 5 minutes of 1-minute history: 72 steps (73 when the range starts mid-step) of
        // count, min, max and sum, for every series.
        long series = doc.at("/manifest/content/series").asLong();
        long steps = doc.at("/manifest/content/buckets").asLong();
        assertThat(series).isPositive();
        assertThat(steps).isBetween(72 * series, 73 * series);
        assertThat(doc.at("/manifest/content/samples").asLong()).isZero();
    }

    @Test
    void aChangedFileIsReportedWithStatusOneAndAForeignFileWithTwo() throws Exception {
        Path file = dir.resolve("s.pharos");
        assertThat(CommandRun.of("--data-dir", data, "snapshot", "export", "--from", "1h", "--out", file.toString())
                .code()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("UPDATE series SET labels = replace(labels, 'us-east-1', 'us-east-2')");
        }
        CommandRun changed = CommandRun.of("snapshot", "inspect", file.toString());
        assertThat(changed.code()).isEqualTo(1);
        assertThat(changed.out()).contains("does NOT match the manifest and content", "changed after export");

        Path csv = Files.writeString(dir.resolve("data.csv"), "timestamp,metric,value\n");
        Path cut = dir.resolve("cut.pharos");
        byte[] whole = Files.readAllBytes(file);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        CommandRun damaged = CommandRun.of("snapshot", "inspect", cut.toString());
        assertThat(damaged.code()).as(damaged.err()).isEqualTo(1);
        assertThat(damaged.err()).contains("cut off");

        CommandRun foreign = CommandRun.of("snapshot", "inspect", csv.toString());
        assertThat(foreign.code()).isEqualTo(2);
        assertThat(foreign.err()).contains("is not a Pharos snapshot");

        // Opening them in the console says the same before any window: no console on a file it cannot read.
        CommandRun open = CommandRun.of("open", csv.toString());
        assertThat(open.code()).isEqualTo(2);
        assertThat(open.err()).startsWith("pharos: ").contains("data.csv", "is not a Pharos snapshot");
        CommandRun openCut = CommandRun.of("open", file.toString(), cut.toString());
        assertThat(openCut.code()).as("one bad file of two: none opens").isEqualTo(2);
        assertThat(openCut.err()).contains("cut.pharos");
        assertThat(CommandRun.of("open").err()).contains("Missing required parameter", "FILE");
    }

    @Test
    void textFromTheFileCannotDriveTheTerminal() throws Exception {
        Path file = dir.resolve("note.pharos");
        String note = "fine\rVerdict    sound\u001b[2J\u202eevil";
        assertThat(CommandRun.of("--data-dir", data, "snapshot", "export", "--note", note, "--out", file.toString())
                .code()).isZero();
        CommandRun inspect = CommandRun.of("snapshot", "inspect", file.toString());
        assertThat(inspect.out()).contains("Note       fine\\u000dVerdict    sound\\u001b[2J\\u202eevil")
                .doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u202e");
    }

    @Test
    void aSignedSnapshotIsCheckedAgainstTheKeysGiven() {
        String key = dir.resolve("ops.key").toString();
        CommandRun keygen = CommandRun.of("snapshot", "keygen", "--out", key);
        assertThat(keygen.code()).as(keygen.err()).isZero();
        assertThat(keygen.err()).contains("ops.key.pub", "Fingerprint SHA256:");
        assertThat(CommandRun.of("snapshot", "keygen", "--out", key).err()).contains("exists");
        assertThat(CommandRun.of("snapshot", "keygen", "--out", dir.resolve("other.key").toString()).code()).isZero();

        Path file = dir.resolve("signed.pharos");
        CommandRun export = CommandRun.of("--data-dir", data, "snapshot", "export", "--sign", key, "--out",
                file.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains("signed by SHA256:");

        CommandRun trusted = CommandRun.of("snapshot", "inspect", "--trust", key + ".pub", file.toString());
        assertThat(trusted.code()).as(trusted.out()).isZero();
        assertThat(trusted.out()).contains("Signature  valid, by a trusted key (SHA256:");
        CommandRun untrusted = CommandRun.of("snapshot", "inspect", "--trust", dir.resolve("other.key.pub").toString(),
                file.toString());
        assertThat(untrusted.code()).isEqualTo(1);
        assertThat(untrusted.out()).contains("not among the trusted");
        assertThat(CommandRun.of("snapshot", "inspect", file.toString()).out())
                .contains("give --trust KEY.pub to check that it is one you trust");
        CommandRun publicForPrivate = CommandRun.of("--data-dir", data, "snapshot", "export", "--sign", key + ".pub",
                "--out", dir.resolve("x.pharos").toString());
        assertThat(publicForPrivate.code()).isEqualTo(2);
        assertThat(publicForPrivate.err()).contains("holds no PEM private key");
        CommandRun snapshotForKey = CommandRun.of("--data-dir", data, "snapshot", "export", "--sign", file.toString(),
                "--out", dir.resolve("x.pharos").toString());
        assertThat(snapshotForKey.err()).contains("too large to be a key");
    }

    @Test
    void redactedHostsGetTheSamePseudonymsFromTheSameKey() throws Exception {
        Path a = dir.resolve("a.pharos");
        Path b = dir.resolve("b.pharos");
        assertThat(CommandRun.of("--data-dir", data, "snapshot", "export", "--redact-hosts", "--out", a.toString())
                .code()).isZero();
        Path key = Path.of(data).resolve("snapshot-redaction.key");
        assertThat(key).exists();
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
        assertThat(CommandRun.of("--data-dir", data, "snapshot", "export", "--redact-hosts", "--redaction-key",
                key.toString(), "--out", b.toString()).code()).isZero();
        CommandRun inspect = CommandRun.of("snapshot", "inspect", a.toString());
        assertThat(inspect.out()).containsPattern("Redacted   the values of host are pseudonyms \\(key [0-9a-f]{16}\\)");
        String keyLine = inspect.out().lines().filter(l -> l.startsWith("Redacted")).findFirst().orElseThrow();
        assertThat(CommandRun.of("snapshot", "inspect", b.toString()).out()).contains(keyLine);
        String bytes = new String(Files.readAllBytes(a), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains("\"host\":\"host-").doesNotContainPattern("\"host\":\"(?!host-)")
                .doesNotContainPattern("-(us|eu|ap)-[a-z]+-\\d-\\d{3}");

        Path badKey = Files.writeString(dir.resolve("bad.key"), "not hex");
        CommandRun bad = CommandRun.of("--data-dir", data, "snapshot", "export", "--redact-hosts", "--redaction-key",
                badKey.toString(), "--out", dir.resolve("c.pharos").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("is not a redaction key");
    }

    @Test
    void twoSnapshotsCompareFigureByFigure() throws Exception {
        Path a = dir.resolve("morning.pharos");
        Path b = dir.resolve("evening.pharos");
        assertThat(CommandRun.of("--data-dir", data, "snapshot", "export", "--from", "18h", "--to", "now", "--resolution",
                "5m", "--out", a.toString()).code()).isZero();
        assertThat(CommandRun.of("--data-dir", data, "snapshot", "export", "--from", "2h", "--resolution", "5m",
                "--out", b.toString()).code()).isZero();
        CommandRun diff = CommandRun.of("snapshot", "diff", a.toString(), b.toString());
        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("A  " + a, "B  " + b, "Executive figures", "availability", "cost_per_hour",
                "Regions", "eu-west-1", "Rules in B, not in A: none", "Rules changed: none");
        CommandRun json = CommandRun.of("snapshot", "diff", "--json", a.toString(), b.toString());
        JsonNode doc = JsonMapper.builder().build().readTree(json.out());
        assertThat(doc.get("kpis").size()).isEqualTo(14);
        assertThat(doc.get("regions").size()).isEqualTo(6);
        assertThat(doc.at("/regions/0/figures/0/id").asText()).isEqualTo("response_time");
        CommandRun foreign = CommandRun.of("snapshot", "diff", a.toString(), dir.resolve("nothing.pharos").toString());
        assertThat(foreign.code()).isEqualTo(2);
        assertThat(foreign.err()).contains("No file at");

        // Against the live data: the store the snapshot came from, over the snapshot's range.
        CommandRun live = CommandRun.of("--data-dir", data, "snapshot", "diff", "--live", "--json", b.toString());
        assertThat(live.code()).as(live.err()).isZero();
        JsonNode l = JsonMapper.builder().build().readTree(live.out());
        assertThat(l.at("/b/file").asText()).isEqualTo("live data");
        assertThat(l.at("/b/fromMs").asLong()).isEqualTo(l.at("/a/fromMs").asLong());
        assertThat(l.get("kpis").size()).isEqualTo(14);
        assertThat(l.at("/kpis/0/id").asText()).isEqualTo("availability");
        assertThat(l.at("/kpis/0/b").asDouble()).as("the same store over the same range")
                .isCloseTo(l.at("/kpis/0/a").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(l.get("rulesNew").size()).isZero();
        assertThat(CommandRun.of("--data-dir", data, "snapshot", "diff", "--live", a.toString()).out())
                .contains("B  live data");
        CommandRun neither = CommandRun.of("snapshot", "diff", a.toString());
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.err()).contains("Give B, the snapshot to compare A with, or --live");
        assertThat(CommandRun.of("snapshot", "diff", "--live", a.toString(), b.toString()).code()).isEqualTo(2);
        CommandRun noStore = CommandRun.of("--data-dir", dir.resolve("empty").toString(), "snapshot", "diff", "--live",
                a.toString());
        assertThat(noStore.code()).isEqualTo(2);
        assertThat(noStore.err()).contains("No store in");
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenAskedTo() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.pharos"), "keep me");
        CommandRun refused = CommandRun.of("--data-dir", data, "snapshot", "export", "--out", file.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("exists", "--force");
        assertThat(Files.readString(file)).isEqualTo("keep me");
        assertThat(CommandRun.of("--data-dir", data, "snapshot", "export", "--force", "--out", file.toString()).code())
                .isZero();
        assertThat(CommandRun.of("snapshot", "inspect", file.toString()).code()).isZero();
    }

    @Test
    void badArgumentsSayWhatToWrite() {
        Path file = dir.resolve("x.pharos");
        CommandRun step = CommandRun.of("--data-dir", data, "snapshot", "export", "--resolution", "500ms", "--out",
                file.toString());
        assertThat(step.code()).isEqualTo(2);
        assertThat(step.err()).contains("--resolution must be at least 1s, or raw");
        CommandRun range = CommandRun.of("--data-dir", data, "snapshot", "export", "--from", "yesterday", "--out",
                file.toString());
        assertThat(range.err()).contains("--from 'yesterday' is not a time");
        CommandRun ancient = CommandRun.of("--data-dir", data, "snapshot", "export", "--from", "999999999d", "--out",
                file.toString());
        assertThat(ancient.code()).isEqualTo(2);
        assertThat(ancient.err()).contains("--from '999999999d' is");
        CommandRun noStore = CommandRun.of("--data-dir", dir.resolve("nothing").toString(), "snapshot", "export",
                "--out", file.toString());
        assertThat(noStore.err()).contains("No store in");
        assertThat(dir.resolve("nothing")).doesNotExist();
        assertThat(file).doesNotExist();
    }
}
