package com.gemetrics.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Least privilege in the database (ADR 0017), checked on a database migrated as deployed.
 * The query side's group role {@code ge_query_app} (taken with {@code SET ROLE} by the
 * owner, so nothing else it holds counts) cannot read {@code auth} (password hashes,
 * signing keys) nor write the event store, yet can do all its own work, including tables
 * created by later migrations; the analysts' role reads events without e-mail or display
 * name. The app's own connection (a member of {@code ge_query_app}) is refused
 * {@code auth} too.
 */
@SpringBootTest(properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class QuerySidePrivilegesIT {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EventGateway events;

	@Autowired
	ObjectMapper json;

	@Autowired
	DataSource dataSource;

	@Autowired
	PersonalDataCipher cipher;

	@Test
	void theAppsOwnConnectionCannotReadPasswordHashes() {
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class))
			.isEqualTo(RealInfrastructure.QUERY_LOGIN);
		assertThatThrownBy(() -> this.jdbc.queryForList("SELECT password_hash FROM auth.credential"))
			.hasStackTraceContaining("permission denied for schema auth");
	}

	@Test
	void queryRoleCannotReadSecretsNorWriteTheEventStore() throws SQLException {
		try (Connection connection = ownerConnection(); Statement sql = connection.createStatement()) {
			sql.execute("SET ROLE ge_query_app");
			assertDenied(sql, "SELECT password_hash FROM auth.credential", "permission denied for schema auth");
			assertDenied(sql, "SELECT private_key FROM auth.signing_key", "permission denied for schema auth");
			assertDenied(sql, "SELECT url FROM alerts.webhook", "permission denied for schema alerts");
			assertDenied(sql,
					"INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, "
							+ "event_identifier, payload, payload_type, time_stamp) VALUES ('a', 0, 'T', '"
							+ UUID.randomUUID() + "', '\\x7b7d', 'T', '2026-01-01T00:00:00Z')",
					"permission denied for table domain_event_entry");
			assertDenied(sql, "DELETE FROM domain_event_entry", "permission denied for table domain_event_entry");
			assertDenied(sql, "UPDATE domain_event_entry SET payload = payload",
					"permission denied for table domain_event_entry");
			assertDenied(sql, "SELECT 1 FROM snapshot_event_entry", "permission denied for table snapshot_event_entry");
			assertDenied(sql, "CREATE TABLE read.planted (id INT)", "permission denied for schema read");
			assertDenied(sql, "CREATE TEMP TABLE planted (id INT)", "permission denied to create temporary tables");
			// It reads the data keys to decrypt (ADR 22), but can neither destroy nor
			// plant one.
			assertThat(count(sql, "SELECT count(*) FROM privacy.user_data_keys")).isNotNegative();
			assertDenied(sql, "UPDATE privacy.user_data_keys SET wrapped_key = wrapped_key",
					"permission denied for table user_data_keys");
			assertDenied(sql, "DELETE FROM privacy.user_data_keys", "permission denied for table user_data_keys");
			assertDenied(sql, "INSERT INTO privacy.user_data_keys (user_id, wrapped_key, created_at) VALUES ('"
					+ UUID.randomUUID() + "', '\\x00', now())", "permission denied for table user_data_keys");
		}
	}

	@Test
	void queryRoleDoesItsOwnWorkIncludingOnTablesOfLaterMigrations() throws SQLException {
		try (Connection connection = ownerConnection(); Statement sql = connection.createStatement()) {
			// What a later migration (the owner) adds, such as Axon's dead-letter table.
			sql.execute("CREATE TABLE it_later_axon_table (id BIGSERIAL PRIMARY KEY, note TEXT)");
			sql.execute("CREATE TABLE read.it_later_read_model (id BIGSERIAL PRIMARY KEY, note TEXT)");
			sql.execute("SET ROLE ge_query_app");
			assertThat(count(sql, "SELECT count(*) FROM domain_event_entry")).isNotNegative();
			sql.execute("INSERT INTO token_entry (processor_name, segment) VALUES ('it-privileges', 0)");
			sql.execute("UPDATE token_entry SET owner = 'me' WHERE processor_name = 'it-privileges'");
			sql.execute("DELETE FROM token_entry WHERE processor_name = 'it-privileges'");
			sql.execute("INSERT INTO event_processor_node (node_id, last_seen) VALUES ('it-privileges', now())");
			sql.execute("DELETE FROM event_processor_node WHERE node_id = 'it-privileges'");
			sql.execute("INSERT INTO it_later_axon_table (note) VALUES ('dead letter')");
			sql.execute("INSERT INTO read.it_later_read_model (note) VALUES ('row')");
			sql.execute("TRUNCATE read.it_later_read_model");
			assertThat(count(sql, "SELECT count(*) FROM market.poll_status")).isNotNegative();
			// A monthly partition needs the partitioned table's owner: the function runs
			// as it.
			sql.execute("SELECT read.ensure_user_transactions_partition('2014-03-15T00:00:00Z')");
			sql.execute("SELECT read.ensure_price_history_partition('2014-03-15T00:00:00Z')");
			sql.execute("TRUNCATE read.user_transactions, read.flips, read.flip_tombstones");
			assertThat(count(sql,
					"SELECT count(*) FROM pg_tables WHERE tablename IN ('user_transactions_2014_03', 'item_price_history_2014_03')"))
				.isEqualTo(2);
		}
	}

	@Test
	void analystsSeeUserEventsWithoutEmailOrDisplayName() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		this.events.publish(new TestRegistrations(this.dataSource, this.cipher).registered(user,
				"ann.analysed@example.org", "Ann Analysed", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
		try (Connection connection = ownerConnection(); Statement sql = connection.createStatement()) {
			sql.execute("SET ROLE ge_analyst");
			String payload;
			try (ResultSet rows = sql.executeQuery("SELECT payload::text FROM analyst_event_log WHERE payload_type = '"
					+ UserRegisteredEvent.class.getName() + "' AND payload::text LIKE '%" + user + "%'")) {
				assertThat(rows.next()).as("the analysts' view shows the event").isTrue();
				payload = rows.getString(1);
			}
			JsonNode event = this.json.readTree(payload);
			assertThat(event.has("email")).isFalse();
			assertThat(event.has("displayName")).isFalse();
			assertThat(event.has("registeredAt")).isTrue();
			assertThat(payload).doesNotContain("ann.analysed@example.org").doesNotContain("Ann Analysed");
			assertDenied(sql, "SELECT payload FROM event_log", "permission denied for view event_log");
			assertDenied(sql, "SELECT email FROM read.user_profile", "permission denied for table user_profile");
			assertDenied(sql, "SELECT email FROM auth.account", "permission denied for schema auth");
			assertDenied(sql, "SELECT wrapped_key FROM privacy.user_data_keys", "permission denied for schema privacy");
			assertThat(count(sql, "SELECT count(*) FROM read.flips")).isNotNegative();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.jdbc
				.queryForObject("SELECT count(*) FROM read.user_profile WHERE user_id = ?", Long.class, user.value()))
				.as("the query side itself still projects the address")
				.isEqualTo(1));
	}

	private Connection ownerConnection() throws SQLException {
		String url = this.jdbc.execute((Connection connection) -> connection.getMetaData().getURL());
		return DriverManager.getConnection(url, RealInfrastructure.USER, RealInfrastructure.PASSWORD);
	}

	private static void assertDenied(Statement sql, String statement, String message) {
		assertThatThrownBy(() -> sql.execute(statement)).as(statement)
			.isInstanceOf(SQLException.class)
			.hasMessageContaining(message);
	}

	private static long count(Statement sql, String query) throws SQLException {
		try (ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
