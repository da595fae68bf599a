package io.pharos.engine.snapshot;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces the values of chosen labels (hosts, by default the {@code host} label) with stable
 * pseudonyms in everything a snapshot holds (docs/snapshots.md, "Redaction"): the series' labels and,
 * wherever such a value appears as a word, the other labels, the state's keys and bodies (an
 * alert's labels, an incident's notes). A pseudonym is the label's name and the first 10 hex digits
 * of HMAC-SHA256(key, name=value): the same host gets the same pseudonym in every snapshot made with
 * the same key, so two of them still compare, while without the key nobody can tell which name it
 * stands for by trying candidates.
 */
public final class Redaction {
    /** A word as host names are written: letters, digits, '.', '-', '_'. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}._-]+");

    private final Set<String> labels;
    private final String keyFingerprint;
    private final Map<String, String> pseudonyms = new HashMap<>();
    /** Values that are not one word (a space, a colon...): replaced as plain text, longest first. */
    private final List<String> phrases = new ArrayList<>();

    /**
     * @param labels the labels whose values are replaced
     * @param key    the secret the pseudonyms are made with (at least 16 bytes)
     * @param every  every series the store holds: their values are known before any text is redacted, so
     *               a host that appears in an alert but has no sample in the range is replaced too
     */
    public Redaction(Collection<String> labels, byte[] key, Collection<SeriesKey> every) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a redaction key has at least 16 bytes");
        }
        this.labels = new TreeSet<>(labels);
        Mac mac = mac(key);
        for (SeriesKey k : every) {
            for (String label : this.labels) {
                String v = k.labels().get(label);
                if (v != null && !v.isEmpty() && !pseudonyms.containsKey(v)) {
                    pseudonyms.put(v, label + "-" + hex(mac.doFinal((label + "=" + v).getBytes(StandardCharsets.UTF_8)), 5));
                    if (!WORD.matcher(v).matches()) {
                        phrases.add(v);
                    }
                }
            }
        }
        phrases.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.keyFingerprint = hex(mac.doFinal("pharos-redaction-key".getBytes(StandardCharsets.US_ASCII)), 8);
    }

    /** The labels redacted, and which key made the pseudonyms (the same for two snapshots: they compare). */
    public Manifest.Redaction describe() {
        return new Manifest.Redaction(List.copyOf(labels), keyFingerprint);
    }

    public SeriesKey key(SeriesKey k) {
        Map<String, String> out = new HashMap<>(k.labels().size() * 2);
        boolean changed = false;
        for (int i = 0; i < k.labels().size(); i++) {
            String v = k.labels().value(i);
            String r = labels.contains(k.labels().name(i)) ? pseudonyms.getOrDefault(v, v) : text(v);
            changed |= !r.equals(v);
            out.put(k.labels().name(i), r);
        }
        return changed ? new SeriesKey(k.metric(), Labels.of(out)) : k;
    }

    /** Text with every redacted value that appears in it as a word replaced. */
    public String text(String s) {
        if (s == null || pseudonyms.isEmpty()) {
            return s;
        }
        String t = s;
        for (String phrase : phrases) {
            t = t.replace(phrase, pseudonyms.get(phrase));
        }
        Matcher m = WORD.matcher(t);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String p = pseudonyms.get(m.group());
            if (p != null) {
                if (out == null) {
                    out = new StringBuilder(t.length() + 16);
                }
                out.append(t, last, m.start()).append(p);
                last = m.end();
            }
        }
        return out == null ? t : out.append(t, last, t.length()).toString();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static String hex(byte[] b, int bytes) {
        return java.util.HexFormat.of().formatHex(b, 0, bytes);
    }
}
