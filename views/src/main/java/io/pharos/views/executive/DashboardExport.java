package io.pharos.views.executive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** The dashboard as a picture: a snapshot of its nodes as they are drawn, saved as PNG. */
final class DashboardExport {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DashboardExport() {
    }

    /** The file name for an export made at {@code at}: sortable, in UTC. */
    static String fileName(String what, Instant at, String extension) {
        return what + "-" + STAMP.format(at) + "Z." + extension;
    }

    /** Takes the snapshot (on the UI thread) and returns it; writing it is {@link #write}'s job, off that thread. */
    static WritableImage snapshot(Node node) {
        SnapshotParameters p = new SnapshotParameters();
        return node.snapshot(p, null);
    }

    /** The nodes' pictures one under the other, as wide as the widest (the header over the dashboard). */
    static WritableImage stacked(Node... nodes) {
        java.util.List<WritableImage> parts = java.util.Arrays.stream(nodes).map(DashboardExport::snapshot).toList();
        int width = (int) parts.stream().mapToDouble(javafx.scene.image.Image::getWidth).max().orElse(1);
        int height = (int) parts.stream().mapToDouble(javafx.scene.image.Image::getHeight).sum();
        WritableImage out = new WritableImage(Math.max(1, width), Math.max(1, height));
        int y = 0;
        for (WritableImage part : parts) {
            int w = (int) part.getWidth();
            int h = (int) part.getHeight();
            out.getPixelWriter().setPixels(0, y, w, h, part.getPixelReader(), 0, 0);
            y += h;
        }
        return out;
    }

    static Path write(WritableImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
        return file;
    }
}
