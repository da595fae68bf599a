package io.pharos.engine.host;

import static io.pharos.engine.host.HostMetricNames.*;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;
import oshi.hardware.VirtualMemory;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * Reads this machine's metrics with OSHI. Rates and the CPU ratio come from the difference between two
 * reads, so they appear from the second {@link #read()} on. The OSHI objects are created once here:
 * building them walks /proc, udev and the network interfaces, too slow to repeat every tick.
 * Disks and interfaces are listed once; one plugged in later shows after the reader is recreated.
 */
public final class HostMetricsReader implements HostReader {
    private final OperatingSystem os;
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final FileSystem fileSystem;
    private final List<HWDiskStore> disks;
    private final List<NetworkIF> interfaces;
    private final String hostName;
    private final HostDeviceFilter filter = new HostDeviceFilter();
    private final CounterRates rates = new CounterRates();
    private final CpuTicks cpu = new CpuTicks();

    public HostMetricsReader() {
        SystemInfo info = new SystemInfo();
        var hardware = info.getHardware();
        os = info.getOperatingSystem();
        processor = hardware.getProcessor();
        memory = hardware.getMemory();
        fileSystem = os.getFileSystem();
        disks = hardware.getDiskStores().stream()
                .filter(d -> filter.isRealDisk(HostDeviceFilter.shortDeviceName(d.getName())))
                .toList();
        interfaces = hardware.getNetworkIFs(false).stream().filter(n -> !isLoopback(n)).toList();
        String name = os.getNetworkParams().getHostName();
        hostName = name == null || name.isBlank() ? "localhost" : name;
    }

    @Override
    public String hostName() {
        return hostName;
    }

    /** Reads every metric once. Synchronized because rates keep state between calls. */
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
        cpu.busy(processor.getSystemCpuLoadTicks(), TickType.IDLE.getIndex(), TickType.IOWAIT.getIndex())
                .ifPresent(r -> add(out, CPU_UTILIZATION, r));
    }

    private void readMemory(List<HostReading> out) {
        long total = memory.getTotal();
        long used = total - memory.getAvailable();
        add(out, MEMORY_TOTAL, total);
        add(out, MEMORY_USED, used);
        if (total > 0) {
            add(out, MEMORY_UTILIZATION, clampRatio((double) used / total));
        }
        VirtualMemory swap = memory.getVirtualMemory();
        add(out, SWAP_TOTAL, swap.getSwapTotal());
        add(out, SWAP_USED, swap.getSwapUsed());
    }

    private void readFilesystems(List<HostReading> out) {
        // localOnly: a hung network mount must not stall the tick.
        for (OSFileStore store : fileSystem.getFileStores(true)) {
            long size = store.getTotalSpace();
            if (!filter.isRealFilesystem(store.getType(), store.getMount(), size)) {
                continue;
            }
            long used = size - store.getFreeSpace();
            long available = store.getUsableSpace();
            String[] labels = {DEVICE_LABEL, store.getVolume(), FSTYPE_LABEL, store.getType(),
                    MOUNTPOINT_LABEL, store.getMount()};
            add(out, FILESYSTEM_SIZE, size, labels);
            add(out, FILESYSTEM_USED, used, labels);
            add(out, FILESYSTEM_AVAILABLE, available, labels);
            // As df's Use%: blocks reserved for root count as unavailable, so 1.0 means "users can't write".
            if (used + available > 0) {
                add(out, FILESYSTEM_UTILIZATION, clampRatio((double) used / (used + available)), labels);
            }
        }
    }

    private void readDisks(List<HostReading> out, long now) {
        for (HWDiskStore disk : disks) {
            disk.updateAttributes();
            String device = HostDeviceFilter.shortDeviceName(disk.getName());
            rates.rate("disk-read/" + device, disk.getReadBytes(), now)
                    .ifPresent(r -> add(out, DISK_READ_RATE, r, DEVICE_LABEL, device));
            rates.rate("disk-write/" + device, disk.getWriteBytes(), now)
                    .ifPresent(r -> add(out, DISK_WRITE_RATE, r, DEVICE_LABEL, device));
        }
    }

    private void readNetwork(List<HostReading> out, long now) {
        for (NetworkIF nic : interfaces) {
            nic.updateAttributes();
            String device = nic.getName();
            rates.rate("net-rx/" + device, nic.getBytesRecv(), now)
                    .ifPresent(r -> add(out, NETWORK_RECEIVE_RATE, r, DEVICE_LABEL, device));
            rates.rate("net-tx/" + device, nic.getBytesSent(), now)
                    .ifPresent(r -> add(out, NETWORK_TRANSMIT_RATE, r, DEVICE_LABEL, device));
        }
    }

    private void readSystem(List<HostReading> out) {
        double[] load = processor.getSystemLoadAverage(3);
        String[] names = {LOAD1, LOAD5, LOAD15};
        for (int i = 0; i < load.length && i < names.length; i++) {
            if (load[i] >= 0) { // negative: the OS has no load average (Windows)
                add(out, names[i], load[i]);
            }
        }
        add(out, PROCESSES, os.getProcessCount());
        add(out, THREADS, os.getThreadCount());
        add(out, UPTIME, os.getSystemUptime());
    }

    private void add(List<HostReading> out, String metric, double value, String... deviceLabels) {
        out.add(HostReader.reading(hostName, metric, value, deviceLabels));
    }

    private static double clampRatio(double ratio) {
        return HostReader.clampRatio(ratio);
    }

    private static boolean isLoopback(NetworkIF nic) {
        if ("lo".equals(nic.getName())) {
            return true;
        }
        try {
            NetworkInterface java = nic.queryNetworkInterface();
            return java != null && java.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
