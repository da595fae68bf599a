package io.pharos.views.executive;

import java.util.Map;
import java.util.Optional;

/**
 * Where regions are on the map, by the names the major clouds give them (the reference fleet uses
 * these). A region not listed is shown beside the map, not guessed onto it.
 */
final class RegionLocations {
    record LatLon(double latitude, double longitude) {
    }

    private static final Map<String, LatLon> KNOWN = Map.ofEntries(
            Map.entry("us-east-1", new LatLon(38.9, -77.4)),     // Northern Virginia
            Map.entry("us-east-2", new LatLon(40.0, -83.0)),     // Ohio
            Map.entry("us-west-1", new LatLon(37.4, -121.9)),    // Northern California
            Map.entry("us-west-2", new LatLon(45.6, -121.2)),    // Oregon
            Map.entry("eu-west-1", new LatLon(53.3, -6.3)),      // Ireland
            Map.entry("eu-west-2", new LatLon(51.5, -0.1)),      // London
            Map.entry("eu-central-1", new LatLon(50.1, 8.7)),    // Frankfurt
            Map.entry("eu-north-1", new LatLon(59.3, 18.1)),     // Stockholm
            Map.entry("ap-southeast-1", new LatLon(1.35, 103.8)), // Singapore
            Map.entry("ap-southeast-2", new LatLon(-33.9, 151.2)), // Sydney
            Map.entry("ap-northeast-1", new LatLon(35.7, 139.7)), // Tokyo
            Map.entry("ap-south-1", new LatLon(19.1, 72.9)),     // Mumbai
            Map.entry("sa-east-1", new LatLon(-23.5, -46.6)));   // São Paulo

    private RegionLocations() {
    }

    static Optional<LatLon> of(String region) {
        return Optional.ofNullable(KNOWN.get(region));
    }
}
