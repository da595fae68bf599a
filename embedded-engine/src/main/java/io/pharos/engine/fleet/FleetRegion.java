package io.pharos.engine.fleet;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The six regions of the reference fleet. Each region runs on one provider, two regions per
 * provider: aws runs us-east-1 and eu-west-1, gcp runs us-west-1 and ap-northeast-1, azure runs
 * eu-central-1 and ap-southeast-1. The UTC offset is the standard-time offset of the region's
 * location (daylight saving is ignored: the simulation only needs the afternoon peak to move with
 * the sun, not to the hour).
 */
public enum FleetRegion {
    US_EAST_1("us-east-1", CloudProvider.AWS, -5, 1_200_000),
    US_WEST_1("us-west-1", CloudProvider.GCP, -8, 700_000),
    EU_WEST_1("eu-west-1", CloudProvider.AWS, 0, 800_000),
    EU_CENTRAL_1("eu-central-1", CloudProvider.AZURE, 1, 600_000),
    AP_SOUTHEAST_1("ap-southeast-1", CloudProvider.AZURE, 8, 500_000),
    AP_NORTHEAST_1("ap-northeast-1", CloudProvider.GCP, 9, 650_000);

    private final String id;
    private final CloudProvider provider;
    private final int utcOffsetHours;
    private final int peakActiveUsers;

    FleetRegion(String id, CloudProvider provider, int utcOffsetHours, int peakActiveUsers) {
        this.id = id;
        this.provider = provider;
        this.utcOffsetHours = utcOffsetHours;
        this.peakActiveUsers = peakActiveUsers;
    }

    /** The value of the {@code region} label, e.g. "us-east-1". */
    public String id() {
        return id;
    }

    public CloudProvider provider() {
        return provider;
    }

    public int utcOffsetHours() {
        return utcOffsetHours;
    }

    /** Active users at the afternoon peak of a weekday. */
    public int peakActiveUsers() {
        return peakActiveUsers;
    }

    /** The region with this label value; the message lists the known ones when there is none. */
    public static FleetRegion byId(String id) {
        for (FleetRegion r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown region '" + id + "'; known regions: " + ids());
    }

    static String ids() {
        return Arrays.stream(values()).map(FleetRegion::id).collect(Collectors.joining(", "));
    }
}
