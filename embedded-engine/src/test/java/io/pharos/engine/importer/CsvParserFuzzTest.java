package io.pharos.engine.importer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes either parse or end in an {@link ImportException}: never another exception. Seeds in
 * {@code src/test/resources/io/pharos/engine/importer/CsvParserFuzzTestInputs/}; fuzz with
 * JAZZER_FUZZ=1.
 */
class CsvParserFuzzTest {

    private static final ParseOptions STRICT = ParseOptions.defaults().withMaxLineLength(4096).withSeriesCacheCapacity(64);
    private static final ParseOptions LENIENT = STRICT.withMaxSkippedLines(1000);

    @FuzzTest(maxDuration = "2m")
    void parsesOrThrowsImportException(byte[] input) throws IOException {
        parse(input, STRICT);
        parse(input, LENIENT);
    }

    private static void parse(byte[] input, ParseOptions options) throws IOException {
        try {
            new CsvParser(options).parse(new Utf8Reader(new ByteArrayInputStream(input)), "fuzz.csv", (k, t, v) -> { });
        } catch (ImportException expected) {
            // Malformed input, reported as such: what the parser promises.
        }
    }
}
