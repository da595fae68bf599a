package io.pharos.views.common;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.event.Event;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HoverTooltipTest {
    /** Where Tooltip.install keeps a node's tooltip. */
    private static final String KEY = "javafx.scene.control.Tooltip";

    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    private static void enter(Label node) {
        Event.fireEvent(node, new MouseEvent(MouseEvent.MOUSE_ENTERED, 1, 1, 1, 1, MouseButton.NONE, 0, false, false,
                false, false, false, false, false, false, false, false, null));
    }

    @Test
    void theTooltipIsMadeOnTheFirstHoverWithTheLatestText() throws Exception {
        FxToolkit.call(() -> {
            Label node = new Label("p99 latency");
            HoverTooltip tip = HoverTooltip.install(node, "over the range");
            assertThat(node.getProperties()).as("nothing built before a hover").doesNotContainKey(KEY);
            tip.setText("at the busiest moment of the range");
            enter(node);
            assertThat(((Tooltip) node.getProperties().get(KEY)).getText()).isEqualTo("at the busiest moment of the range");
            tip.setText("now");
            assertThat(((Tooltip) node.getProperties().get(KEY)).getText()).isEqualTo("now");
            Tooltip first = (Tooltip) node.getProperties().get(KEY);
            enter(node);
            assertThat(node.getProperties().get(KEY)).as("one tooltip, not one per hover").isSameAs(first);
            return null;
        });
    }

    @Test
    void anEmptyTextMakesNoTooltip() throws Exception {
        FxToolkit.call(() -> {
            Label node = new Label("x");
            HoverTooltip.install(node, "");
            enter(node);
            assertThat(node.getProperties()).doesNotContainKey(KEY);
            return null;
        });
    }
}
