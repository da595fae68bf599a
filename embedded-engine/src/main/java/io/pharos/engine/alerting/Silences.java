package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The set of silences, muting alerts they match while active; previews what a silence would mute. */
public final class Silences implements Muter {
    private final Map<String, Silence> byId = new LinkedHashMap<>();

    public synchronized void put(Silence silence) {
        byId.put(silence.id(), silence);
    }

    /** Ends a silence now; it stays listed (expired) for history. */
    public synchronized void expire(String id, long nowMs) {
        Silence s = byId.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no silence with id " + id);
        }
        byId.put(id, s.expiredAt(nowMs));
    }

    public synchronized Optional<Silence> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public synchronized List<Silence> all() {
        return List.copyOf(byId.values());
    }

    /** The alerts a silence would match, shown before it is saved. */
    public static List<Alert> preview(Silence silence, Collection<Alert> alerts) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : alerts) {
            if (silence.matches(a.labels())) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<MuteReason> mutes(Labels alert, long nowMs) {
        for (Silence s : byId.values()) {
            if (s.activeAt(nowMs) && s.matches(alert)) {
                return Optional.of(new MuteReason(MuteReason.Kind.SILENCE, s.id(), s.describe()));
            }
        }
        return Optional.empty();
    }
}
