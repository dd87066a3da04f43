package com.gemetrics.query.pricehistory;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The monthly partitions of {@code read.item_price_history}. A scheduled job keeps this
 * month and the next {@code ge.price-history.partitions.months-ahead} created; the
 * projection asks for the partition of any other month (old history imported from
 * {@code /timeseries}) just before it writes there. Months known to exist are remembered
 * for the life of the process, but only once the transaction that created them has
 * committed: a rolled-back batch rolls its partition back too.
 */
@Component
class PricePartitions {

	private static final Logger log = LoggerFactory.getLogger(PricePartitions.class);

	private final JdbcTemplate jdbc;

	private final int monthsAhead;

	private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

	PricePartitions(JdbcTemplate jdbc, PriceHistoryProperties properties) {
		this.jdbc = jdbc;
		this.monthsAhead = properties.partitions().monthsAhead();
	}

	/** Makes sure a partition exists for the month (UTC) of every instant given. */
	void ensureFor(Collection<Instant> instants) {
		Set<YearMonth> missing = new TreeSet<>();
		for (Instant instant : instants) {
			YearMonth month = YearMonth.from(instant.atOffset(ZoneOffset.UTC));
			if (!this.known.contains(month)) {
				missing.add(month);
			}
		}
		for (YearMonth month : missing) {
			Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			call("SELECT read.ensure_price_history_partition(?)", Timestamp.from(start));
			rememberOnCommit(month);
		}
	}

	/**
	 * This month's partition and the next ones, at start-up and then on a fixed delay.
	 */
	@Scheduled(initialDelayString = "${ge.price-history.partitions.initial-delay:PT0S}",
			fixedDelayString = "${ge.price-history.partitions.check-interval:PT24H}")
	void ensureAhead() {
		try {
			call("SELECT read.ensure_price_history_partitions_ahead(?)", this.monthsAhead);
			log.debug("Price history partitions ensured {} months ahead", this.monthsAhead);
		}
		catch (DataAccessException ex) {
			log.warn("Could not create price history partitions ahead; the projection still creates them on demand",
					ex);
		}
	}

	private void call(String sql, Object argument) {
		this.jdbc.query(sql, (RowCallbackHandler) (rs) -> {
		}, argument);
	}

	private void rememberOnCommit(YearMonth month) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.known.add(month);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				PricePartitions.this.known.add(month);
			}

		});
	}

}
