package io.pharos.engine.config;

/** A problem in a configuration file, with where it is: {@code notifications.yaml: receivers[2].webhook.timeout: …}. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
