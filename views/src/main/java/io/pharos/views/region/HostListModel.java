package io.pharos.views.region;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The hosts of the region shown: every host as a {@link HostRow} updated in place, narrowed by a search
 * text (host or service name) and a {@link HostFilter}, and sorted by the table's comparator. 200+ hosts
 * at one update a second cost one property change per changed figure, not a rebuilt table.
 */
public final class HostListModel {
    /** How old a host's newest sample may be and still count as recent. */
    static final long RECENT_MS = 120_000;

    private final HostLimits limits;
    private final ObservableList<HostRow> rows = FXCollections.observableArrayList(
            r -> new Observable[] {r.hotProperty(), r.cpuProperty(), r.memoryProperty()});
    private final ObservableList<HostRow> readOnly = FXCollections.unmodifiableObservableList(rows);
    private final Map<String, HostRow> byHost = new HashMap<>();
    private final FilteredList<HostRow> filtered = new FilteredList<>(rows);
    private final SortedList<HostRow> sorted = new SortedList<>(filtered);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<HostFilter> filter = new SimpleObjectProperty<>(HostFilter.ALL);
    private final ObjectProperty<Comparator<HostRow>> comparator = new SimpleObjectProperty<>(HostRow.BY_HOST);
    private long nowMs;

    HostListModel(HostLimits limits) {
        this.limits = limits;
        search.addListener((o, a, b) -> refilter());
        filter.addListener((o, a, b) -> refilter());
        sorted.comparatorProperty().bind(comparator);
        refilter();
    }

    /** Brings the rows to these hosts: existing rows get new values, new hosts are added, gone ones removed. */
    void update(List<HostFigures> hosts, long now) {
        boolean clock = now != nowMs && filter.get() == HostFilter.NO_DATA;
        nowMs = now;
        Set<String> seen = new HashSet<>();
        List<HostRow> added = new java.util.ArrayList<>();
        for (HostFigures f : hosts) {
            seen.add(f.host());
            HostRow row = byHost.get(f.host());
            if (row == null) {
                row = new HostRow(f, limits);
                byHost.put(f.host(), row);
                added.add(row);
            } else {
                row.update(f);
            }
        }
        if (byHost.size() > seen.size()) {
            rows.removeIf(r -> !seen.contains(r.host()));
            byHost.keySet().retainAll(seen);
        }
        rows.addAll(added);
        if (clock) {
            refilter();
        }
    }

    /** Forgets every row (another region is shown). */
    void clear() {
        rows.clear();
        byHost.clear();
    }

    private void refilter() {
        String text = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        HostFilter f = filter.get() == null ? HostFilter.ALL : filter.get();
        long now = nowMs;
        Predicate<HostRow> p = r -> (text.isEmpty() || r.host().toLowerCase(Locale.ROOT).contains(text)
                || r.service().toLowerCase(Locale.ROOT).contains(text))
                && switch (f) {
                    case ALL -> true;
                    case HOT -> r.hot();
                    case NO_DATA -> now - r.lastSampleProperty().get() > RECENT_MS;
                };
        filtered.setPredicate(p);
    }

    /** Every host of the region, unfiltered, in the order they were read. */
    public ObservableList<HostRow> all() {
        return readOnly;
    }

    /** The hosts the table shows: searched, filtered and sorted. */
    public SortedList<HostRow> shown() {
        return sorted;
    }

    /** The row of a host, or null. */
    public HostRow row(String host) {
        return byHost.get(host);
    }

    /** Matches host and service names, ignoring case; empty shows every host. */
    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<HostFilter> filterProperty() {
        return filter;
    }

    /** The order of {@link #shown()}; the table binds its sort order here. */
    public ObjectProperty<Comparator<HostRow>> comparatorProperty() {
        return comparator;
    }
}
