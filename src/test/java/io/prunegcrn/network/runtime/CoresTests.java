package io.prunegcrn.network.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** A training job's share of the cores: its own thread's split, libnd4j's threads process-wide, forecasts untouched. */
class CoresTests {

    @Test
    void aJobsThreadSplitsIntoItsShareAndOtherThreadsKeepTheStartsSplit() throws Exception {
        int atStart = Cores.parts();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger elsewhere = new AtomicInteger();
        AtomicInteger openMp = new AtomicInteger();
        Thread job = new Thread(Cores.onThreads(1, () -> {
            inside.set(Cores.parts());
            openMp.set(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            Thread other = new Thread(() -> elsewhere.set(Cores.parts()));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        job.start();
        job.join();

        assertThat(inside).hasValue(1);
        assertThat(openMp).as("OpenMP's threads of the job's thread").hasValue(1);
        assertThat(elsewhere).as("a thread the job starts is not the job's").hasValue(atStart);
        assertThat(Cores.parts()).isEqualTo(atStart);
    }

    @Test
    void sharingForTrainingCapsLibnd4jsThreads() {
        int master = Nd4j.getEnvironment().maxMasterThreads();
        try {
            Cores.shareForTraining(1);
            assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(1);
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(master);
        }
    }
}
