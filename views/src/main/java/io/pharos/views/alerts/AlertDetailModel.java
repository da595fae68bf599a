package io.pharos.views.alerts;

import io.pharos.engine.alerting.AlertHistoryEntry;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.pipeline.AlertingState;
import io.pharos.engine.query.Aggregation;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.query.TimeSeries;
import io.pharos.engine.rules.BinaryOp;
import io.pharos.engine.rules.Expr;
import io.pharos.engine.rules.Rule;
import io.pharos.engine.rules.RuleGroup;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.ShellContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The details of one alert: its series charted around the time it fired (the rule's condition, with
 * the threshold), and its state changes. Read in the background; a newer alert replaces an older read.
 */
public final class AlertDetailModel {
    static final int CHART_POINTS = 240;
    /** How much before the alert the chart starts, so the change that raised it shows. */
    static final long BEFORE_MS = 30 * 60_000L;
    private static final Set<BinaryOp> COMPARISONS = Set.of(BinaryOp.GTR, BinaryOp.LSS, BinaryOp.GTE, BinaryOp.LTE,
            BinaryOp.EQL, BinaryOp.NEQ);

    /**
     * A chart of an alert's series.
     *
     * @param series    the series, empty when there is none to show
     * @param markMs    when the alert started firing (or pending): marked on the chart
     * @param endMs     when it resolved, 0 while it holds
     * @param threshold the value the rule compares with, NaN when it is not a plain number
     * @param title     what is charted: the selector, or why nothing is
     */
    public record ChartData(TimeSeries series, long markMs, long endMs, double threshold, String title) {
    }

    private final Optional<AlertingState> alerting;
    private final QueryService query;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ShellContext context;
    private final ReadOnlyObjectWrapper<ChartData> chart = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private BackgroundTask<Result> reading;

    public AlertDetailModel(Optional<? extends AlertingState> alerting, QueryService query, TaskExecutor executor, Clock clock, ShellContext context) {
        this.alerting = alerting.map(AlertingState.class::cast);
        this.query = query;
        this.executor = executor;
        this.clock = clock;
        this.context = context;
    }

    private record Result(ChartData chart, List<AlertHistoryEntry> history) {
    }

    /** Reads the chart and history of {@code item}; null clears them. */
    public void show(AlertItem item) {
        if (reading != null) {
            reading.cancel();
        }
        if (item == null || alerting.isEmpty()) {
            chart.set(null);
            history.clear();
            return;
        }
        reading = executor.execute(BackgroundTask.wrap("Read an alert's chart", () -> read(alerting.get(), item))
                .onSuccess(r -> {
                    chart.set(r.chart());
                    history.setAll(r.history().stream().map(this::line).toList());
                })
                .onFailure(e -> chart.set(new ChartData(null, item.markMs(), 0, Double.NaN,
                        "Could not read the chart: " + e.getMessage()))));
    }

    private Result read(AlertingState runtime, AlertItem item) {
        long now = clock.millis();
        long mark = item.markMs() > 0 ? item.markMs() : now;
        long resolved = item.state() == QueueState.RESOLVED ? item.row().alert().alert().resolvedAtMs() : 0;
        long from = mark - BEFORE_MS;
        long to = resolved > 0 ? Math.min(now, resolved + BEFORE_MS / 3) : now;
        to = Math.max(to, mark + 60_000);
        List<AlertHistoryEntry> changes = runtime.history(item.labels(), from - 24 * 3_600_000L, now, 20);
        Optional<Rule.Alerting> rule = rule(runtime, item);
        if (rule.isEmpty()) {
            return new Result(new ChartData(null, mark, resolved, Double.NaN, noRule(item)), changes);
        }
        Condition c = condition(rule.get().expr());
        if (c.selector() == null) {
            return new Result(new ChartData(null, mark, resolved, Double.NaN,
                    "No chart: the condition reads no series (" + rule.get().exprText().strip() + ")"), changes);
        }
        List<Matcher> matchers = new ArrayList<>(c.selector().matchers());
        var labels = item.labels();
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            if (!"alertname".equals(name) && !rule.get().labels().containsKey(name)) {
                matchers.add(Matcher.eq(name, labels.value(i)));
            }
        }
        List<TimeSeries> found = query.aggregate(matchers, List.of(), Aggregation.AVG, from, to, CHART_POINTS);
        String title = c.selector().name() + " " + item.labels().without("alertname").without("severity")
                + (Double.isNaN(c.threshold()) ? "" : " · threshold " + c.operator() + " " + number(c.threshold()));
        TimeSeries s = found.isEmpty() ? null : found.getFirst();
        return new Result(new ChartData(s, mark, resolved, c.threshold(), s == null ? title + " — no data" : title),
                changes);
    }

    private static String noRule(AlertItem item) {
        var alert = item.row().alert();
        if (io.pharos.engine.pipeline.ReceivedAlerts.GROUP.equals(alert.group())) {
            String source = alert.annotations().getOrDefault("generator_url", "");
            return "No chart: " + alert.annotations().getOrDefault("received_from", "another system")
                    + " sent this alert; its rule runs there" + (source.isEmpty() ? "" : " (" + source + ")");
        }
        if (io.pharos.engine.pipeline.PredictiveAlerts.GROUP.equals(alert.group())) {
            return "No chart: " + alert.rule() + " is a predictive rule, not a rule file's";
        }
        return "No chart: the rule " + alert.rule() + " is not in the rule files loaded";
    }

    private static Optional<Rule.Alerting> rule(AlertingState runtime, AlertItem item) {
        for (RuleGroup g : runtime.ruleGroups()) {
            if (!g.name().equals(item.row().alert().group())) {
                continue;
            }
            for (Rule r : g.rules()) {
                if (r instanceof Rule.Alerting a && a.name().equals(item.row().alert().rule())) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    /** The series a condition compares and the number it compares with ("x > 0.8"). */
    record Condition(Expr.VectorSelector selector, String operator, double threshold) {
    }

    static Condition condition(Expr e) {
        Expr x = unwrap(e);
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.AND) {
            return condition(b.lhs());
        }
        if (x instanceof Expr.Binary b && COMPARISONS.contains(b.op())) {
            double t = unwrap(b.rhs()) instanceof Expr.NumberLiteral n ? n.value() : Double.NaN;
            Expr.VectorSelector lhs = unwrap(b.lhs()) instanceof Expr.VectorSelector vs ? vs : firstSelector(b.lhs());
            // A threshold only means something on the chart when the series is compared as it is.
            boolean plain = unwrap(b.lhs()) instanceof Expr.VectorSelector;
            return new Condition(lhs, b.op().symbol(), plain ? t : Double.NaN);
        }
        return new Condition(firstSelector(x), "", Double.NaN);
    }

    private static Expr unwrap(Expr e) {
        return e instanceof Expr.Paren p ? unwrap(p.expr()) : e;
    }

    private static Expr.VectorSelector firstSelector(Expr e) {
        return switch (e) {
            case Expr.VectorSelector vs -> vs;
            case Expr.MatrixSelector ms -> ms.selector();
            case Expr.Paren p -> firstSelector(p.expr());
            case Expr.Unary u -> firstSelector(u.expr());
            case Expr.Aggregate a -> firstSelector(a.expr());
            case Expr.Binary b -> {
                Expr.VectorSelector l = firstSelector(b.lhs());
                yield l != null ? l : firstSelector(b.rhs());
            }
            case Expr.Call c -> c.args().stream().map(AlertDetailModel::firstSelector)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            default -> null;
        };
    }

    private String line(AlertHistoryEntry h) {
        return AlertTimes.at(h.atMs(), clock.millis(), context.zone().getValue(), context.zoneName().getValue())
                + "  " + h.from().name().toLowerCase(Locale.ROOT) + " → " + h.to().name().toLowerCase(Locale.ROOT)
                + (Double.isNaN(h.value()) ? "" : "  (value " + number(h.value()) + ")");
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** The chart shown; null while nothing is chosen. */
    public ReadOnlyObjectProperty<ChartData> chartProperty() {
        return chart.getReadOnlyProperty();
    }

    /** The alert's state changes, oldest first, with times in the zone shown. */
    public ObservableList<String> history() {
        return history;
    }
}
