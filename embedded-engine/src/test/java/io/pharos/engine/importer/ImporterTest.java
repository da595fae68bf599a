package io.pharos.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.importer.FakeHistoryWriter.Sample;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {

    private static final String OM = "# TYPE up gauge\nup{job=\"a\"} 1 1700000000\nup{job=\"b\"} 0 1700000001.5\n# EOF\n";
    private static final String CSV = "timestamp,metric,value,job\n1700000000000,up,1,a\n1700000001500,up,0,b\n";
    private static final List<Sample> EXPECTED = List.of(
            new Sample(SeriesKey.of("up", "job", "a"), 1_700_000_000_000L, 1.0),
            new Sample(SeriesKey.of("up", "job", "b"), 1_700_000_001_500L, 0.0));

    @TempDir
    Path dir;

    private final FakeHistoryWriter writer = new FakeHistoryWriter();
    private final List<ImportProgress> progress = new ArrayList<>();
    private long fakeNanos;

    private Importer importer() {
        return new Importer(ParseOptions.defaults(), () -> fakeNanos);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path writeGzip(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void importsOpenMetricsAndSummarises() throws IOException {
        Path file = write("metrics.om", OM);
        ImportSummary summary = importer().importFile(file, Format.DETECT, writer, progress::add);

        assertThat(writer.samples).isEqualTo(EXPECTED);
        assertThat(writer.closed).as("the caller owns the writer").isFalse();
        assertThat(summary.format()).isEqualTo(Format.OPENMETRICS);
        assertThat(summary.lines()).isEqualTo(4);
        assertThat(summary.samples()).isEqualTo(2);
        assertThat(summary.series()).isEqualTo(2);
        assertThat(summary.bytes()).isEqualTo(Files.size(file));
        assertThat(summary.timeRange()).contains(new ParseResult.TimeRange(1_700_000_000_000L, 1_700_000_001_500L));
        assertThat(summary.describe()).startsWith("imported 2 samples of 2 series from metrics.om (OPENMETRICS, 4 lines, ")
                .endsWith("2023-11-14T22:13:20Z to 2023-11-14T22:13:21.500Z");
    }

    @Test
    void importsCsv() throws IOException {
        ImportSummary summary = importer().importFile(write("data.csv", CSV), Format.DETECT, writer, progress::add);
        assertThat(writer.samples).isEqualTo(EXPECTED);
        assertThat(summary.format()).isEqualTo(Format.CSV);
    }

    @Test
    void readsGzipTransparentlyAndCountsCompressedBytes() throws IOException {
        Path om = writeGzip("metrics.om.gz", OM);
        ImportSummary summary = importer().importFile(om, Format.DETECT, writer, progress::add);
        assertThat(summary.bytes()).isEqualTo(Files.size(om));
        Path csv = writeGzip("export", CSV);
        assertThat(importer().importFile(csv, Format.DETECT, writer, progress::add).format()).isEqualTo(Format.CSV);
        assertThat(writer.samples).hasSize(4);
    }

    @Test
    void detectsTheFormatFromTheContentWhenTheNameSaysNothing() throws IOException {
        assertThat(importer().importFile(write("a.txt", OM), Format.DETECT, writer, progress::add).format())
                .isEqualTo(Format.OPENMETRICS);
        assertThat(importer().importFile(write("b", "up 1 1\n# EOF\n"), Format.DETECT, writer, progress::add).format())
                .isEqualTo(Format.OPENMETRICS);
        assertThat(importer().importFile(write("c.txt", "\uFEFF\"metric\",timestamp,value\r\nup,1,1\r\n"), Format.DETECT,
                writer, progress::add).format()).isEqualTo(Format.CSV);
        assertThatThrownBy(() -> importer().importFile(write("d.txt", "hello, world\n"), Format.DETECT, writer, progress::add))
                .isInstanceOf(ImportException.class)
                .hasMessage("d.txt: cannot tell whether this is OpenMetrics or CSV: name the file .om or .csv, or give the format explicitly");
    }

    @Test
    void anExplicitFormatWinsOverTheName() throws IOException {
        assertThat(importer().importFile(write("data.om", CSV), Format.CSV, writer, progress::add).samples()).isEqualTo(2);
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        Path file = write("bad.om", "up 1 1\nup 2 2\nup x 3\n# EOF\n");
        assertThatThrownBy(() -> importer().importFile(file, Format.DETECT, writer, progress::add))
                .isInstanceOf(ImportException.class)
                .hasMessage("bad.om:3:4: expected a value after the series (a number, NaN, +Inf or -Inf), found \"x\"");
    }

    @Test
    void invalidUtf8IsReportedOnItsLine() throws IOException {
        byte[] bytes = "up 1 1\nup{a=\"\u00e9\"} 1 1\nup{a=\"?\"} 1 1\n# EOF\n".getBytes(StandardCharsets.UTF_8);
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '?') {
                bytes[i] = (byte) 0xff;
            }
        }
        Path file = Files.write(dir.resolve("latin.om"), bytes);
        assertThatThrownBy(() -> importer().importFile(file, Format.DETECT, writer, progress::add))
                .isInstanceOf(ImportException.class)
                .hasMessage("latin.om:3: the input is not valid UTF-8 text: save or convert the file as UTF-8");
        assertThat(writer.samples).hasSize(2);
    }

    @Test
    void aCutShortGzipIsAnImportError() throws IOException {
        Path whole = writeGzip("whole.om.gz", OM.repeat(200));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.om.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> importer().importFile(cut, Format.DETECT, writer, progress::add))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("cut.om.gz: the gzip data is corrupt or cut short");
    }

    @Test
    void reportsProgressAboutEveryPercentOfTheBytesAndOnceAtTheEnd() throws IOException {
        Path file = bigFile("big.om", 40_000);
        long size = Files.size(file);
        ImportSummary summary = importer().importFile(file, Format.DETECT, writer, progress::add);

        assertThat(progress.size()).isBetween(20, 102);
        assertThat(progress).extracting(ImportProgress::bytesRead).isSorted();
        assertThat(progress).extracting(ImportProgress::samples).isSorted();
        ImportProgress last = progress.getLast();
        assertThat(last.bytesRead()).isEqualTo(size);
        assertThat(last.totalBytes()).isEqualTo(size);
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.samples()).isEqualTo(summary.samples()).isEqualTo(40_000);
    }

    @Test
    void reportsProgressEverySecondEvenWithinOnePercent() throws IOException {
        Path file = bigFile("slow.om", 2_000);
        Importer slowClock = new Importer(ParseOptions.defaults(), () -> fakeNanos += 1_500_000_000L);
        slowClock.importFile(file, Format.DETECT, writer, progress::add);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
        assertThat(progress.get(1).elapsed()).isPositive();
    }

    private Path bigFile(String name, int samples) throws IOException {
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file); OpenMetricsWriter om = new OpenMetricsWriter(out)) {
            for (int i = 0; i < samples; i++) {
                om.write(SeriesKey.of("node_memory_used_ratio", "host", "h" + (i % 50)), 1_700_000_000_000L + i * 10L, i / 7.0);
            }
        }
        return file;
    }
}
