package vn.chidao.platform.content;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;

import vn.chidao.platform.api.content.ContentRejectedException;

/** Parsing uploads: bounded in time and in how many run at once. */
public class InspectionsTest {

    @Test(timeout = 30_000)
    public void aParsePastItsDeadlineIsAbandonedAndRefused() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        try (Inspections inspections = new Inspections(1, Duration.ofMillis(300))) {
            ContentRejectedException e = assertThrows(ContentRejectedException.class, () -> inspections.run(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException stop) {
                    interrupted.countDown();
                }
                return null;
            }));
            assertEquals(422, e.problem().status());
            assertEquals("urn:chidao:problem:file-too-complex", e.problem().type());
            assertTrue("the abandoned parse is interrupted", interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("the slot is free again", "ok", inspections.run(() -> "ok"));
        }
    }

    @Test(timeout = 30_000)
    public void whenEverySlotIsTakenANewParseWaitsBrieflyThenIsBusy() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Inspections inspections = new Inspections(2, Duration.ofSeconds(20))) {
            Future<?>[] busy = new Future<?>[2];
            for (int i = 0; i < 2; i++) {
                busy[i] = callers.submit(() -> inspections.run(() -> {
                    running.countDown();
                    release.await();
                    return "done";
                }));
            }
            assertTrue(running.await(10, java.util.concurrent.TimeUnit.SECONDS));
            long start = System.nanoTime();
            ContentRejectedException e = assertThrows(ContentRejectedException.class, () -> inspections.run(() -> "third"));
            assertEquals(503, e.problem().status());
            assertEquals("urn:chidao:problem:server-busy", e.problem().type());
            assertTrue("waited for a slot first", System.nanoTime() - start >= Inspections.WAIT_FOR_SLOT.toNanos() / 2);
            release.countDown();
            for (Future<?> f : busy) {
                assertEquals("done", f.get());
            }
            assertEquals("third", inspections.run(() -> "third"));
        } finally {
            callers.shutdownNow();
        }
    }
}
