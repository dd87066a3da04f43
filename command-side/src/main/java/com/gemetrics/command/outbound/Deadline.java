package com.gemetrics.command.outbound;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A total time limit on one outbound call, however its bytes trickle in: a connect or
 * read timeout restarts with every byte, a deadline does not. When it passes, everything
 * registered with {@link #onExpiry} is closed (the HTTP request cancelled, the SMTP
 * socket closed), which makes the blocked call fail at once. Started on the calling
 * thread, it is also that thread's {@link #current()} deadline until closed, so code that
 * opens sockets deep inside a library ({@link DeadlineSocketFactory}) can put them under
 * it.
 */
public final class Deadline implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Deadline.class);

	private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

	private static final ScheduledThreadPoolExecutor TIMER = timer();

	private final Duration limit;

	private final Deadline previous;

	private final List<Closeable> aborts = new ArrayList<>();

	private final ScheduledFuture<?> expiry;

	private boolean expired;

	private Deadline(Duration limit) {
		this.limit = limit;
		this.previous = CURRENT.get();
		this.expiry = TIMER.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
		CURRENT.set(this);
	}

	/** Starts a deadline {@code limit} from now; close it when the call is over. */
	public static Deadline start(Duration limit) {
		if (limit.isNegative() || limit.isZero()) {
			throw new IllegalArgumentException("a deadline must be positive");
		}
		return new Deadline(limit);
	}

	/** The deadline the current thread runs under, if any. */
	public static Optional<Deadline> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	/**
	 * Closes {@code resource} when the deadline passes (at once if it already has).
	 */
	public void onExpiry(Closeable resource) {
		synchronized (this.aborts) {
			if (!this.expired) {
				this.aborts.add(resource);
				return;
			}
		}
		abort(resource);
	}

	/** Whether the deadline passed before it was closed. */
	public boolean expired() {
		synchronized (this.aborts) {
			return this.expired;
		}
	}

	public Duration limit() {
		return this.limit;
	}

	@Override
	public void close() {
		this.expiry.cancel(false);
		synchronized (this.aborts) {
			this.aborts.clear();
		}
		if (CURRENT.get() == this) {
			if (this.previous != null) {
				CURRENT.set(this.previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	private void expire() {
		List<Closeable> toClose;
		synchronized (this.aborts) {
			this.expired = true;
			toClose = new ArrayList<>(this.aborts);
			this.aborts.clear();
		}
		toClose.forEach(Deadline::abort);
	}

	private static void abort(Closeable resource) {
		try {
			resource.close();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Closing a call past its deadline failed: {}", ex.toString());
		}
	}

	private static ScheduledThreadPoolExecutor timer() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "outbound-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

}
