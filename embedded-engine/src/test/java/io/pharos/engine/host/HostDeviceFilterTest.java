package io.pharos.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostDeviceFilterTest {
    private final HostDeviceFilter filter = new HostDeviceFilter();

    @Test
    void keepsRealMountsAndSkipsPseudoOnes() {
        assertThat(filter.isRealFilesystem("ext4", "/", 100)).isTrue();
        assertThat(filter.isRealFilesystem("xfs", "/home", 100)).isTrue();
        assertThat(filter.isRealFilesystem("tmpfs", "/run", 100)).isFalse();
        assertThat(filter.isRealFilesystem("overlay", "/", 100)).isFalse();
        assertThat(filter.isRealFilesystem("proc", "/proc", 100)).isFalse();
        assertThat(filter.isRealFilesystem("ext4", "/var/lib/docker/volumes/x", 100)).isFalse();
        assertThat(filter.isRealFilesystem("ext4", "/mnt/empty", 0)).isFalse();
    }

    @Test
    void skipsLoopAndRamDisks() {
        assertThat(filter.isRealDisk("sda")).isTrue();
        assertThat(filter.isRealDisk("nvme0n1")).isTrue();
        assertThat(filter.isRealDisk("loop3")).isFalse();
        assertThat(filter.isRealDisk("zram0")).isFalse();
        assertThat(HostDeviceFilter.shortDeviceName("/dev/vda")).isEqualTo("vda");
    }
}
