package io.pharos.engine.fleet;

/** The resource types a region's cost is split into (label {@code resource}). */
public enum CostResource {
    COMPUTE("compute"),
    STORAGE("storage"),
    NETWORK("network");

    private final String label;

    CostResource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
