package io.pharos.views.common;

import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A node's tooltip, made when the pointer first enters the node. A Tooltip is a popup control: the
 * first ones built cost tens of milliseconds each, and a screen of them delayed the console's first
 * figures; most are never shown.
 */
public final class HoverTooltip {
    private final Node owner;
    private String text;
    private Tooltip tooltip;

    private HoverTooltip(Node owner, String text) {
        this.owner = owner;
        this.text = text;
        owner.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> make());
    }

    /** A tooltip on {@code owner} with {@code text} (none while the text is empty). */
    public static HoverTooltip install(Node owner, String text) {
        return new HoverTooltip(owner, text == null ? "" : text);
    }

    public void setText(String newText) {
        text = newText == null ? "" : newText;
        if (tooltip != null) {
            tooltip.setText(text);
        }
    }

    public String text() {
        return text;
    }

    private void make() {
        if (tooltip == null && !text.isEmpty()) {
            // Installed while the pointer is on the node: the next mouse move starts its timer.
            tooltip = new Tooltip(text);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(560);
            Tooltip.install(owner, tooltip);
        }
    }
}
