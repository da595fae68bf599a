package io.pharos.engine.rules;

import io.pharos.engine.model.Labels;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Prometheus' annotation templates that rule files use most: {@code {{ $labels.host }}},
 * {@code {{ $value }}}, pipes to humanize, humanizePercentage and humanizeDuration, and
 * {@code {{ printf "%.2f" $value }}}. Anything else is left as written, so nothing is lost.
 */
public final class AnnotationTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
    private static final Pattern PRINTF = Pattern.compile("printf\\s+\"([^\"]*)\"\\s+(\\$\\S+)");

    private AnnotationTemplate() {
    }

    public static String render(String template, Labels labels, double value) {
        if (template.indexOf("{{") < 0) {
            return template;
        }
        Matcher m = ACTION.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String out = action(m.group(1), labels, value);
            m.appendReplacement(sb, Matcher.quoteReplacement(out == null ? m.group() : out));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String action(String body, Labels labels, double value) {
        Matcher p = PRINTF.matcher(body);
        if (p.matches()) {
            Object arg = operand(p.group(2), labels, value);
            if (arg == null) {
                return null;
            }
            try {
                return String.format(Locale.ROOT, p.group(1), arg);
            } catch (java.util.IllegalFormatException e) {
                return null;
            }
        }
        String[] parts = body.split("\\|");
        Object v = operand(parts[0].strip(), labels, value);
        if (v == null) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!(v instanceof Double d)) {
                return null;
            }
            v = switch (parts[i].strip()) {
                case "humanize" -> humanize(d);
                case "humanizePercentage" -> trim(d * 100) + "%";
                case "humanizeDuration" -> humanizeDuration(d);
                default -> null;
            };
            if (v == null) {
                return null;
            }
        }
        return v instanceof Double d ? trim(d) : v.toString();
    }

    private static Object operand(String s, Labels labels, double value) {
        if (s.equals("$value") || s.equals(".Value")) {
            return value;
        }
        String name = s.startsWith("$labels.") ? s.substring(8) : s.startsWith(".Labels.") ? s.substring(8) : null;
        if (name != null) {
            String v = labels.get(name);
            return v == null ? "" : v;
        }
        return null;
    }

    private static String trim(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.4g", d);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** 1234567 → 1.235M, 0.0012 → 1.2m, as Prometheus' humanize. */
    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return trim(v);
        }
        String[] big = {"", "k", "M", "G", "T", "P", "E"};
        String[] small = {"", "m", "u", "n", "p", "f"};
        double a = Math.abs(v);
        int i = 0;
        if (a >= 1) {
            while (a >= 1000 && i < big.length - 1) {
                a /= 1000;
                v /= 1000;
                i++;
            }
            return trim(v) + big[i];
        }
        while (a < 1 && i < small.length - 1) {
            a *= 1000;
            v *= 1000;
            i++;
        }
        return trim(v) + small[i];
    }

    static String humanizeDuration(double seconds) {
        if (Math.abs(seconds) < 1) {
            return humanize(seconds) + "s";
        }
        long s = Math.round(seconds);
        long d = s / 86_400;
        long h = s % 86_400 / 3_600;
        long m = s % 3_600 / 60;
        long sec = s % 60;
        StringBuilder sb = new StringBuilder();
        if (d > 0) {
            sb.append(d).append("d ");
        }
        if (h > 0) {
            sb.append(h).append("h ");
        }
        if (m > 0) {
            sb.append(m).append("m ");
        }
        sb.append(sec).append('s');
        return sb.toString();
    }
}
