package io.pharos.engine.dashboard;

/** What moment or span a figure describes; its previous value describes the same one period earlier. */
public enum Basis {
    /** The last minutes before the end of the range ({@link DashboardConfig#nowWindow()}): "now". */
    END_OF_RANGE("now"),
    /** The whole range. */
    OVER_RANGE("over the range"),
    /** The highest point of the range (for capacity: the busiest step). */
    PEAK_OF_RANGE("at the peak of the range"),
    /** The objective's window (e.g. 30 days) ending at the end of the range. */
    OBJECTIVE_WINDOW("over the objective's window");

    private final String text;

    Basis(String text) {
        this.text = text;
    }

    /** In words, for a tile's caption: "now", "over the range"... */
    public String text() {
        return text;
    }
}
