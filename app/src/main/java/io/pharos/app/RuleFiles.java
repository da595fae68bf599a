package io.pharos.app;

import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.NotificationConfigFile;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.RuleFileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Rule and notification files from the command line, with the built-in defaults when none is given. */
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
}
