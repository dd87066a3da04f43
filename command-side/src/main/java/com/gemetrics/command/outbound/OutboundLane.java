package com.gemetrics.command.outbound;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

/**
 * A bounded set of threads for one kind of outbound call (SMTP, webhooks, the prices API,
 * Stripe), so calls that hang fill only their own lane: never the scheduler, a request
 * thread or another lane. Work is admitted only into a free slot ({@link #reserve},
 * {@link #submit}); a full lane refuses at once rather than queueing, and the caller
 * tries again on its next tick. Meters: {@code executor.*} tagged
 * {@code name=outbound-<lane>}, {@code ge.outbound.busy} (slots in use),
 * {@code ge.outbound.timeouts} and {@code ge.outbound.rejected} tagged {@code lane}.
 */
public final class OutboundLane implements AutoCloseable {

	/** Bean names of the lanes. */
	public static final String MAIL = "mailLane";

	public static final String ALERTS = "alertDeliveryLane";

	public static final String OSRS = "osrsLane";

	public static final String STRIPE = "stripeLane";

	public static final String STRIPE_INBOX = "stripeInboxLane";

	private final String name;

	private final int threads;

	private final Semaphore slots;

	private final ThreadPoolExecutor executor;

	private final Counter timeouts;

	private final Counter rejected;

	public OutboundLane(String name, int threads, MeterRegistry meters) {
		this.name = name;
		this.threads = threads;
		this.slots = new Semaphore(threads);
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(threads), (task) -> {
					Thread thread = new Thread(task, "outbound-" + name + "-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
		new ExecutorServiceMetrics(this.executor, "outbound-" + name, Tags.empty()).bindTo(meters);
		Gauge.builder("ge.outbound.busy", this, OutboundLane::busy)
			.description("Slots of an outbound lane in use")
			.tag("lane", name)
			.register(meters);
		this.timeouts = Counter.builder("ge.outbound.timeouts")
			.description("Outbound calls given up at their deadline (or a timeout)")
			.tag("lane", name)
			.register(meters);
		this.rejected = Counter.builder("ge.outbound.rejected")
			.description("Outbound calls refused because their lane was full")
			.tag("lane", name)
			.register(meters);
	}

	public String name() {
		return this.name;
	}

	/**
	 * Takes up to {@code wanted} free slots without waiting; answers how many were taken.
	 * Each must be used by {@link #run} or given back by {@link #release}.
	 */
	public int reserve(int wanted) {
		int taken = 0;
		while (taken < wanted && this.slots.tryAcquire()) {
			taken++;
		}
		return taken;
	}

	/** Gives back reserved slots that were not used. */
	public void release(int reserved) {
		if (reserved > 0) {
			this.slots.release(reserved);
		}
	}

	/** Runs the task in a slot taken earlier by {@link #reserve}; frees it when done. */
	public void run(Runnable task) {
		try {
			this.executor.execute(() -> {
				try {
					task.run();
				}
				finally {
					this.slots.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.slots.release();
			throw ex;
		}
	}

	/**
	 * Runs the call in a free slot and waits for it at most {@code deadline}; past it the
	 * call is cancelled (its thread interrupted) and counted as a timeout. The call runs
	 * under a {@link Deadline} of its own that ends at the same moment, so code inside it
	 * can see that it was cancelled even where a library swallows the interrupt (a
	 * retry's sleep).
	 * @throws RejectedExecutionException if the lane is full
	 * @throws TimeoutException if the deadline passed
	 * @throws ExecutionException with the call's own failure
	 * @throws InterruptedException if the waiting thread was interrupted (the call is
	 * cancelled)
	 */
	public <T> T call(Duration deadline, Callable<T> call)
			throws TimeoutException, ExecutionException, InterruptedException {
		if (reserve(1) == 0) {
			rejected();
			throw new RejectedExecutionException("outbound lane " + this.name + " is full");
		}
		long submitted = System.nanoTime();
		// The slot is freed before the answer is published (and once only, also when the
		// call
		// never ran): a caller that calls again as soon as it has its answer must find it
		// free.
		AtomicBoolean freed = new AtomicBoolean();
		Runnable free = () -> {
			if (freed.compareAndSet(false, true)) {
				this.slots.release();
			}
		};
		FutureTask<T> future = new FutureTask<>(() -> {
			try {
				return attempt(deadline, submitted, call);
			}
			finally {
				free.run();
			}
		});
		try {
			this.executor.execute(() -> {
				try {
					future.run();
				}
				finally {
					free.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			free.run();
			throw ex;
		}
		try {
			return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			this.timeouts.increment();
			throw ex;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TimeoutException timeout) {
				this.timeouts.increment();
				throw timeout;
			}
			throw ex;
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
	}

	private static <T> T attempt(Duration deadline, long submitted, Callable<T> call) throws Exception {
		Duration left = deadline.minusNanos(System.nanoTime() - submitted);
		if (left.isNegative() || left.isZero()) {
			throw new TimeoutException("deadline passed before the call started");
		}
		Thread worker = Thread.currentThread();
		try (Deadline own = Deadline.start(left)) {
			own.onExpiry(worker::interrupt);
			try {
				return call.call();
			}
			catch (Exception ex) {
				if (own.expired()) {
					TimeoutException timeout = new TimeoutException("deadline of " + deadline + " passed");
					timeout.initCause(ex);
					throw timeout;
				}
				throw ex;
			}
		}
	}

	/** Counts a call given up at its deadline. */
	public void timedOut() {
		this.timeouts.increment();
	}

	/** Counts a call refused because the lane was full. */
	public void rejected() {
		this.rejected.increment();
	}

	/** Slots in use. */
	public int busy() {
		return this.threads - this.slots.availablePermits();
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
