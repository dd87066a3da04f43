package com.gemetrics.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.gemetrics.devstack.Databases;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Points a test application context at the real PostgreSQL and Redis on this machine
 * ({@code GE_TEST_DATABASE_URL}, {@code GE_TEST_REDIS_URL}; default 127.0.0.1), in a
 * fresh database and under a fresh Redis key prefix, so test contexts never see each
 * other's data. Never skips: a missing service fails the test. Rate limits are off (as if
 * {@code GE_RATE_LIMIT_ENABLED=false}, at the lowest precedence), so tests calling an
 * endpoint many times are not refused; tests of the limits switch them on with
 * {@code ge.protection.rate-limit.enabled=true}.
 * <p>
 * Least privilege, as deployed: Flyway runs as the server's superuser
 * ({@code GE_TEST_DATABASE_USERNAME}, the owner of every object), while the app connects
 * as {@value #QUERY_LOGIN}, a login role that is a member of {@code ge_query_app} only
 * (created when missing). Tests publish their events through the app's event store, so
 * that login alone is also allowed to append events: the test stands in for the command
 * side ({@code db/it-query/afterMigrate.sql}; {@code QuerySidePrivilegesIT} checks the
 * group role itself). Owner-only work in a test (dropping a partition) goes through
 * {@link #asOwner(DataSource)}.
 */
public class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String SERVER_URL = env("GE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/");

	static final String USER = env("GE_TEST_DATABASE_USERNAME", "postgres");

	static final String PASSWORD = env("GE_TEST_DATABASE_PASSWORD", "");

	static final String REDIS_URL = env("GE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	/** The query side's login in tests: a member of {@code ge_query_app} only. */
	public static final String QUERY_LOGIN = "ge_it_query";

	static final String QUERY_PASSWORD = env("GE_TEST_QUERY_DATABASE_PASSWORD", "ge_it_query");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = Databases.createFresh(SERVER_URL, USER, PASSWORD, "ge_it_query");
		Databases.ensureLoginRole(SERVER_URL, USER, PASSWORD, QUERY_LOGIN, QUERY_PASSWORD, "ge_query_app");
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("realInfrastructure",
					Map.ofEntries(Map.entry("spring.datasource.url", url),
							Map.entry("spring.datasource.username", QUERY_LOGIN),
							Map.entry("spring.datasource.password", QUERY_PASSWORD),
							Map.entry("spring.flyway.user", USER), Map.entry("spring.flyway.password", PASSWORD),
							Map.entry("spring.flyway.locations", "classpath:db/migration,classpath:db/it-query"),
							Map.entry("spring.flyway.placeholders.it_query_login", QUERY_LOGIN),
							Map.entry("spring.data.redis.url", REDIS_URL),
							Map.entry("ge.redis.key-prefix", "ge-test-" + UUID.randomUUID() + ":"))));
		context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("realInfrastructureDefaults", Map.of("GE_RATE_LIMIT_ENABLED", "false")));
	}

	/**
	 * The same database as {@code appDataSource}, as the owner (the superuser Flyway runs
	 * as), for what a test must do beyond the app's privileges.
	 */
	public static JdbcTemplate asOwner(DataSource appDataSource) {
		try (Connection connection = appDataSource.getConnection()) {
			return new JdbcTemplate(new DriverManagerDataSource(connection.getMetaData().getURL(), USER, PASSWORD));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the test database's URL", ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
