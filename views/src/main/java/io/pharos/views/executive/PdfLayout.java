package io.pharos.views.executive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays text out on A4 pages for print: black on white, 2 cm margins, headings, wrapped paragraphs
 * and tables, a new page when one is full, a footer with the page number. Uses the standard PDF
 * fonts (no font files to ship); text they cannot draw is replaced by the nearest that they can.
 */
final class PdfLayout implements AutoCloseable {
    static final float MARGIN = 56.7f; // 2 cm
    private static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDDocument doc = new PDDocument();
    private final String footer;
    private PDPageContentStream page;
    private float y;
    private int pages;

    PdfLayout(String footer) {
        this.footer = footer;
    }

    private float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    private void newPage() throws IOException {
        closePage();
        PDPage p = new PDPage(PDRectangle.A4);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        pages++;
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void closePage() throws IOException {
        if (page != null) {
            text(REGULAR, 8, MARGIN, MARGIN / 2, footer + " · page " + pages);
            page.close();
            page = null;
        }
    }

    /** Makes room for {@code height} points, starting a page when the current one is full. */
    private void room(float height) throws IOException {
        if (page == null || y - height < MARGIN) {
            newPage();
        }
    }

    private void text(PDFont font, float size, float x, float atY, String s) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, atY);
        page.showText(printable(s));
        page.endText();
    }

    void title(String s) throws IOException {
        room(30);
        y -= 22;
        text(BOLD, 20, MARGIN, y, s);
        y -= 10;
    }

    void heading(String s) throws IOException {
        room(40);
        y -= 24;
        text(BOLD, 13, MARGIN, y, s);
        y -= 6;
    }

    void paragraph(String s) throws IOException {
        for (String line : wrap(s, REGULAR, 10, width())) {
            room(14);
            y -= 14;
            text(REGULAR, 10, MARGIN, y, line);
        }
    }

    /** A table: the first row bold, columns at the given shares of the width; cells cut to fit. */
    void table(List<String[]> rows, float[] shares) throws IOException {
        boolean header = true;
        for (String[] row : rows) {
            room(15);
            y -= 15;
            float x = MARGIN;
            for (int c = 0; c < row.length; c++) {
                float w = width() * shares[c];
                PDFont f = header ? BOLD : REGULAR;
                text(f, 9, x, y, fit(row[c], f, 9, w - 6));
                x += w;
            }
            if (header) {
                page.setLineWidth(0.5f);
                page.moveTo(MARGIN, y - 4);
                page.lineTo(MARGIN + width(), y - 4);
                page.stroke();
                y -= 3;
            }
            header = false;
        }
    }

    byte[] bytes() throws IOException {
        closePage();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        doc.close();
    }

    static List<String> wrap(String s, PDFont font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(s).split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String fit(String s, PDFont font, float size, float width) throws IOException {
        String t = printable(s);
        if (font.getStringWidth(t) / 1000 * size <= width) {
            return t;
        }
        while (!t.isEmpty() && font.getStringWidth(t + "...") / 1000 * size > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    /** What the standard fonts (WinAnsi) can draw: arrows become words, the rest a question mark. */
    static String printable(String s) {
        String t = s.replace("▲", "up").replace("▼", "down").replace("■", "steady").replace("→", "->")
                .replace("●", "*").replace(" ", " ").replace("…", "...");
        StringBuilder out = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            boolean ok = c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff || c == '—' || c == '–' || c == '·'
                    || c == '€' || c == '’' || c == '“' || c == '”';
            out.append(ok ? c : '?');
        }
        return out.toString();
    }
}
