package com.gemetrics.command.flip;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which flips already have events, read from the event store's own table in one query
 * (table and column names from the {@link EventSchema} the storage engine uses). The
 * import uses it to skip rows it created before; a deleted flip still has its events, so
 * it counts as existing.
 */
@Repository
class FlipEventStreams {

	private final JdbcTemplate jdbc;

	private final String sql;

	FlipEventStreams(JdbcTemplate jdbc, EventSchema schema) {
		this.jdbc = jdbc;
		this.sql = "SELECT " + schema.aggregateIdentifierColumn() + ", MAX(" + schema.sequenceNumberColumn() + ") FROM "
				+ schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ANY (?) GROUP BY "
				+ schema.aggregateIdentifierColumn();
	}

	/**
	 * The sequence number of the last event of each given aggregate that has any.
	 * @param aggregateIds the aggregates asked about
	 * @return aggregate id to last sequence number, for those with events
	 */
	Map<String, Long> lastSequences(Collection<String> aggregateIds) {
		Map<String, Long> last = new HashMap<>();
		if (aggregateIds.isEmpty()) {
			return last;
		}
		String[] ids = aggregateIds.toArray(String[]::new);
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement(this.sql);
			statement.setArray(1, connection.createArrayOf("varchar", ids));
			return statement;
		}, (row) -> {
			last.put(row.getString(1), row.getLong(2));
		});
		return last;
	}

}
