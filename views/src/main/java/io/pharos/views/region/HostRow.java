package io.pharos.views.region;

import java.util.Comparator;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.LongProperty;

/**
 * One row of the host table. Rows live as long as their host is shown: each refresh sets their values
 * in place, so the table updates its cells without rebuilding rows.
 */
public final class HostRow {
    public static final Comparator<HostRow> BY_HOST = Comparator.comparing(HostRow::host);
    public static final Comparator<HostRow> BY_CPU = Comparator.comparingDouble(r -> orLowest(r.cpu()));
    public static final Comparator<HostRow> BY_MEMORY = Comparator.comparingDouble(r -> orLowest(r.memory()));

    private final String host;
    private final String service;
    private final HostLimits limits;
    private final DoubleProperty cpu = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty memory = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty requests = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty errors = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty latencyP99 = new SimpleDoubleProperty(Double.NaN);
    private final LongProperty lastSample = new SimpleLongProperty();
    private final ReadOnlyBooleanWrapper hot = new ReadOnlyBooleanWrapper();

    HostRow(HostFigures f, HostLimits limits) {
        this.host = f.host();
        this.service = f.service();
        this.limits = limits;
        update(f);
    }

    /** Sets the latest figures; properties whose value did not change fire nothing. */
    void update(HostFigures f) {
        cpu.set(f.cpu());
        memory.set(f.memory());
        requests.set(f.requestsPerSecond());
        errors.set(f.errorsPerSecond());
        latencyP99.set(f.latencyP99Seconds());
        lastSample.set(f.lastSampleMs());
        hot.set(limits.hot(f.cpu(), f.memory()));
    }

    private static double orLowest(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    public String host() {
        return host;
    }

    public String service() {
        return service;
    }

    public double cpu() {
        return cpu.get();
    }

    public double memory() {
        return memory.get();
    }

    public DoubleProperty cpuProperty() {
        return cpu;
    }

    public DoubleProperty memoryProperty() {
        return memory;
    }

    public DoubleProperty requestsProperty() {
        return requests;
    }

    public DoubleProperty errorsProperty() {
        return errors;
    }

    public DoubleProperty latencyP99Property() {
        return latencyP99;
    }

    public LongProperty lastSampleProperty() {
        return lastSample;
    }

    /** CPU or memory above {@link HostLimits}. */
    public ReadOnlyBooleanProperty hotProperty() {
        return hot.getReadOnlyProperty();
    }

    public boolean hot() {
        return hot.get();
    }

    @Override
    public String toString() {
        return host;
    }
}
