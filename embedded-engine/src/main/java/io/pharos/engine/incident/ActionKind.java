package io.pharos.engine.incident;

/** The kinds of automated response. */
public enum ActionKind {
    SCALE_COMPUTE("scale-compute"),
    THROTTLE_TRAFFIC("throttle-traffic"),
    CLEAN_UP_RESOURCES("clean-up-resources"),
    FAIL_OVER_REGION("fail-over-region"),
    FAIL_BACK_REGION("fail-back-region");

    private final String id;

    ActionKind(String id) {
        this.id = id;
    }

    /** "scale-compute": the name in stored JSON, on a command's stdin and in policy files. */
    public String id() {
        return id;
    }

    public static ActionKind byId(String id) {
        for (ActionKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown action '" + id + "'; known: "
                + String.join(", ", java.util.Arrays.stream(values()).map(ActionKind::id).toList()));
    }
}
