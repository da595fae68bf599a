package io.pharos.views.region;

/**
 * A scaling or traffic event of a region in the range: hosts added or removed, hosts reporting that
 * changed, traffic failed over or throttled.
 *
 * @param atMs when it took effect
 * @param kind "scaling" or "traffic"
 * @param text what happened, e.g. "+4 hosts of checkout"
 */
public record RegionEvent(long atMs, String kind, String text) {
}
