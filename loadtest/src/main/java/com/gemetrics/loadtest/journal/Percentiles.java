package com.gemetrics.loadtest.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Nearest-rank percentiles of delays given in nanoseconds, printed in milliseconds. */
public final class Percentiles {

	private final List<Long> sorted;

	public Percentiles(List<Long> nanos) {
		this.sorted = new ArrayList<>(nanos);
		Collections.sort(this.sorted);
	}

	public int count() {
		return this.sorted.size();
	}

	/**
	 * The {@code p}-th percentile (nearest rank).
	 * @return nanoseconds; {@link Long#MAX_VALUE} stands for a timed-out sample
	 * @throws IllegalStateException if there are no samples
	 */
	public long nanos(double p) {
		if (this.sorted.isEmpty()) {
			throw new IllegalStateException("no samples");
		}
		int rank = (int) Math.ceil(p / 100.0 * this.sorted.size());
		return this.sorted.get(Math.max(0, Math.min(this.sorted.size() - 1, rank - 1)));
	}

	/**
	 * The percentile in milliseconds with two decimals, {@code n/a} or {@code timeout}.
	 */
	public String millis(double p) {
		if (this.sorted.isEmpty()) {
			return "n/a";
		}
		long value = nanos(p);
		return (value == Long.MAX_VALUE) ? "timeout" : String.format(Locale.ROOT, "%.2f", value / 1e6);
	}

}
