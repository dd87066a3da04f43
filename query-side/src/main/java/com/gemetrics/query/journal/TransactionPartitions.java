package com.gemetrics.query.journal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 */
@Component
class TransactionPartitions {

	private final JdbcTemplate jdbc;

	private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

	TransactionPartitions(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Makes sure the partition of the month (UTC) holding {@code at} exists. */
	void ensureFor(Instant at) {
		YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
		if (this.known.contains(month)) {
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

}
