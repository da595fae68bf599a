package io.pharos.engine.alerting;

import java.util.List;

/** Where alerts another system sends go: they join the alert queue through the pipeline's stages. */
public interface AlertIntake {

    /**
     * Takes the alerts of one message, saved before this returns (a sender that is told success
     * does not send them again).
     */
    void receive(List<ReceivedAlert> alerts);

    /** The labels of the alerts from {@code origin} firing as last told (a sender that restarts resolves the rest). */
    default List<io.pharos.engine.model.Labels> firingFrom(String origin) {
        return List.of();
    }
}
