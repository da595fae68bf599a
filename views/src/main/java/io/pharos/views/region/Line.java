package io.pharos.views.region;

import io.pharos.engine.query.TimeSeries;

/** One line of a chart: its name in the legend and its values. */
public record Line(String name, TimeSeries series) {
}
