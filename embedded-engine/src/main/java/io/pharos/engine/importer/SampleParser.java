package io.pharos.engine.importer;

import java.io.IOException;
import java.io.Reader;

/** A streaming parser of one text format of samples: reads line by line, never the whole input. */
public interface SampleParser {

    /**
     * Parses everything {@code in} holds and hands each sample to {@code sink}.
     *
     * @param source name of the input for messages (usually the file name), or null
     * @throws ImportException for malformed input (at the first error, unless
     *     {@link ParseOptions#maxSkippedLines()} allows skipping some)
     * @throws IOException when reading fails
     */
    ParseResult parse(Reader in, String source, SampleConsumer sink) throws IOException;
}
