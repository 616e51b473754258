package io.prunegcrn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.prunegcrn.system.QueueFullException;

class ComputePoolTests {

    @Test
    void beyondItsSlotsAndQueueAPoolAnswersQueueFullAndAWaitingCallerRunsWhenASlotFrees() throws Exception {
        ComputePool pool = new ComputePool("backtests", 1, 1, Duration.ofSeconds(7));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(() -> pool.run(() -> {
            running.countDown();
            await(release);
            return 1;
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> pool.run(() -> 2));
        waitUntil(() -> pool.waiting() == 1);

        assertThatThrownBy(() -> pool.run(() -> 3)).isInstanceOf(QueueFullException.class)
                .hasMessageContaining("too many backtests at once (1 running, 1 waiting)")
                .satisfies(e -> assertThat(((QueueFullException) e).retryAfterSeconds()).isEqualTo(7));
        assertThat(waiter).isNotDone();

        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(pool.running()).isZero();
        assertThat(pool.waiting()).isZero();
        assertThat(pool.rejected()).isEqualTo(1);
    }

    @Test
    void aSlotIsFreedOnceEvenWhenClosedTwiceOrWhenTheWorkThrows() {
        ComputePool pool = new ComputePool("forecasts", 1, 0, Duration.ofSeconds(1));
        ComputePool.Slot slot = pool.acquire();
        assertThatThrownBy(pool::acquire).isInstanceOf(QueueFullException.class);
        slot.close();
        slot.close();
        assertThat(pool.running()).isZero();
        assertThatThrownBy(() -> pool.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(pool.run(() -> "free")).isEqualTo("free");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
