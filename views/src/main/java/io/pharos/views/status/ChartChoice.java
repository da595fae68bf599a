package io.pharos.views.status;

import io.pharos.engine.model.Matcher;
import java.util.List;

/**
 * A series the first window can chart: a title for people and the selector of the series. When the
 * selector matches several series, their average is charted.
 */
public record ChartChoice(String title, List<Matcher> selector) {

    @Override
    public String toString() {
        return title;
    }
}
