package io.pharos.client.prometheus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Whatever a Prometheus-compatible server answers is read as a query's answer or refused (malformed,
 * an error answer, JSON that does not parse): never another exception, never more samples than the
 * bound. Seeds in {@code src/test/resources/io/pharos/client/prometheus/QueryAnswerFuzzTestInputs/};
 * fuzzed in CI for a bounded time by scripts/fuzz.
 */
class QueryAnswerFuzzTest {
    private static final JsonFactory JSON = new JsonFactory();

    @FuzzTest(maxDuration = "30s")
    void anyAnswerReadsOrIsRefused(byte[] input) throws Exception {
        long[] seen = new long[1];
        try (JsonParser p = JSON.createParser(input)) {
            QueryAnswerReader.Summary s = new QueryAnswerReader(1_000).read(p, (metric, ts, vs, n) -> {
                if (n < 1 || n > ts.length || n > vs.length || metric == null) {
                    throw new AssertionError("a series handed on with " + n + " samples in arrays of " + ts.length);
                }
                seen[0] += n;
            });
            if (seen[0] > 1_000 || seen[0] != s.samples()) {
                throw new AssertionError(seen[0] + " samples handed on, " + s.samples() + " counted");
            }
        } catch (QueryAnswerReader.MalformedAnswer | QueryAnswerReader.ErrorAnswer | IOException refused) {
            // refused, with a reason
        }
    }
}
