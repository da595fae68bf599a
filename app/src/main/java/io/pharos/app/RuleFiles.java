package io.pharos.app;

import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.NotificationConfigFile;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.incident.ResponseConfig;
import io.pharos.engine.incident.ResponseConfigFile;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.RuleFileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Rule, notification and response files from the command line, with the built-in defaults when none is given. */
final class RuleFiles {
    private RuleFiles() {
    }

    /** The given rule files, or the default pack. A missing file is an error; problems inside are not. */
    static LoadedRules load(List<Path> files) {
        if (files == null || files.isEmpty()) {
            return DefaultRules.load();
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UserFacingException("No rule file at " + f + ". Write one (see `pharos rules defaults`)"
                        + " or leave out --rules to use the default rules.");
            }
        }
        return new RuleFileLoader().load(files);
    }

    /** The notification file, or desktop notifications only when none is given. */
    static NotificationConfig notifications(Path file) {
        if (file == null) {
            return NotificationConfig.simple(List.of(new Receiver.Desktop("desktop")));
        }
        try {
            return NotificationConfigFile.load(file);
        } catch (ConfigException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
    }

    /** The responses file, or the defaults (no command, the default policy) when none is given. */
    static ResponseConfig responses(Path file) {
        if (file == null) {
            return ResponseConfig.defaults();
        }
        try {
            return ResponseConfigFile.load(file);
        } catch (ConfigException e) {
            throw new UserFacingException(e.getMessage() + " (check it with: pharos responses check " + file + ")", e);
        }
    }
}
