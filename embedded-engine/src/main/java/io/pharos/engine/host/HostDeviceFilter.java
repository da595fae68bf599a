package io.pharos.engine.host;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which filesystems and disks are real storage worth showing. The exclusions follow
 * node_exporter's defaults, plus tmpfs: in-memory and kernel filesystems, read-only images that are
 * always full, and loop or RAM block devices.
 */
final class HostDeviceFilter {
    private static final Set<String> PSEUDO_FILESYSTEM_TYPES = Set.of(
            "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devfs", "devpts",
            "devtmpfs", "efivarfs", "erofs", "fuse.lxcfs", "fuse.snapfuse", "fusectl", "hugetlbfs", "iso9660",
            "mqueue", "nsfs", "nullfs", "overlay", "aufs", "proc", "procfs", "pstore", "ramfs", "rpc_pipefs",
            "securityfs", "selinuxfs", "squashfs", "sysfs", "tmpfs", "tracefs");

    private static final List<String> PSEUDO_MOUNT_PREFIXES = List.of(
            "/proc/", "/sys/", "/dev/", "/run/", "/var/lib/docker/", "/var/lib/containers/storage/",
            "/var/lib/kubelet/");

    private static final Pattern VIRTUAL_DISK = Pattern.compile("(loop|z?ram|fd)\\d+");

    boolean isRealFilesystem(String type, String mount, long totalBytes) {
        if (totalBytes <= 0 || PSEUDO_FILESYSTEM_TYPES.contains(type.toLowerCase())) {
            return false;
        }
        String dir = mount.endsWith("/") ? mount : mount + "/";
        return PSEUDO_MOUNT_PREFIXES.stream().noneMatch(dir::startsWith);
    }

    boolean isRealDisk(String deviceName) {
        return !VIRTUAL_DISK.matcher(deviceName).matches();
    }

    /** "/dev/sda" → "sda", as node_exporter labels devices. */
    static String shortDeviceName(String name) {
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}
