package io.pharos.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThroughputFitTest {

    /** A host idling at 10 % CPU that uses 2 % more per 10 requests/s, with measurement noise. */
    private static double[][] host(int n, double noise, double maxLoad) {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] load = new double[n];
        double[] cpu = new double[n];
        for (int i = 0; i < n; i++) {
            load[i] = maxLoad * i / (n - 1);
            cpu[i] = Math.min(0.97, 0.10 + 0.002 * load[i] + noise * (rnd.nextDouble() - 0.5));
        }
        return new double[][] {load, cpu};
    }

    @Test
    void theLoadAtFullCpuComesFromTheLineThroughHistory() {
        double[][] h = host(200, 0.02, 300);
        ThroughputFit fit = ThroughputFit.of(h[0], h[1]).orElseThrow();
        assertThat(fit.intercept()).isCloseTo(0.10, within(0.01));
        assertThat(fit.slope()).isCloseTo(0.002, within(0.0001));
        assertThat(fit.loadAt(1.0)).as("(1 - 0.10) / 0.002").isCloseTo(450, within(15.0));
    }

    @Test
    void overloadedPointsDoNotBendTheLine() {
        // Up to 600 requests/s: above 435 the host is pinned at 97 % and sheds load.
        double[][] h = host(300, 0.0, 600);
        ThroughputFit fit = ThroughputFit.of(h[0], h[1]).orElseThrow();
        assertThat(fit.loadAt(1.0)).isCloseTo(450, within(1.0));
        assertThat(fit.points()).isLessThan(300);
    }

    @Test
    void noLineNoFit() {
        assertThat(ThroughputFit.of(new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.3})).as("too few").isEmpty();
        double[] load = new double[50];
        double[] flat = new double[50];
        double[] noise = new double[50];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            load[i] = i;
            flat[i] = 0.4;
            noise[i] = 0.2 + 0.5 * rnd.nextDouble();
        }
        assertThat(ThroughputFit.of(load, flat)).as("CPU does not follow load").isEmpty();
        assertThat(ThroughputFit.of(load, noise)).as("scatter, not a line").isEmpty();
        double[] nan = new double[50];
        java.util.Arrays.fill(nan, Double.NaN);
        assertThat(ThroughputFit.of(load, nan)).as("no data").isEmpty();
    }
}
