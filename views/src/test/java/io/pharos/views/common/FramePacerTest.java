package io.pharos.views.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FramePacerTest {
    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    @Test
    void newerWorkForAKeyReplacesTheWaitingOneAndKeepsItsTurn() throws Exception {
        List<String> ran = new ArrayList<>();
        FxToolkit.call(() -> {
            FramePacer pacer = new FramePacer();
            pacer.submit("latency", () -> ran.add("latency v1"));
            pacer.submit("cpu", () -> ran.add("cpu"));
            pacer.submit("latency", () -> ran.add("latency v2"));
            assertThat(pacer.waiting()).isEqualTo(2);
            assertThat(ran).as("nothing runs in the submitting task").isEmpty();
            pacer.flush();
            pacer.stop();
            return null;
        });
        assertThat(ran).containsExactly("latency v2", "cpu");
    }

    @Test
    void workRunsOnLaterFramesOnePerFrame() throws Exception {
        CountDownLatch done = new CountDownLatch(3);
        int[] frame = new int[1];
        List<Integer> framesRunIn = new ArrayList<>();
        javafx.animation.AnimationTimer frames = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                frame[0]++;
            }
        };
        FramePacer pacer = FxToolkit.call(() -> {
            frames.start(); // before the pacer's timer: it counts each frame first
            FramePacer p = new FramePacer();
            for (int i = 0; i < 3; i++) {
                p.submit(i, () -> {
                    framesRunIn.add(frame[0]);
                    done.countDown();
                });
            }
            return p;
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        FxToolkit.call(() -> {
            frames.stop();
            pacer.stop();
            return null;
        });
        assertThat(framesRunIn).as("one a frame, not all in one").doesNotHaveDuplicates().hasSize(3);
    }
}
