package com.gemetrics.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeps {@code docs/projections.md} true, on a database migrated as deployed, connected
 * as the analysts' role ({@code SET ROLE ge_analyst} by the owner, so nothing else
 * counts): every table and view analysts may read has its section there naming each of
 * its columns; what the doc says analysts may not read, they cannot; and every
 * {@code ```sql} block of the doc runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class AnalystDocsIT {

	static final Path DOC = Path.of("..", "docs", "projections.md");

	/**
	 * Every relation analysts can read, partitions aside (they have their parent's
	 * columns).
	 */
	static final String READABLE = """
			SELECT n.nspname || '.' || c.relname AS relation
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname IN ('read', 'public') AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
			  AND has_table_privilege('ge_analyst', c.oid, 'SELECT')
			ORDER BY 1
			""";

	@Autowired
	JdbcTemplate jdbc;

	List<String> doc;

	@BeforeEach
	void readDoc() throws IOException {
		this.doc = Files.readAllLines(DOC);
	}

	@Test
	void everyTableAndColumnAnalystsMayReadIsDocumented() throws SQLException {
		Map<String, List<String>> readable = new LinkedHashMap<>();
		try (Connection connection = ownerConnection(); Statement sql = connection.createStatement()) {
			for (String relation : strings(sql, READABLE)) {
				String[] name = relation.split("\\.");
				readable.put(relation, strings(sql, "SELECT attname FROM pg_attribute WHERE attrelid = '" + relation
						+ "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"));
				assertThat(name).hasSize(2);
			}
		}
		assertThat(readable).containsKeys("read.item_daily", "read.flip_daily", "read.flip_daily_totals",
				"read.alert_daily", "read.subscriptions", "public.analyst_event_log");
		readable.forEach((relation, columns) -> {
			String section = section(relation);
			assertThat(section).as("a section of docs/projections.md for %s", relation).isNotNull();
			for (String column : columns) {
				assertThat(section).as("docs/projections.md on %s names its column %s", relation, column)
					.contains("`" + column + "`");
			}
		});
	}

	@Test
	void analystsCannotReadWhatTheDocKeepsFromThem() throws SQLException {
		try (Connection connection = ownerConnection(); Statement sql = connection.createStatement()) {
			sql.execute("SET ROLE ge_analyst");
			for (String table : List.of("read.user_profile", "read.rollup_flips", "read.rollup_buckets",
					"read.rollup_watchlists", "public.event_log")) {
				assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM " + table)).as(table)
					.isInstanceOf(SQLException.class)
					.hasMessageContaining("permission denied");
			}
		}
	}

	@Test
	void everyExampleQueryRunsAsAnAnalyst() throws SQLException {
		List<String> blocks = sqlBlocks();
		assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
		assertThat(String.join("\n", blocks)).contains("read.flip_daily", "read.item_daily", "read.alert_daily");
		try (Connection connection = ownerConnection(); Statement sql = connection.createStatement()) {
			sql.execute("SET ROLE ge_analyst");
			for (String block : blocks) {
				for (String statement : block.split(";")) {
					if (statement.lines().allMatch((line) -> line.isBlank() || line.strip().startsWith("--"))) {
						continue;
					}
					try (ResultSet rows = sql.executeQuery(statement)) {
						while (rows.next()) {
							assertThat(rows.getMetaData().getColumnCount()).isPositive();
						}
					}
					catch (SQLException ex) {
						throw new AssertionError("docs/projections.md example fails as ge_analyst:\n" + statement, ex);
					}
				}
			}
		}
	}

	/**
	 * The doc's text about one relation: from the heading naming it to the next heading,
	 * or the table row starting with it.
	 */
	private String section(String relation) {
		String name = "`" + relation + "`";
		for (int i = 0; i < this.doc.size(); i++) {
			String line = this.doc.get(i);
			if (line.startsWith("| " + name)) {
				return line;
			}
			if (line.startsWith("#") && line.contains(name)) {
				StringBuilder section = new StringBuilder(line);
				for (int j = i + 1; j < this.doc.size() && !this.doc.get(j).startsWith("#"); j++) {
					section.append('\n').append(this.doc.get(j));
				}
				return section.toString();
			}
		}
		return null;
	}

	private List<String> sqlBlocks() {
		List<String> blocks = new ArrayList<>();
		StringBuilder block = null;
		for (String line : this.doc) {
			if (block == null && line.strip().equals("```sql")) {
				block = new StringBuilder();
			}
			else if (block != null && line.strip().equals("```")) {
				blocks.add(block.toString());
				block = null;
			}
			else if (block != null) {
				block.append(line).append('\n');
			}
		}
		return blocks;
	}

	private Connection ownerConnection() throws SQLException {
		String url = this.jdbc.execute((Connection connection) -> connection.getMetaData().getURL());
		return DriverManager.getConnection(url, RealInfrastructure.USER, RealInfrastructure.PASSWORD);
	}

	private static List<String> strings(Statement sql, String query) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet rows = sql.executeQuery(query)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
