package io.pharos.views.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.styles.StyleSheets;
import java.net.URI;
import java.net.URL;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.ParsedValue;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/** JavaFX loads x.bss instead of parsing x.css when it is there: it must say what the CSS says. */
class BinaryStyleSheetsTest {
    /** A parsed value as text, arrays (layered backgrounds, sizes) element by element. */
    private static String render(Object value) {
        if (value instanceof ParsedValue<?, ?> parsed) {
            return render(parsed.getValue());
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.stream(array).map(BinaryStyleSheetsTest::render).toList().toString();
        }
        return String.valueOf(value);
    }

    @Test
    void everyStylesheetHasItsBinaryFormWithTheSameRules() throws Exception {
        for (String css : List.of(StyleSheets.base(), StyleSheets.dark(), StyleSheets.light())) {
            URL text = URI.create(css).toURL();
            URL binary = URI.create(css.replaceFirst("\\.css$", ".bss")).toURL();
            Stylesheet parsed = new CssParser().parse(text);
            Stylesheet loaded = Stylesheet.loadBinary(binary);
            assertThat(loaded).as("%s beside %s", binary, css).isNotNull();
            assertThat(loaded.getRules()).hasSameSizeAs(parsed.getRules()).isNotEmpty();
            for (int i = 0; i < parsed.getRules().size(); i++) {
                Rule p = parsed.getRules().get(i);
                Rule b = loaded.getRules().get(i);
                assertThat(b.getSelectors().toString()).isEqualTo(p.getSelectors().toString());
                assertThat(b.getDeclarations().stream().map(d -> d.getProperty() + ": " + render(d.getParsedValue())))
                        .as("rule %s of %s", p.getSelectors(), css)
                        .containsExactlyElementsOf(p.getDeclarations().stream()
                                .map(d -> d.getProperty() + ": " + render(d.getParsedValue())).toList());
            }
        }
    }
}
