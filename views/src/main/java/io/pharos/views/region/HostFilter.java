package io.pharos.views.region;

/** Which hosts the host table shows, besides the search text. */
public enum HostFilter {
    ALL("All hosts"),
    HOT("Hot: CPU > 80 % or memory > 85 %"),
    NO_DATA("Without recent data");

    private final String text;

    HostFilter(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
