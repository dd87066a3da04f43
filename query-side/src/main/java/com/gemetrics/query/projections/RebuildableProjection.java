package com.gemetrics.query.projections;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection that can be rebuilt online ({@code POST
 * /api/v1/admin/projections/{name}/replays}, ADR 0021): its state is only the tables it
 * names in schema {@code read} (no Redis, no calls out), and it can make a second
 * instance of its event handlers writing through another {@link JdbcTemplate}. That
 * template rewrites {@code read.<name>} to {@code read_next.<name>} for each of
 * {@link #shadowedNames()}, so the second instance fills the shadow tables while the live
 * one goes on writing the tables every query reads.
 */
public interface RebuildableProjection {

	/** The processing group (processor name) of the live projection. */
	String name();

	/** Its tables in schema {@code read}, rebuilt and switched together. */
	List<String> tables();

	/**
	 * The names its SQL uses that are to be taken from {@code read_next} during a
	 * rebuild: its tables and any function of its own that acts on them (a partition
	 * function).
	 */
	default List<String> shadowedNames() {
		return tables();
	}

	/** Segments of the rebuild's processor (the live one's count). */
	int segments();

	/** Events per transaction of the rebuild's processor. */
	default int batchSize() {
		return 1000;
	}

	/** The live processor's sequencing policy. */
	default SequencingPolicy<? super EventMessage<?>> sequencingPolicy() {
		return SequentialPerAggregatePolicy.instance();
	}

	/**
	 * A new instance of the projection's event handlers (an object of the live
	 * projection's class, so that the same handler enhancers apply), writing through
	 * {@code jdbc} only.
	 */
	Object shadowHandlers(JdbcTemplate jdbc);

}
