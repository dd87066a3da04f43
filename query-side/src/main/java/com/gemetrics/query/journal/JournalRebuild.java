package com.gemetrics.query.journal;

import java.time.Clock;
import java.util.List;

import com.gemetrics.query.projections.RebuildableProjection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The journal can be rebuilt online (ADR 0021): its state is {@code read.flips},
 * {@code read.flip_tombstones} and {@code read.user_transactions} (with its monthly
 * partitions, made in {@code read_next} by
 * {@code read_next.ensure_user_transactions_partition} during a rebuild).
 */
@Component
class JournalRebuild implements RebuildableProjection {

	private final Clock clock;

	JournalRebuild(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String name() {
		return JournalProjection.GROUP;
	}

	@Override
	public List<String> tables() {
		return List.of("flips", "flip_tombstones", "user_transactions");
	}

	@Override
	public List<String> shadowedNames() {
		return List.of("flips", "flip_tombstones", "user_transactions", "ensure_user_transactions_partition");
	}

	@Override
	public int segments() {
		return 2;
	}

	@Override
	public Object shadowHandlers(JdbcTemplate jdbc) {
		return new JournalProjection(new JournalRepository(jdbc, new TransactionPartitions(jdbc, this.clock)));
	}

}
