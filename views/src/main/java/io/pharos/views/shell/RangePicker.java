package io.pharos.views.shell;

import io.pharos.engine.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

/**
 * The time range's span: the presets (last 15 min … last 30 days) and "Custom…", which opens the
 * editor for a from–to range. Shows the span of the range in force, also a custom one.
 */
final class RangePicker {
    /** A choice of the picker: a preset span, or null for "Custom…". */
    record Choice(Duration span) {
        @Override
        public String toString() {
            return span == null ? "Custom…" : "Last " + Durations.human(span.toMillis());
        }
    }

    static final Choice CUSTOM = new Choice(null);

    private final ComboBox<Choice> combo = new ComboBox<>();
    private final ShellViewModel model;
    private final ChangeListener<TimeRange> rangeListener = (obs, o, n) -> showRange(n);
    private boolean updating;

    RangePicker(ShellViewModel model, Runnable openCustom) {
        this.model = model;
        List<Choice> choices = new ArrayList<>();
        TimeRange.PRESETS.forEach(p -> choices.add(new Choice(p)));
        choices.add(CUSTOM);
        combo.getItems().setAll(choices);
        combo.setId("range-picker");
        combo.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Choice item, boolean empty) {
                super.updateItem(item, empty);
                TimeRange r = model.rangeProperty().get();
                setText(empty || item == null ? null
                        : item.span() == null ? "Custom: " + Durations.human(r.span().toMillis()) : item.toString());
            }
        });
        combo.valueProperty().addListener((obs, o, n) -> {
            if (updating || n == null) {
                return;
            }
            if (n.span() == null) {
                openCustom.run();
                showRange(model.rangeProperty().get()); // until the editor applies a range
            } else {
                model.selectSpan(n.span());
            }
        });
        model.rangeProperty().addListener(rangeListener);
        showRange(model.rangeProperty().get());
    }

    private void showRange(TimeRange r) {
        updating = true;
        try {
            Choice match = combo.getItems().stream().filter(c -> r.span().equals(c.span())).findFirst().orElse(CUSTOM);
            combo.setValue(null); // the button cell re-renders "Custom: …" for a new custom span
            combo.setValue(match);
        } finally {
            updating = false;
        }
    }

    ComboBox<Choice> root() {
        return combo;
    }

    void dispose() {
        model.rangeProperty().removeListener(rangeListener);
    }
}
