package com.gemetrics.loadtest.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the same operation from a fixed number of threads until a total count of
 * operations has been attempted or a time limit has passed, whichever comes first, and
 * counts what succeeded. Each thread has its own {@link Worker} (its own user, its own
 * connection), made before the clock starts.
 */
public final class LoadRun {

	private LoadRun() {
	}

	/**
	 * Runs the load.
	 * @param threads how many threads (clients)
	 * @param maxOperations at most this many attempts in all
	 * @param maxTime stop starting new attempts after this long
	 * @param workers makes thread {@code i}'s worker
	 * @return what happened
	 */
	public static Result run(int threads, long maxOperations, Duration maxTime, WorkerFactory workers)
			throws Exception {
		List<Worker> made = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				made.add(workers.create(i));
			}
			AtomicLong tickets = new AtomicLong();
			AtomicLong succeeded = new AtomicLong();
			AtomicLong failed = new AtomicLong();
			AtomicReference<Exception> firstError = new AtomicReference<>();
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> running = new ArrayList<>();
			long[] startedAt = new long[1];
			long limit = maxTime.toNanos();
			for (Worker worker : made) {
				Thread thread = new Thread(() -> {
					try {
						start.await();
						while (tickets.incrementAndGet() <= maxOperations && System.nanoTime() - startedAt[0] < limit) {
							boolean ok;
							try {
								ok = worker.call();
							}
							catch (Exception ex) {
								firstError.compareAndSet(null, ex);
								ok = false;
							}
							(ok ? succeeded : failed).incrementAndGet();
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}, "load-" + running.size());
				thread.setDaemon(true);
				running.add(thread);
				thread.start();
			}
			startedAt[0] = System.nanoTime();
			start.countDown();
			for (Thread thread : running) {
				thread.join();
			}
			long elapsed = System.nanoTime() - startedAt[0];
			return new Result(succeeded.get(), failed.get(), Duration.ofNanos(elapsed), firstError.get());
		}
		finally {
			for (Worker worker : made) {
				worker.close();
			}
		}
	}

	/** One thread's operation. */
	public interface Worker extends AutoCloseable {

		/**
		 * Does one operation.
		 * @return whether it succeeded
		 */
		boolean call() throws Exception;

		@Override
		default void close() throws Exception {
		}

	}

	/** Makes each thread's worker. */
	@FunctionalInterface
	public interface WorkerFactory {

		Worker create(int thread) throws Exception;

	}

	/**
	 * What a run did.
	 *
	 * @param succeeded operations that succeeded
	 * @param failed operations that failed (wrong status, exception)
	 * @param elapsed from start until the last thread finished
	 * @param firstError the first exception, if any
	 */
	public record Result(long succeeded, long failed, Duration elapsed, Exception firstError) {

		/** Successful operations per second. */
		public double perSecond() {
			return this.succeeded / (this.elapsed.toNanos() / 1e9);
		}

	}

}
