package io.pharos.engine.importer;

/** Prometheus name rules: metric {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
final class Names {

    private Names() {
    }

    static boolean isLabelNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isLabelNameChar(char c) {
        return isLabelNameStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isMetricNameStart(char c) {
        return isLabelNameStart(c) || c == ':';
    }

    static boolean isMetricNameChar(char c) {
        return isLabelNameChar(c) || c == ':';
    }

    static boolean isMetricName(CharSequence s) {
        if (s.isEmpty() || !isMetricNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isMetricNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isLabelName(CharSequence s) {
        if (s.isEmpty() || !isLabelNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isLabelNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
