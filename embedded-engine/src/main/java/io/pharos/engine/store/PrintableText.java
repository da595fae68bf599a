package io.pharos.engine.store;

/**
 * Text from a file someone else made, made safe to print: control, format (bidirectional overrides)
 * and line-separator characters become {@code \\uXXXX} escapes, so a crafted note cannot move the
 * cursor, recolour a terminal, fake a line of output or reorder what is shown; long text is cut.
 */
public final class PrintableText {
    private PrintableText() {
    }

    public static String of(String s, int maxLength) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxLength) + 8);
        for (int i = 0; i < s.length() && out.length() < maxLength; i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= maxLength && s.length() > maxLength ? out + "…" : out.toString();
    }
}
