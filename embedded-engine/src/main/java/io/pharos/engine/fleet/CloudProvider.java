package io.pharos.engine.fleet;

/** A cloud provider of the reference fleet, with its list-price level relative to aws. */
public enum CloudProvider {
    AWS("aws", 1.00),
    AZURE("azure", 0.97),
    GCP("gcp", 0.93);

    private final String label;
    private final double priceFactor;

    CloudProvider(String label, double priceFactor) {
        this.label = label;
        this.priceFactor = priceFactor;
    }

    /** The value of the {@code provider} label. */
    public String label() {
        return label;
    }

    /** Multiplies every price of a region run on this provider. */
    public double priceFactor() {
        return priceFactor;
    }
}
