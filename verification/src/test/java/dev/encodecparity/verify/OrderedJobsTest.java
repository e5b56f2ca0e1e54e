package dev.encodecparity.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Results in the tasks' order whatever order they end in; a stop or an error leaves no task running. */
class OrderedJobsTest {
    /** Task i sleeps longest for i = 0 and least for the last, so they end in reverse order. */
    private static int slowFirst(int i, int count, Set<String> threads) {
        threads.add(Thread.currentThread().getName());
        try {
            Thread.sleep(5L * (count - i));
        } catch (InterruptedException e) {
            throw new AssertionError("a task was interrupted", e);
        }
        return i;
    }

    @Test
    void resultsComeInTheTasksOrderFromSeveralThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> taken = new ArrayList<>();
        OrderedJobs.run(20, 3, () -> { }, i -> slowFirst(i, 20, threads), r -> taken.add(r));
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), taken);
        assertTrue(threads.size() > 1 && threads.stream().allMatch(t -> t.startsWith("verify-job-")), "" + threads);
    }

    @Test
    void oneJobRunsOnTheCallingThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> taken = new ArrayList<>();
        OrderedJobs.run(4, 1, () -> { }, i -> slowFirst(i, 4, threads), r -> taken.add(r));
        assertEquals(List.of(0, 1, 2, 3), taken);
        assertEquals(Set.of(Thread.currentThread().getName()), threads);
    }

    @Test
    void aStopStartsNoFurtherTaskAndWaitsForTheRunningOnes() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        List<Integer> taken = new ArrayList<>();
        OrderedJobs.run(100, 2, () -> { }, i -> {
            started.incrementAndGet();
            running.incrementAndGet();
            slowFirst(i, 10, ConcurrentHashMap.newKeySet());
            running.decrementAndGet();
            return i;
        }, r -> taken.add(r) && r < 3);
        assertEquals(List.of(0, 1, 2, 3), taken);
        assertEquals(0, running.get(), "no task may outlive run(): its model is closed next");
        assertTrue(started.get() <= 4 + 2 * 2, "at most 2 * jobs started ahead: " + started.get());
    }

    @Test
    void theFirstFailingTaskInOrderIsThrownAfterTheResultsBeforeIt() {
        List<Integer> taken = new ArrayList<>();
        Runnable none = () -> { };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OrderedJobs.run(10, 3, none, i -> {
            if (i == 7 || i == 4) {
                throw new IllegalStateException("task " + i);
            }
            return slowFirst(i, 10, ConcurrentHashMap.newKeySet());
        }, r -> taken.add(r)));
        assertEquals("task 4", e.getMessage(), "task 7 ends first, but task 4 comes first");
        assertEquals(List.of(0, 1, 2, 3), taken);
    }

    @Test
    void fewerThanOneJobIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OrderedJobs.run(1, 0, () -> { }, i -> i, r -> true));
    }
}
