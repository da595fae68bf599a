package io.pharos.engine.agent;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.rules.Expr;
import io.pharos.engine.rules.Parser;
import io.pharos.engine.rules.RuleSyntaxException;
import io.pharos.engine.store.SeriesReader;
import io.pharos.engine.store.SeriesRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series a request is about: every series, or those of one or more {@code match} selectors in the
 * rule language ({@code node_cpu_seconds_total{mode!="idle"}}), as Prometheus' {@code match[]}.
 */
final class Selection {
    private static final int MAX_SELECTORS = 32;
    private static final List<Matcher> EVERY_SERIES = List.of(Matcher.regex(Matcher.NAME, ".+"));
    private final List<List<Matcher>> selectors;

    private Selection(List<List<Matcher>> selectors) {
        this.selectors = selectors;
    }

    /** The matchers that select every series a reader holds. */
    static List<Matcher> everySeries() {
        return EVERY_SERIES;
    }

    /** From the request's {@code match} (or {@code match[]}) values; none selects every series. */
    static Selection of(QueryParams params) {
        List<String> texts = new ArrayList<>(params.all("match"));
        texts.addAll(params.all("match[]"));
        if (texts.size() > MAX_SELECTORS) {
            throw new AgentServer.BadRequest("At most " + MAX_SELECTORS + " selectors in one request, got "
                    + texts.size() + ".");
        }
        if (texts.isEmpty()) {
            return new Selection(List.of(EVERY_SERIES));
        }
        List<List<Matcher>> out = new ArrayList<>();
        for (String text : texts) {
            Expr e;
            try {
                e = Parser.parse(text);
            } catch (RuleSyntaxException ex) {
                throw new AgentServer.BadRequest("'match' is not a selector: " + ex.getMessage());
            }
            if (!(e instanceof Expr.VectorSelector v) || v.offsetMs() != 0) {
                throw new AgentServer.BadRequest("'match' must be a plain selector such as up{job=\"node\"}, got '"
                        + Responses.shorten(text) + "'.");
            }
            out.add(v.matchers());
        }
        return new Selection(out);
    }

    /** The matching series of the reader, each once, in the order the selectors found them. */
    List<SeriesRef> select(SeriesReader reader) {
        if (selectors.size() == 1) {
            return reader.select(selectors.getFirst());
        }
        Map<Integer, SeriesRef> out = new LinkedHashMap<>();
        for (List<Matcher> m : selectors) {
            for (SeriesRef ref : reader.select(m)) {
                out.putIfAbsent(ref.id(), ref);
            }
        }
        return List.copyOf(out.values());
    }

    boolean matches(SeriesKey key) {
        for (List<Matcher> m : selectors) {
            boolean all = true;
            for (Matcher one : m) {
                if (!one.matches(key)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
