package io.pharos.engine.importer;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.HistoryWriter;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Imports a file of history into a {@link HistoryWriter}: the entry point of the command line.
 * Streams: memory does not grow with the file. Gzip-compressed files (recognised by their
 * first bytes, whatever their name) are read transparently. The writer stays open: the caller
 * owns it and closes it (which flushes).
 */
public final class Importer {

    private static final int BUFFER = 1 << 16;
    private static final int SNIFF_BYTES = 8192;

    private final ParseOptions options;
    private final LongSupplier nanoClock;

    public Importer() {
        this(ParseOptions.defaults(), System::nanoTime);
    }

    /** @param nanoClock the time source for elapsed time and progress (tests pass a fake one) */
    public Importer(ParseOptions options, LongSupplier nanoClock) {
        this.options = options;
        this.nanoClock = nanoClock;
    }

    /**
     * Imports {@code file}.
     *
     * @throws ImportException when the content is malformed, or its format cannot be told
     * @throws IOException when the file cannot be read
     */
    public ImportSummary importFile(Path file, Format format, HistoryWriter writer, ProgressListener listener)
            throws IOException {
        String source = file.getFileName().toString();
        CountingSink sink = new CountingSink(writer);
        ProgressReporter progress = new ProgressReporter(listener, Files.size(file), nanoClock, () -> sink.count);
        try (InputStream raw = Files.newInputStream(file)) {
            CountingInputStream counted = new CountingInputStream(raw, progress::bytesRead);
            BufferedInputStream buffered = new BufferedInputStream(counted, BUFFER);
            boolean gzip = isGzip(buffered);
            InputStream text = gzip ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER) : buffered;
            Format resolved = resolve(format, source, text);
            SampleParser parser = resolved == Format.CSV ? new CsvParser(options) : new OpenMetricsParser(options);
            ParseResult result;
            try {
                result = parser.parse(new Utf8Reader(text), source, sink);
            } catch (ZipException | EOFException e) {
                if (!gzip) {
                    throw e;
                }
                throw new ImportException(source, 0, 0, "the gzip data is corrupt or cut short (" + e.getMessage()
                        + "): check the file, or decompress it to see how far it goes");
            }
            progress.finish(counted.count());
            return new ImportSummary(file, resolved, counted.count(), progress.elapsed(), result);
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    private static Format resolve(Format requested, String source, InputStream text) throws IOException {
        if (requested != Format.DETECT) {
            return requested;
        }
        Format byName = FormatDetector.fromFileName(source);
        if (byName != null) {
            return byName;
        }
        byte[] head = new byte[SNIFF_BYTES];
        text.mark(SNIFF_BYTES);
        int n = text.readNBytes(head, 0, SNIFF_BYTES);
        text.reset();
        Format byContent = FormatDetector.fromContent(head, n);
        if (byContent == null) {
            throw new ImportException(source, 0, 0, "cannot tell whether this is OpenMetrics or CSV: name the file"
                    + " .om or .csv, or give the format explicitly");
        }
        return byContent;
    }

    /** Counts samples for progress reports on their way to the writer. */
    private static final class CountingSink implements SampleConsumer {
        private final HistoryWriter writer;
        private long count;

        CountingSink(HistoryWriter writer) {
            this.writer = writer;
        }

        @Override
        public void accept(SeriesKey key, long timestampMs, double value) {
            count++;
            writer.append(key, timestampMs, value);
        }
    }
}
