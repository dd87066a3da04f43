package com.gemetrics.query.audit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.stereotype.Repository;

/**
 * Reads the event store for auditors, oldest first by global index, with the filters of
 * an {@link AuditFilter}. Each filter has its index (V100): the user through
 * {@code audit.event_user_id(payload_type, payload)}, the time through
 * {@code audit.event_time(time_stamp)}, the aggregate type and payload type by column,
 * the aggregate through its stream's key.
 */
@Repository
class AuditEventRepository {

	private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

	private static final String COLUMNS = """
			SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
			       payload_type, payload_revision, payload, meta_data
			FROM domain_event_entry
			""";

	private final JdbcTemplate jdbc;

	AuditEventRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** At most {@code limit} events after global position {@code after}. */
	List<StoredEvent> page(AuditFilter filter, long after, int limit) {
		Query query = query(filter, after);
		query.args.add(limit);
		return this.jdbc.query(query.sql + " LIMIT ?", (row, index) -> stored(row), query.args.toArray());
	}

	/**
	 * Every matching event, in order, through a server-side cursor of {@code fetchSize}
	 * rows: call inside a transaction (PostgreSQL keeps a cursor only in one).
	 */
	void each(AuditFilter filter, int fetchSize, Consumer<StoredEvent> consumer) {
		Query query = query(filter, 0);
		PreparedStatementCreator statement = (connection) -> {
			var prepared = connection.prepareStatement(query.sql, ResultSet.TYPE_FORWARD_ONLY,
					ResultSet.CONCUR_READ_ONLY);
			prepared.setFetchSize(fetchSize);
			for (int i = 0; i < query.args.size(); i++) {
				prepared.setObject(i + 1, query.args.get(i));
			}
			return prepared;
		};
		this.jdbc.query(statement, (row) -> {
			consumer.accept(stored(row));
		});
	}

	/** The SQL of a filter (without the page's limit) and its arguments. */
	static Query query(AuditFilter filter, long after) {
		StringBuilder sql = new StringBuilder(COLUMNS).append("WHERE global_index > ?");
		List<Object> args = new ArrayList<>();
		args.add(after);
		if (filter.aggregateType() != null) {
			sql.append(" AND type = ?");
			args.add(filter.aggregateType());
		}
		if (filter.aggregateId() != null) {
			sql.append(" AND aggregate_identifier = ?");
			args.add(filter.aggregateId());
		}
		if (filter.userId() != null) {
			sql.append(" AND type IS NOT NULL AND audit.event_user_id(payload_type, payload) = ?");
			args.add(filter.userId());
		}
		if (filter.payloadType() != null) {
			sql.append(" AND payload_type = ?");
			args.add(filter.payloadType());
		}
		if (filter.from() != null) {
			sql.append(" AND audit.event_time(time_stamp) >= ?");
			args.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
		}
		if (filter.to() != null) {
			sql.append(" AND audit.event_time(time_stamp) < ?");
			args.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
		}
		sql.append(" ORDER BY global_index");
		return new Query(sql.toString(), args);
	}

	private static StoredEvent stored(ResultSet row) throws SQLException {
		byte[] metaData = row.getBytes("meta_data");
		return new StoredEvent(row.getLong("global_index"), row.getString("type"),
				row.getString("aggregate_identifier"), row.getLong("sequence_number"),
				row.getString("event_identifier"), row.getString("time_stamp"), row.getString("payload_type"),
				row.getString("payload_revision"), row.getBytes("payload"),
				(metaData != null) ? metaData : NO_METADATA);
	}

	record Query(String sql, List<Object> args) {
	}

}
