package com.gemetrics.query.journal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.gemetrics.api.price.GeLimits;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The monthly partitions of {@code read.user_transactions}. Sales are never in the
 * future, so partitions are made on demand: the projection asks for the month of a sale
 * just before writing it ({@code read.ensure_user_transactions_partition}, which also
 * moves that month's rows out of the default partition). Months known to exist are
 * remembered for the life of the process, once the transaction that created them has
 * committed.
 * <p>
 * Their number is bounded: only the months from the Grand Exchange's opening (2013-02) to
 * the month after the current one get a partition
 * ({@code read.is_user_transactions_month} says the same in SQL). A sale outside them
 * (stored before the bounds of {@link GeLimits}) lands in the default partition, so no
 * row ever fails for want of a partition, and no user can make a partition per month of a
 * thousand years.
 */
@Component
class TransactionPartitions {

	private final JdbcTemplate jdbc;

	static final YearMonth FIRST_MONTH = YearMonth.from(GeLimits.GE_OPENED.atOffset(ZoneOffset.UTC));

	private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

	private final Clock clock;

	TransactionPartitions(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Makes sure the partition of the month (UTC) holding {@code at} exists, if that
	 * month may have one; otherwise the row goes to the default partition.
	 */
	void ensureFor(Instant at) {
		YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
		if (this.known.contains(month) || !hasOwnPartition(month)) {
			return;
		}
		Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		this.jdbc.query("SELECT read.ensure_user_transactions_partition(?)", (RowCallbackHandler) (rs) -> {
		}, Timestamp.from(start));
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.known.add(month);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				TransactionPartitions.this.known.add(month);
			}

		});
	}

	/** From the Grand Exchange's opening month to the month after the current one. */
	boolean hasOwnPartition(YearMonth month) {
		YearMonth last = YearMonth.from(this.clock.instant().atOffset(ZoneOffset.UTC)).plusMonths(1);
		return !month.isBefore(FIRST_MONTH) && !month.isAfter(last);
	}

}
