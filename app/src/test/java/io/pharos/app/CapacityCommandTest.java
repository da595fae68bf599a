package io.pharos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pharos capacity` over generated history, as a user runs it. */
class CapacityCommandTest {
    @TempDir
    Path dir;

    @Test
    void eachRegionGetsACpuAndAMemoryForecast() {
        String data = dir.resolve("store").toString();
        assertThat(CommandRun.of("--data-dir", data, "generate", "--days", "4", "--hosts", "7", "--step", "5m").code())
                .isZero();
        CommandRun r = CommandRun.of("--data-dir", data, "capacity", "--days", "4", "--growth", "50", "--within", "30d");
        assertThat(r.code()).as(r.err()).isZero();
        for (String region : new String[] {"us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "ap-southeast-1",
            "ap-northeast-1"}) {
            assertThat(r.out()).containsPattern("(?m)^" + region + " +cpu +\\S")
                    .containsPattern("(?m)^" + region + " +memory +\\S");
        }
    }

    @Test
    void anEmptyStoreIsExplained() {
        CommandRun r = CommandRun.of("--data-dir", dir.toString(), "capacity");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("No host utilisation in the store", "pharos generate");
    }
}
