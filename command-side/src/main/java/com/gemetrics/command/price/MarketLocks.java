package com.gemetrics.command.price;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Transaction-scoped PostgreSQL advisory locks. ShedLock already keeps polls on one
 * instance; this also serializes the read-compare-write of the poller's state in the
 * database, so even two overlapping polls (a lock that expired under a slow holder)
 * cannot both emit the same change.
 */
@Component
class MarketLocks {

	private final JdbcTemplate jdbc;

	MarketLocks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Blocks until this transaction holds the lock named {@code name}; released at commit
	 * or rollback.
	 */
	void lockForTransaction(String name) {
		this.jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", name);
	}

}
