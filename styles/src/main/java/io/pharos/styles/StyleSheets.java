package io.pharos.styles;

import java.net.URL;
import java.util.List;

/**
 * Where the stylesheets are, as external-form URL strings ready for {@code Scene.getStylesheets()}.
 * Plain Java so that code without JavaFX (and these tests) can use it. A scene takes the theme's
 * sheet, which defines the colour tokens, plus base.css, which uses them.
 */
public final class StyleSheets {

    /** Colour themes; {@link #DARK} is the default. */
    public enum Theme {
        DARK("dark.css"), LIGHT("light.css");

        private final String file;

        Theme(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }
    }

    public static final Theme DEFAULT_THEME = Theme.DARK;
    public static final String BASE_FILE = "base.css";

    private StyleSheets() {
    }

    /** base.css: every rule, colours only as tokens. */
    public static String base() {
        return externalForm(BASE_FILE);
    }

    public static String dark() {
        return theme(Theme.DARK);
    }

    public static String light() {
        return theme(Theme.LIGHT);
    }

    /** The sheet that defines the colour tokens of a theme. */
    public static String theme(Theme theme) {
        return externalForm(theme.file());
    }

    /** What a scene needs for a theme, in order: the theme's tokens, then base.css. */
    public static List<String> forTheme(Theme theme) {
        return List.of(theme(theme), base());
    }

    private static String externalForm(String file) {
        URL url = StyleSheets.class.getResource(file);
        if (url == null) {
            throw new IllegalStateException("stylesheet " + file + " is missing from the class path (expected beside "
                    + StyleSheets.class.getName() + "); rebuild the styles module");
        }
        return url.toExternalForm();
    }
}
