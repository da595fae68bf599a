package io.pharos.engine.alerting;

import java.util.List;

/** Where alerts another system sends go: they join the alert queue through the pipeline's stages. */
public interface AlertIntake {

    /**
     * Takes the alerts of one message, saved before this returns (a sender that is told success
     * does not send them again).
     */
    void receive(List<ReceivedAlert> alerts);
}
