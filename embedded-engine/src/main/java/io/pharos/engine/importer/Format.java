package io.pharos.engine.importer;

/** Text formats the importer reads. */
public enum Format {
    /** OpenMetrics text, timestamps in seconds: see {@link OpenMetricsParser}. */
    OPENMETRICS,
    /** Long CSV, one sample per record: see {@link CsvParser}. */
    CSV,
    /**
     * Decide from the file name ({@code .om}, {@code .openmetrics}, {@code .csv}, each optionally
     * followed by {@code .gz}), else from the first line of the content.
     */
    DETECT
}
