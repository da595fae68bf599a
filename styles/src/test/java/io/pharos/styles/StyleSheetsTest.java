package io.pharos.styles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.styles.StyleSheets.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StyleSheetsTest {
    private static final Pattern TOKEN_USE = Pattern.compile("(?<![\\w-])(-pharos-[a-z0-9-]+)");
    private static final Pattern TOKEN_DEFINITION =
            Pattern.compile("(?m)^\\s*(-pharos-[a-z0-9-]+|CHART_COLOR_\\d+)\\s*:\\s*([^;]+);");
    private static final Pattern COLOUR_LITERAL =
            Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\b(?:rgb|rgba|hsb|hsba)\\s*\\(");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");

    @Test
    void everyStylesheetResolvesToAnExistingResource() throws IOException {
        for (String url : List.of(StyleSheets.base(), StyleSheets.dark(), StyleSheets.light())) {
            try (InputStream in = URI.create(url).toURL().openStream()) {
                assertThat(in.readAllBytes()).as(url).isNotEmpty();
            }
        }
        assertThat(StyleSheets.forTheme(StyleSheets.DEFAULT_THEME))
                .containsExactly(StyleSheets.dark(), StyleSheets.base());
    }

    @Test
    void everyTokenUsedInBaseIsDefinedInBothThemes() {
        Set<String> used = tokensUsed(css("base.css"));
        assertThat(used).contains("-pharos-background", "-pharos-text", "-pharos-critical");
        for (Theme theme : Theme.values()) {
            assertThat(definitions(css(theme.file())).keySet()).as(theme.file()).containsAll(used);
        }
    }

    @Test
    void bothThemesDefineTheSameTokens() {
        assertThat(definitions(css("dark.css")).keySet()).isEqualTo(definitions(css("light.css")).keySet());
    }

    @Test
    void baseHasNoColourLiteralsAndNoThemeRepeatsAColour() {
        assertThat(COLOUR_LITERAL.matcher(css("base.css")).find()).as("colour literal in base.css").isFalse();
        for (Theme theme : Theme.values()) {
            List<String> values = definitions(css(theme.file())).values().stream().map(String::toLowerCase).toList();
            assertThat(values).as(theme.file()).doesNotHaveDuplicates();
        }
    }

    @Test
    void textIsLegibleOnBackgroundAndSurfaceInBothThemes() {
        for (Theme theme : Theme.values()) {
            Map<String, String> tokens = definitions(css(theme.file()));
            String text = tokens.get("-pharos-text");
            assertThat(contrast(text, tokens.get("-pharos-background"))).as(theme + " text/background").isGreaterThanOrEqualTo(7.0);
            assertThat(contrast(text, tokens.get("-pharos-surface"))).as(theme + " text/surface").isGreaterThanOrEqualTo(7.0);
            assertThat(contrast(text, tokens.get("-pharos-selection"))).as(theme + " text/selection").isGreaterThanOrEqualTo(7.0);
            assertThat(contrast(tokens.get("-pharos-text-muted"), tokens.get("-pharos-surface")))
                    .as(theme + " muted/surface").isGreaterThanOrEqualTo(4.5);
        }
    }

    @Test
    void everyStyleClassHasARuleInBase() throws IllegalAccessException {
        String base = css("base.css");
        for (var field : StyleClasses.class.getFields()) {
            String styleClass = (String) field.get(null);
            assertThat(base).as(field.getName()).containsPattern("\\." + Pattern.quote(styleClass) + "[\\s,{.:]");
        }
    }

    private static String css(String file) {
        try (InputStream in = StyleSheets.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            return COMMENT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).replaceAll("");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> tokensUsed(String css) {
        Set<String> used = new TreeSet<>();
        Matcher m = TOKEN_USE.matcher(css);
        while (m.find()) {
            used.add(m.group(1));
        }
        return used;
    }

    private static Map<String, String> definitions(String css) {
        Map<String, String> defined = new LinkedHashMap<>();
        Matcher m = TOKEN_DEFINITION.matcher(css);
        while (m.find()) {
            assertThat(defined.put(m.group(1), m.group(2).trim())).as("defined twice: " + m.group(1)).isNull();
        }
        return defined;
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        assertThat(hex).matches("#[0-9a-fA-F]{6}");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
