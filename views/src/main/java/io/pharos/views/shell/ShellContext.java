package io.pharos.views.shell;

import java.time.ZoneId;
import javafx.beans.value.ObservableValue;

/**
 * What every screen shares: the global time range and the zone times are shown in. Screens listen
 * and stop listening in their {@link Screen#dispose()}.
 *
 * @param range the time range every screen reads its data for
 * @param zone  the zone every time is shown in
 * @param zoneName its short name, shown beside times ("UTC", "CET")
 * @param exports  where exported files go (tables, reports, snapshots) unless the user says otherwise
 */
public record ShellContext(ObservableValue<TimeRange> range, ObservableValue<ZoneId> zone,
                           ObservableValue<String> zoneName, java.nio.file.Path exports) {
}
