package io.pharos.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "up",
        "node_cpu_seconds_total{mode!=\"idle\",instance=~\"h.*\"}",
        "100 - (avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])) * 100) > 80",
        "(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes * 100 < 10) and ON (instance, device, mountpoint) node_memory_MemTotal_bytes > 0",
        "histogram_quantile(0.99, sum by (le, region) (rate(http_request_duration_seconds_bucket[5m]))) > 0.2",
        "predict_linear(node_filesystem_avail_bytes{fstype!~\"tmpfs\"}[6h], 4 * 3600) < 0",
        "sum without (cpu) (irate(node_cpu_seconds_total[1m])) / ignoring(mode) group_left count without (cpu, mode) (node_cpu_seconds_total{mode=\"idle\"})",
        "increase(node_vmstat_oom_kill[1h] offset 5m) > 0",
        "absent(up{job=\"node\"}) or vector(0)",
        "topk(3, max_over_time(x[10m]))",
        "quantile_over_time(0.95, x[1h]) unless y",
        "count_values(\"version\", build_info)",
        "-x ^ 2 + 1e3 - 0x1F * Inf",
        "rate(x[1h30m]) > bool 0.5",
        "label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
        "x # a comment\n  > 1",
    })
    void parsesCommonRuleExpressions(String text) {
        Expr e = Parser.parse(text);
        assertThat(e.type()).isIn(Expr.Type.VECTOR, Expr.Type.SCALAR);
    }

    @Test
    void precedenceAndAssociativityFollowPromql() {
        // 2 ^ 3 ^ 2 is 2 ^ 9 (right associative); -2 ^ 2 is -(2 ^ 2); * before +; and before or.
        Evaluator ev = new Evaluator(new MemorySeriesSource());
        assertThat(scalar(ev, "2 ^ 3 ^ 2")).isEqualTo(512);
        assertThat(scalar(ev, "-2 ^ 2")).isEqualTo(-4);
        assertThat(scalar(ev, "1 + 2 * 3")).isEqualTo(7);
        assertThat(scalar(ev, "(1 + 2) * 3")).isEqualTo(9);
        assertThat(scalar(ev, "10 - 3 - 2")).isEqualTo(5);
        assertThat(scalar(ev, "2 > bool 1 + 0")).isEqualTo(1);
        Expr.Binary or = (Expr.Binary) Parser.parse("a or b and c");
        assertThat(or.op()).isEqualTo(BinaryOp.OR);
        assertThat(((Expr.Binary) or.rhs()).op()).isEqualTo(BinaryOp.AND);
    }

    private static double scalar(Evaluator ev, String text) {
        return ((Value.Scalar) ev.evaluate(Parser.parse(text), 0)).value();
    }

    @Test
    void selectorsCarryMatchersOffsetAndRange() {
        Expr.Call rate = (Expr.Call) Parser.parse("rate(http_requests_total{job=\"api\", code=~\"5..\"}[5m] offset 1h)");
        Expr.MatrixSelector ms = (Expr.MatrixSelector) rate.args().get(0);
        assertThat(ms.rangeMs()).isEqualTo(300_000);
        assertThat(ms.selector().offsetMs()).isEqualTo(3_600_000);
        assertThat(ms.selector().matchers()).extracting(Matcher::toString)
                .containsExactly("__name__=\"http_requests_total\"", "job=\"api\"", "code=~\"5..\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        rate(x[5m:1m])                  | 1 | 10 | subqueries ([range:step]) are not in Pharos' PromQL subset
        x @ 100                         | 1 | 3  | the @ modifier is not in Pharos' PromQL subset
        holt_winters(x[1h], 0.5, 0.5)   | 1 | 1  | function holt_winters() is not in Pharos' PromQL subset
        frobnicate(x)                   | 1 | 1  | unknown function frobnicate()
        rate(x)                         | 1 | 6  | argument 1 of rate() must be a range vector, found a instant vector
        sum(x[5m])                      | 1 | 5  | sum aggregates an instant vector, found a range vector
        x[5m]                           | 1 | 1  | a range vector cannot be the result of an expression
        x{job="a"                       | 1 | 10 | expected '}' or ',' but found end of expression
        x{job=a}                        | 1 | 7  | expected a quoted label value but found 'a'
        {job=~".*"}                     | 1 | 1  | at least one matcher that does not match the empty value
        1 > 2                           | 1 | 3  | comparisons between scalars must use the bool modifier
        x + on(a) 1                     | 1 | 3  | vector matching (on/ignoring) only applies between two instant vectors
        x and 1                         | 1 | 3  | set operator 'and' needs instant vectors on both sides
        round(x, 1, 2)                  | 1 | 1  | round() takes 1 to 2 arguments, got 3
        x{a="1"} offset 5m offset 1m    | 1 | 20 | offset may not be set multiple times
        "unterminated                   | 1 | 1  | unterminated string
        """)
    void refusalsSayWhereAndWhy(String text, int line, int column, String reason) {
        assertThatThrownBy(() -> Parser.parse(text.strip()))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                });
    }

    @Test
    void positionsCountLinesInMultiLineExpressions() {
        assertThatThrownBy(() -> Parser.parse("sum by (region) (\n  rate(x[5m])\n) > bogus(1)"))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(5);
                    assertThat(e.getMessage()).isEqualTo("3:5: unknown function bogus()");
                });
    }

    @Test
    void durationsCombineUnits() {
        Expr.Call c = (Expr.Call) Parser.parse("avg_over_time(x[1h30m])");
        assertThat(((Expr.MatrixSelector) c.args().get(0)).rangeMs()).isEqualTo(5_400_000);
        c = (Expr.Call) Parser.parse("avg_over_time(x[250ms])");
        assertThat(((Expr.MatrixSelector) c.args().get(0)).rangeMs()).isEqualTo(250);
        assertThat(List.of(Parser.parse("x offset 1w"))).hasSize(1);
    }
}
