package io.pharos.engine.host;

import static io.pharos.engine.host.HostMetricNames.*;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads this machine's metrics on Linux from /proc and /sys, as node_exporter does: no native
 * library (OSHI's JNA costs an agent several megabytes), the same series and labels as
 * {@link HostMetricsReader}. CPU from /proc/stat, memory from /proc/meminfo, file systems from
 * /proc/self/mounts and their sizes from the JDK, disks from /proc/diskstats (whole disks: those of
 * /sys/block), network from /proc/net/dev, load, processes, threads and uptime from /proc.
 */
public final class ProcHostReader implements HostReader {
    /** Network and user-space file systems: statvfs on a hung mount would stall the tick (OSHI's localOnly). */
    private static final Set<String> REMOTE_TYPES = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs",
            "9p", "glusterfs", "ceph", "lustre", "gpfs", "davfs", "fuse.sshfs", "fuse.s3fs", "fuse.rclone");
    private static final long SECTOR_BYTES = 512;

    private final Path proc;
    private final Path sys;
    private final String hostName;
    private final HostDeviceFilter filter = new HostDeviceFilter();
    private final CounterRates rates = new CounterRates();
    private final CpuTicks cpu = new CpuTicks();
    private final Map<String, Boolean> loopback = new java.util.HashMap<>();
    private boolean noSysBlockSaid;

    public ProcHostReader() {
        this(Path.of("/proc"), Path.of("/sys"));
    }

    /** Over other roots: a test's copy of /proc and /sys. */
    ProcHostReader(Path proc, Path sys) {
        this.proc = proc;
        this.sys = sys;
        String name = firstLine(proc.resolve("sys/kernel/hostname")).strip();
        this.hostName = name.isEmpty() ? "localhost" : name;
    }

    /** True on a Linux with a readable /proc. */
    public static boolean available() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                && Files.isReadable(Path.of("/proc/stat")) && Files.isReadable(Path.of("/proc/meminfo"));
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public synchronized List<HostReading> read() {
        List<HostReading> out = new ArrayList<>(64);
        readCpu(out);
        readMemory(out);
        readFilesystems(out);
        long now = System.nanoTime();
        readDisks(out, now);
        readNetwork(out, now);
        rates.endRound();
        readSystem(out);
        return out;
    }

    private void readCpu(List<HostReading> out) {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is in user already)
        String[] f = firstLine(proc.resolve("stat")).trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return;
        }
        long[] ticks = new long[8];
        for (int i = 0; i < 8; i++) {
            ticks[i] = Long.parseLong(f[i + 1]);
        }
        cpu.busy(ticks, 3, 4).ifPresent(r -> add(out, CPU_UTILIZATION, r)); // idle, iowait
    }

    private void readMemory(List<HostReading> out) {
        Map<String, Long> kb = new TreeMap<>();
        for (String line : lines(proc.resolve("meminfo"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String[] v = line.substring(colon + 1).trim().split("\\s+");
                try {
                    kb.put(line.substring(0, colon), Long.parseLong(v[0]));
                } catch (NumberFormatException notANumber) {
                    // a line this reader has no use for
                }
            }
        }
        long total = kb.getOrDefault("MemTotal", 0L) * 1024;
        long available = kb.getOrDefault("MemAvailable", kb.getOrDefault("MemFree", 0L)) * 1024;
        add(out, MEMORY_TOTAL, total);
        add(out, MEMORY_USED, total - available);
        if (total > 0) {
            add(out, MEMORY_UTILIZATION, HostReader.clampRatio((double) (total - available) / total));
        }
        long swapTotal = kb.getOrDefault("SwapTotal", 0L) * 1024;
        add(out, SWAP_TOTAL, swapTotal);
        add(out, SWAP_USED, swapTotal - kb.getOrDefault("SwapFree", 0L) * 1024);
    }

    private void readFilesystems(List<HostReading> out) {
        for (String line : lines(proc.resolve("self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length < 3) {
                continue;
            }
            String device = unescape(f[0]);
            String mount = unescape(f[1]);
            String type = f[2];
            // fuse: user space, often a network or a bucket behind it (sshfs, gcsfuse, s3): not asked
            if (REMOTE_TYPES.contains(type) || type.equals("fuse") || type.startsWith("fuse.")
                    || !filter.isRealFilesystem(type, mount, 1)) {
                continue;
            }
            long size;
            long free;
            long usable;
            try {
                FileStore store = Files.getFileStore(Path.of(mount));
                size = store.getTotalSpace();
                free = store.getUnallocatedSpace();
                usable = store.getUsableSpace();
            } catch (IOException | SecurityException e) {
                continue; // gone since the list was read, or not ours to look at
            }
            if (!filter.isRealFilesystem(type, mount, size)) {
                continue;
            }
            long used = size - free;
            String[] labels = {DEVICE_LABEL, device, FSTYPE_LABEL, type, MOUNTPOINT_LABEL, mount};
            add(out, FILESYSTEM_SIZE, size, labels);
            add(out, FILESYSTEM_USED, used, labels);
            add(out, FILESYSTEM_AVAILABLE, usable, labels);
            // As df's Use%: blocks reserved for root count as unavailable, so 1.0 means "users can't write".
            if (used + usable > 0) {
                add(out, FILESYSTEM_UTILIZATION, HostReader.clampRatio((double) used / (used + usable)), labels);
            }
        }
    }

    private void readDisks(List<HostReading> out, long now) {
        for (String line : lines(proc.resolve("diskstats"))) {
            // major minor name reads merged sectors-read ms writes merged sectors-written ...
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            String device = f[2];
            if (!filter.isRealDisk(device) || !wholeDisk(device)) {
                continue; // a partition, or a loop or RAM device
            }
            long read = Long.parseLong(f[5]) * SECTOR_BYTES;
            long written = Long.parseLong(f[9]) * SECTOR_BYTES;
            rates.rate("disk-read/" + device, read, now).ifPresent(r -> add(out, DISK_READ_RATE, r, DEVICE_LABEL, device));
            rates.rate("disk-write/" + device, written, now)
                    .ifPresent(r -> add(out, DISK_WRITE_RATE, r, DEVICE_LABEL, device));
        }
    }

    private void readNetwork(List<HostReading> out, long now) {
        for (String line : lines(proc.resolve("net/dev"))) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue; // the two header lines
            }
            String device = line.substring(0, colon).strip();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 9 || device.startsWith("veth") || isLoopback(device)) { // veth: a container's end
                continue;
            }
            rates.rate("net-rx/" + device, Long.parseLong(f[0]), now)
                    .ifPresent(r -> add(out, NETWORK_RECEIVE_RATE, r, DEVICE_LABEL, device));
            rates.rate("net-tx/" + device, Long.parseLong(f[8]), now)
                    .ifPresent(r -> add(out, NETWORK_TRANSMIT_RATE, r, DEVICE_LABEL, device));
        }
    }

    private void readSystem(List<HostReading> out) {
        // 0.42 0.35 0.30 2/812 12345: the load averages, then running/all threads of the kernel
        String[] f = firstLine(proc.resolve("loadavg")).trim().split("\\s+");
        String[] names = {LOAD1, LOAD5, LOAD15};
        for (int i = 0; i < names.length && i < f.length; i++) {
            add(out, names[i], Double.parseDouble(f[i]));
        }
        int processes = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path ignored : dir) {
                processes++;
            }
        } catch (IOException e) {
            processes = -1;
        }
        if (processes >= 0) {
            add(out, PROCESSES, processes);
        }
        if (f.length > 3 && f[3].contains("/")) {
            add(out, THREADS, Long.parseLong(f[3].substring(f[3].indexOf('/') + 1)));
        }
        String uptime = firstLine(proc.resolve("uptime")).trim();
        if (!uptime.isEmpty()) {
            add(out, UPTIME, (long) Double.parseDouble(uptime.split("\\s+")[0]));
        }
    }

    private void add(List<HostReading> out, String metric, double value, String... deviceLabels) {
        out.add(HostReader.reading(hostName, metric, value, deviceLabels));
    }

    /** Whether a device of /proc/diskstats is a whole disk (in /sys/block); said once when /sys/block is missing. */
    private boolean wholeDisk(String device) {
        if (!Files.isDirectory(sys.resolve("block"))) {
            if (!noSysBlockSaid) {
                noSysBlockSaid = true;
                org.slf4j.LoggerFactory.getLogger(ProcHostReader.class).warn("{} is missing (a container?): this"
                        + " host's disk rates are not read", sys.resolve("block"));
            }
            return false;
        }
        return Files.exists(sys.resolve("block").resolve(device));
    }

    /** Asked once a device: an interface that is loopback stays so. */
    private boolean isLoopback(String device) {
        return loopback.computeIfAbsent(device, d -> {
            if (d.equals("lo")) {
                return true;
            }
            try {
                NetworkInterface nic = NetworkInterface.getByName(d);
                return nic != null && nic.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        });
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** /proc/mounts writes space, tab, newline and backslash as \040, \011, \012, \134. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstLine(Path file) {
        List<String> l = lines(file);
        return l.isEmpty() ? "" : l.getFirst();
    }
}
