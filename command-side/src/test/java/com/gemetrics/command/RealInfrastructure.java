package com.gemetrics.command;

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
 * as {@value #COMMAND_LOGIN}, a login role that is a member of {@code ge_command_app}
 * only (created when missing), so every test shows the command side works with that role.
 */
public class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String SERVER_URL = env("GE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/");

	static final String USER = env("GE_TEST_DATABASE_USERNAME", "postgres");

	static final String PASSWORD = env("GE_TEST_DATABASE_PASSWORD", "");

	static final String REDIS_URL = env("GE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	/** The command side's login in tests: a member of {@code ge_command_app} only. */
	static final String COMMAND_LOGIN = "ge_it_command";

	static final String COMMAND_PASSWORD = env("GE_TEST_COMMAND_DATABASE_PASSWORD", "ge_it_command");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = Databases.createFresh(SERVER_URL, USER, PASSWORD, "ge_it_command");
		Databases.ensureLoginRole(SERVER_URL, USER, PASSWORD, COMMAND_LOGIN, COMMAND_PASSWORD, "ge_command_app");
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("realInfrastructure",
					Map.of("spring.datasource.url", url, "spring.datasource.username", COMMAND_LOGIN,
							"spring.datasource.password", COMMAND_PASSWORD, "spring.flyway.user", USER,
							"spring.flyway.password", PASSWORD, "spring.data.redis.url", REDIS_URL,
							"ge.redis.key-prefix", "ge-test-" + UUID.randomUUID() + ":")));
		context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("realInfrastructureDefaults", Map.of("GE_RATE_LIMIT_ENABLED", "false")));
	}

	/**
	 * The same database as {@code appDataSource}, as the owner (the superuser Flyway runs
	 * as), for what a test must do beyond the app's privileges (DDL, such as a constraint
	 * that poisons a projection).
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
