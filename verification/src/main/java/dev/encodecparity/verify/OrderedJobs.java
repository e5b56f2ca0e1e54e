package dev.encodecparity.verify;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Runs numbered tasks on a few threads and hands their results over in the tasks' order, so that a run with
 * {@code verify --jobs N} reports, fails and stops exactly as the same run on one thread: the first bad clip in the
 * run's order is the one named, and {@code --fail-fast} keeps the same rows. At most {@code 2 * jobs} tasks are
 * started ahead of the one being taken, which bounds the memory held by finished results waiting their turn.
 */
final class OrderedJobs {
    private OrderedJobs() {
    }

    /**
     * Runs {@code work} for task 0, 1, ... {@code count - 1} and gives each result to {@code take} in that order,
     * until it returns false (no further task is then started). With one job, everything runs on the calling thread.
     * A task's exception is thrown here when its turn comes, as the one-job run would throw it. Returns only when no
     * task is running any more: the tasks use native resources the caller frees afterwards.
     *
     * @param threadStart run first on each thread of the pool (the engine's per-thread settings)
     */
    static <R> void run(int count, int jobs, Runnable threadStart, IntFunction<R> work, Predicate<R> take) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, not " + jobs);
        }
        if (jobs == 1) {
            for (int i = 0; i < count; i++) {
                if (!take.test(work.apply(i))) {
                    return;
                }
            }
            return;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(() -> {
                threadStart.run();
                r.run();
            }, "verify-job-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<R>> started = new ArrayDeque<>();
        int next = 0;
        try {
            while (next < count || !started.isEmpty()) {
                while (next < count && started.size() < 2 * jobs) {
                    int task = next++;
                    started.add(pool.submit(() -> work.apply(task)));
                }
                if (!take.test(resultOf(started.poll()))) {
                    return;
                }
            }
        } finally {
            started.forEach(f -> f.cancel(false)); // those not begun never begin
            pool.shutdown();
            awaitUninterruptibly(pool);
        }
    }

    private static <R> R resultOf(Future<R> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a clip's result");
        }
    }

    /** Waits for the running tasks to end: a native call cannot be interrupted, and its model must outlive it. */
    private static void awaitUninterruptibly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
