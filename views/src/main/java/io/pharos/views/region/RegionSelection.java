package io.pharos.views.region;

import java.util.Objects;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Which region the regional dashboard shows, shared through the app's wiring so that other screens can
 * open it on a region: the executive dashboard's map calls {@link #open(String)} with the region
 * clicked. The app sets {@link #onOpen(Runnable)} to show the regional screen; the screen follows
 * {@link #regionProperty()}. Used on the FX thread only.
 */
public final class RegionSelection {
    private final StringProperty region = new SimpleStringProperty();
    private Runnable show = () -> { };

    /** The region shown (its {@code region} label value, e.g. "eu-west-1"); null until one is picked. */
    public StringProperty regionProperty() {
        return region;
    }

    /** Shows the regional dashboard on {@code region}. */
    public void open(String regionName) {
        region.set(Objects.requireNonNull(regionName, "region"));
        show.run();
    }

    /** What {@link #open(String)} does besides selecting the region: the app shows the regional screen. */
    public void onOpen(Runnable showScreen) {
        show = Objects.requireNonNull(showScreen, "showScreen");
    }
}
