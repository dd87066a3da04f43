package com.gemetrics.loadtest.journal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The reference for the API's write path: plain JDBC inserting the same event rows that
 * {@code POST /api/v1/flips} makes Axon append to {@code domain_event_entry}, one row and
 * one commit per insert (auto-commit), from a connection of its own per thread.
 * <p>
 * The row is copied from a {@code FlipOpenedEvent} the API wrote (its aggregate type,
 * metadata, payload and revision), with a new flip id of the same length in the payload,
 * so rows are the same size. By default the payload type is changed to a name of the same
 * length that no class has ({@code bench.com.gemetrics...}): the query side's processors
 * then skip the rows instead of booking thousands of made-up flips while the reference
 * runs, which would slow the reference down and flatter the ratio.
 */
public final class RawEventInserts {

	static final String FLIP_OPENED = "com.gemetrics.api.flip.FlipOpenedEvent";

	private static final String INSERT = """
			INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
				meta_data, payload, payload_revision, payload_type, time_stamp)
			VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)
			""";

	private final String jdbcUrl;

	private final String user;

	private final String password;

	private final Template template;

	private RawEventInserts(String jdbcUrl, String user, String password, Template template) {
		this.jdbcUrl = jdbcUrl;
		this.user = user;
		this.password = password;
		this.template = template;
	}

	/**
	 * Takes the latest {@code FlipOpenedEvent} row in the store as the template.
	 * @param markPayloadType whether to rename the payload type so that projections skip
	 * the rows (see the class comment)
	 * @throws IllegalStateException if the store has no such row
	 */
	public static RawEventInserts fromLatestFlip(String jdbcUrl, String user, String password, boolean markPayloadType)
			throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
				PreparedStatement select = connection.prepareStatement("""
						SELECT aggregate_identifier, type, meta_data, payload, payload_revision, payload_type
						FROM domain_event_entry WHERE payload_type = ? ORDER BY global_index DESC LIMIT 1
						""")) {
			select.setString(1, FLIP_OPENED);
			try (ResultSet row = select.executeQuery()) {
				if (!row.next()) {
					throw new IllegalStateException("no " + FLIP_OPENED + " in domain_event_entry to copy");
				}
				String payloadType = row.getString("payload_type");
				if (markPayloadType) {
					payloadType = ("bench." + payloadType).substring(0, payloadType.length());
				}
				return new RawEventInserts(jdbcUrl, user, password,
						new Template(row.getString("aggregate_identifier"), row.getString("type"),
								row.getBytes("meta_data"), new String(row.getBytes("payload"), StandardCharsets.UTF_8),
								row.getString("payload_revision"), payloadType));
			}
		}
	}

	/** The row every insert copies. */
	public Template template() {
		return this.template;
	}

	/** A worker for one thread: its own connection in auto-commit mode. */
	public LoadRun.Worker worker() throws SQLException {
		Connection connection = DriverManager.getConnection(this.jdbcUrl, this.user, this.password);
		connection.setAutoCommit(true);
		PreparedStatement insert = connection.prepareStatement(INSERT);
		return new LoadRun.Worker() {

			@Override
			public boolean call() throws SQLException {
				String flipId = UUID.randomUUID().toString();
				Template row = RawEventInserts.this.template;
				insert.setString(1, flipId);
				insert.setString(2, row.aggregateType());
				insert.setString(3, UUID.randomUUID().toString());
				insert.setBytes(4, row.metaData());
				insert.setBytes(5, row.payload().replace(row.flipId(), flipId).getBytes(StandardCharsets.UTF_8));
				insert.setString(6, row.payloadRevision());
				insert.setString(7, row.payloadType());
				insert.setString(8, Instant.now().toString());
				return insert.executeUpdate() == 1;
			}

			@Override
			public void close() throws SQLException {
				insert.close();
				connection.close();
			}

		};
	}

	/**
	 * The copied row.
	 *
	 * @param flipId the template flip's id (replaced in the payload by each insert's own)
	 * @param aggregateType the {@code type} column
	 * @param metaData the metadata bytes, as they are
	 * @param payload the payload JSON
	 * @param payloadRevision the revision
	 * @param payloadType the payload type written
	 */
	public record Template(String flipId, String aggregateType, byte[] metaData, String payload, String payloadRevision,
			String payloadType) {
	}

}
