/**
 * Streaming import of history from text files, and OpenMetrics export.
 *
 * <p>{@link io.pharos.engine.importer.Importer} is the entry point: a file (optionally gzip
 * compressed) in {@link io.pharos.engine.importer.Format#OPENMETRICS} (see
 * {@link io.pharos.engine.importer.OpenMetricsParser}) or {@link io.pharos.engine.importer.Format#CSV}
 * (see {@link io.pharos.engine.importer.CsvParser}) goes line by line into a
 * {@link io.pharos.engine.store.HistoryWriter}; memory does not grow with the file. Malformed input
 * stops the import with an {@link io.pharos.engine.importer.ImportException} that names the file,
 * line, column, what was expected and what was found, unless
 * {@link io.pharos.engine.importer.ParseOptions#maxSkippedLines()} allows skipping some lines.
 * {@link io.pharos.engine.importer.OpenMetricsWriter} writes what the parser (and promtool) reads.
 */
package io.pharos.engine.importer;
