package com.gemetrics.command;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.gemetrics.api.user.RegisterUserCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.devstack.Databases;
import com.gemetrics.platform.privacy.DataKeyStore;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The analysts' role reads no personal data (issue 10, ADR 22): connected as a login that
 * holds {@code ge_analyst} and nothing else, the test lists every table and view that
 * login may read, scans every row of each for a freshly registered user's address and
 * display name, and finds neither; the tables that do hold them refuse it.
 */
@SpringBootTest(properties = "ge.poller.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class AnalystPrivacyIT {

	static final String ANALYST_LOGIN = "ge_it_analyst";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CommandGateway commands;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	DataKeyStore dataKeys;

	@Autowired
	PersonalDataCipher cipher;

	@Test
	void analystsCannotReadAnEmailAddressAnywhere() throws SQLException {
		UserId user = new UserId(UUID.randomUUID());
		String address = "analysed-" + user.value().toString().substring(0, 8) + "@Example.test";
		String name = "Analysed " + user.value().toString().substring(9, 13);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.transactions.executeWithoutResult((status) -> {
			SecretKey key = this.dataKeys.createIfMissing(user, now).orElseThrow();
			this.commands.sendAndWait(new RegisterUserCommand(user, this.cipher.encrypt(user, key, address),
					this.cipher.encrypt(user, key, name), now));
		});
		JdbcTemplate owner = RealInfrastructure.asOwner(this.jdbc.getDataSource());
		// What the query side's users projection and the verification mail leave behind.
		owner.update("INSERT INTO read.user_profile (user_id, email, display_name, registered_at) VALUES (?, ?, ?, ?)",
				user.value(), address, name, Timestamp.from(now));
		owner.update("INSERT INTO auth.mail_outbox (kind, recipient, subject, created_at, next_attempt_at) "
				+ "VALUES ('verification', ?, 'Confirm', now(), now())", address);
		for (String holder : List.of("auth.account", "read.user_profile", "auth.mail_outbox")) {
			assertThat(found(owner, holder, address, name)).as("the address is in %s, for the scan to miss", holder)
				.isPositive();
		}
		assertThat(found(owner, "domain_event_entry", address, name) + found(owner, "event_log", address, name))
			.as("but not in any event (ADR 22)")
			.isZero();

		Databases.ensureLoginRole(RealInfrastructure.SERVER_URL, RealInfrastructure.USER, RealInfrastructure.PASSWORD,
				ANALYST_LOGIN, ANALYST_LOGIN, "ge_analyst");
		try (Connection analyst = DriverManager.getConnection(url(), ANALYST_LOGIN, ANALYST_LOGIN);
				Statement sql = analyst.createStatement()) {
			List<String> readable = readableRelations(sql);
			assertThat(readable).as("what analysts work with")
				.contains("public.analyst_event_log", "read.flips", "read.user_transactions", "read.item_summary")
				.doesNotContain("read.user_profile", "public.event_log", "public.domain_event_entry");
			for (String relation : readable) {
				assertThat(
						count(sql, "SELECT count(*) FROM " + relation + " t WHERE " + holding(relation, address, name)))
					.as("rows of %s holding the address or the name", relation)
					.isZero();
			}
			assertThat(columnOnlyGrants(sql)).as("no table is readable column by column").isEmpty();
			assertThat(count(sql, "SELECT count(*) FROM analyst_event_log WHERE aggregate_identifier = '" + user + "'"))
				.as("the user's registration is there, without the address")
				.isEqualTo(1);
			for (String protectedRelation : List.of("auth.account", "auth.credential", "auth.mail_outbox",
					"read.user_profile", "public.event_log", "public.domain_event_entry", "public.snapshot_event_entry",
					"public.dead_letter_entry", "privacy.user_data_keys", "billing.customers", "alerts.webhook")) {
				assertThatThrownBy(() -> count(sql, "SELECT count(*) FROM " + protectedRelation)).as(protectedRelation)
					.hasMessageContaining("permission denied");
			}
		}
	}

	/** Every table, view and materialized view the connected role may SELECT from. */
	private static List<String> readableRelations(Statement sql) throws SQLException {
		List<String> relations = new ArrayList<>();
		try (ResultSet rows = sql.executeQuery("""
				SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
				  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
				  AND has_schema_privilege(current_user, n.oid, 'USAGE')
				  AND has_table_privilege(current_user, c.oid, 'SELECT')
				ORDER BY 1
				""")) {
			while (rows.next()) {
				relations.add(rows.getString(1));
			}
		}
		return relations;
	}

	/** Tables the role may read some columns of without a table-wide grant. */
	private static List<String> columnOnlyGrants(Statement sql) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (ResultSet rows = sql.executeQuery("""
				SELECT DISTINCT n.nspname || '.' || c.relname
				FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
				  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
				  AND NOT has_table_privilege(current_user, c.oid, 'SELECT')
				  AND has_column_privilege(current_user, c.oid, a.attnum, 'SELECT')
				""")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		return tables;
	}

	/**
	 * How many rows of the relation hold the address or the name: anywhere in the row's
	 * text (JSON, arrays and all), and inside any {@code bytea} column (event payloads),
	 * compared byte for byte.
	 */
	private long found(JdbcTemplate owner, String relation, String address, String name) {
		return owner.queryForObject("SELECT count(*) FROM " + relation + " t WHERE " + holding(relation, address, name),
				Long.class);
	}

	/** The WHERE clause that finds the address or the name in a row of the relation. */
	private String holding(String relation, String address, String name) {
		List<String> needles = List.of(address, address.toLowerCase(), name);
		List<String> tests = new ArrayList<>();
		for (String needle : needles) {
			tests.add("lower(t::text) LIKE '%" + needle.toLowerCase() + "%'");
		}
		for (String column : RealInfrastructure.asOwner(this.jdbc.getDataSource())
			.queryForList(
					"SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = ?::regclass "
							+ "AND atttypid = 'bytea'::regtype AND attnum > 0 AND NOT attisdropped",
					String.class, relation)) {
			for (String needle : needles) {
				tests.add("position(decode('" + HexFormat.of().formatHex(needle.getBytes(StandardCharsets.UTF_8))
						+ "', 'hex') IN t." + column + ") > 0");
			}
		}
		return String.join(" OR ", tests);
	}

	private static long count(Statement sql, String query) throws SQLException {
		try (ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private String url() {
		return this.jdbc.execute((Connection connection) -> connection.getMetaData().getURL());
	}

}
